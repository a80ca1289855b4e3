package gen

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aslgen/aslgen/gen/internal/files"
	"github.com/aslgen/aslgen/gen/runner"
)

func TestIdent(t *testing.T) {
	for in, want := range map[string]string{
		"ProcessPayment": "ProcessPayment", "process-payment": "ProcessPayment", "orderId": "OrderID", "orderID": "OrderID",
		"Id": "ID", "ID": "ID", "ids": "IDs", "Send SNS Message": "SendSNSMessage", "9lives": "X9lives", "item_url": "ItemURL",
		"OrderFulfilment": "OrderFulfilment", "Größe": "Größe", "注文": "X注文", "über-Größe": "ÜberGröße",
		"func": "Func", "---": "", "": "", "😀": "", "a😀b": "AB",
	} {
		if got := ident(in); got != want {
			t.Errorf("ident(%q) = %q, want %q", in, got, want)
		}
	}
}

const testPkgPath = "example.com/m/orders"

// userFile is the user's code of the package the tests generate into.
const userFile = `package orders

import "time"

// Order is a declared payload type.
type Order struct {
	ID    string    ` + "`json:\"id\"`" + `
	Lines []Line    ` + "`json:\"lines\"`" + `
	At    time.Time ` + "`json:\"at\"`" + `
}

// Line is an order's line.
type Line struct {
	SKU string ` + "`json:\"sku\"`" + `
	Qty int    ` + "`json:\"qty,omitempty\"`" + `
}

type local struct{ X int }

func helper() {}
`

// testPkg returns the package of the tests, with the declarations of the
// user's files (path → source) as discover finds them.
func testPkg(t testing.TB, files map[string]string) *pkg {
	t.Helper()
	p := &pkg{Path: testPkgPath, Name: "orders", Decls: map[string]decl{}, Types: map[string]bool{}}
	fset := token.NewFileSet()
	paths := make([]string, 0, len(files))
	for path := range files {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		f, err := parser.ParseFile(fset, path, files[path], parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		types := p.Types
		if strings.HasSuffix(path, "_test.go") {
			types = nil
		}
		declaredNames(fset, f, p.Decls, types)
	}
	return p
}

var (
	str      = &runner.Shape{Kind: "string"}
	integer  = &runner.Shape{Kind: "integer"}
	lineType = &runner.Shape{Kind: "object", Go: &runner.GoType{Pkg: testPkgPath, Name: "Line"}, Fields: []runner.ShapeField{
		{Name: "sku", Shape: str}, {Name: "qty", Optional: true, Shape: integer}}}
	orderType = &runner.Shape{Kind: "object", Go: &runner.GoType{Pkg: testPkgPath, Name: "Order"}, Fields: []runner.ShapeField{
		{Name: "id", Shape: str},
		{Name: "lines", Shape: &runner.Shape{Kind: "array", Elem: lineType}},
		{Name: "at", Shape: &runner.Shape{Kind: "timestamp", Go: &runner.GoType{Pkg: "time", Name: "Time"}}},
	}}
)

// plain strips a shape of its Go types, as data flow derives shapes.
func plain(s *runner.Shape) *runner.Shape {
	if s == nil {
		return nil
	}
	c := *s
	c.Go = nil
	c.Fields = nil
	for _, f := range s.Fields {
		f.Shape = plain(f.Shape)
		c.Fields = append(c.Fields, f)
	}
	c.Elem = plain(s.Elem)
	c.Elems = nil
	for _, e := range s.Elems {
		c.Elems = append(c.Elems, plain(e))
	}
	return &c
}

func obj(fields ...runner.ShapeField) *runner.Shape {
	return &runner.Shape{Kind: "object", Fields: fields}
}

func orNull(s *runner.Shape) *runner.Shape {
	return &runner.Shape{Kind: "union", Elems: []*runner.Shape{s, {Kind: "null"}}}
}

// machineAt returns a machine as Render passes it to renderGo: constructed
// at flow.go:10, its states at flow.go:11, 12, ... in order.
func machineAt(m runner.Machine) typedMachine {
	tm := typedMachine{m: m, pos: token.Position{Filename: "flow.go", Line: 10}, states: map[string]token.Position{}}
	tm.file, _ = files.ASLName(m.Name)
	if m.Types != nil {
		for i, task := range m.Types.Tasks {
			tm.states[task.State] = token.Position{Filename: "flow.go", Line: 11 + i}
		}
	}
	return tm
}

// checkout is a typed machine with inferred shapes of every kind.
func checkout() runner.Machine {
	return runner.Machine{Name: "Checkout", Types: &runner.Types{
		Input:  orderType,
		Output: &runner.Shape{Kind: "unknown"},
		Tasks: []runner.TaskTypes{{
			State: "charge-card",
			Input: obj(
				runner.ShapeField{Name: "orderId", Shape: str},
				runner.ShapeField{Name: "at", Shape: &runner.Shape{Kind: "timestamp"}},
				runner.ShapeField{Name: "note", Optional: true, Shape: orNull(str)},
				runner.ShapeField{Name: "count", Optional: true, Shape: integer},
				runner.ShapeField{Name: "tags", Optional: true, Shape: &runner.Shape{Kind: "array", Elem: str}},
				runner.ShapeField{Name: "lines", Shape: &runner.Shape{Kind: "array", Elem: &runner.Shape{Kind: "union", Elems: []*runner.Shape{
					obj(runner.ShapeField{Name: "sku", Shape: str}),
					obj(runner.ShapeField{Name: "sku", Shape: str}, runner.ShapeField{Name: "price", Shape: &runner.Shape{Kind: "number"}}),
				}}}},
				runner.ShapeField{Name: "meta", Shape: &runner.Shape{Kind: "object", Open: true}},
				runner.ShapeField{Name: "customer", Optional: true, Shape: obj(
					runner.ShapeField{Name: "name", Shape: str},
					runner.ShapeField{Name: "address", Shape: obj(runner.ShapeField{Name: "city", Shape: str})})},
				runner.ShapeField{Name: "line", Shape: plain(lineType)},
				runner.ShapeField{Name: "odd", Shape: obj(runner.ShapeField{Name: "a,b", Shape: str})},
			),
			Result: &runner.Shape{Kind: "object", Go: &runner.GoType{Pkg: "example.com/m/pay", Name: "Receipt"}},
		}, {
			State:  "Refund",
			Input:  plain(orderType),
			Result: orNull(obj(runner.ShapeField{Name: "ok", Shape: &runner.Shape{Kind: "boolean"}})),
		}},
	}}
}

func render(t testing.TB, p *pkg, ms ...runner.Machine) (main, test string, err error) {
	t.Helper()
	var tms []typedMachine
	for _, m := range ms {
		tms = append(tms, machineAt(m))
	}
	mainSrc, testSrc, err := renderGo("", p, tms)
	return string(mainSrc), string(testSrc), err
}

// TestRenderGo checks the Go aslgen writes for a typed machine: aliases for
// the user's types and for shapes equal to them, named structs for inferred
// shapes (nested ones named after their parent and member), optional members
// as pointers with omitempty (omitzero for slices and maps), merged
// alternatives; the embedded ASL and its accessor in aslgen_gen.go; the
// simulator and typed mocks in aslgen_gen_test.go; and that an untyped
// machine of the package gets only the accessor and the simulator.
func TestRenderGo(t *testing.T) {
	p := testPkg(t, map[string]string{"types.go": userFile})
	main, test, err := render(t, p, checkout(), runner.Machine{Name: "Plain"})
	if err != nil {
		t.Fatal(err)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") } // alignment aside
	for _, want := range []string{
		files.GeneratedHeader,
		"//go:embed checkout.asl.json\nvar checkoutASL []byte",
		"func CheckoutASL() []byte",
		"func PlainASL() []byte",
		"type CheckoutInput = Order",
		"type CheckoutOutput any",
		"type CheckoutChargeCardInput struct {",
		"OrderID string `json:\"orderId\"`",
		"At time.Time `json:\"at\"`",
		"Note *string `json:\"note,omitempty\"`",
		"Count *int64 `json:\"count,omitempty\"`",
		"Tags []string `json:\"tags,omitzero\"`",
		"Lines []CheckoutChargeCardInputLinesItem `json:\"lines\"`",
		"type CheckoutChargeCardInputLinesItem struct { Sku string `json:\"sku\"` Price *float64 `json:\"price,omitempty\"` }",
		"Meta map[string]any `json:\"meta\"`",
		"Customer *CheckoutChargeCardInputCustomer `json:\"customer,omitempty\"`",
		"type CheckoutChargeCardInputCustomer struct { Name string `json:\"name\"` Address CheckoutChargeCardInputCustomerAddress `json:\"address\"` }",
		"type CheckoutChargeCardInputCustomerAddress struct { City string `json:\"city\"` }",
		"Line Line `json:\"line\"`", // the user's type, by its shape
		"Odd map[string]any `json:\"odd\"`",
		"type CheckoutChargeCardOutput = pay.Receipt",
		"type CheckoutRefundInput = Order", // the user's type, by its shape
		"type CheckoutRefundOutput struct { Ok bool `json:\"ok\"` }",
	} {
		if !strings.Contains(flat(main), flat(want)) {
			t.Errorf("aslgen_gen.go lacks %q", want)
		}
	}
	for _, bad := range []string{"dsl/sim", "dsl/asl", "Simulator", "Mock", "PlainInput", "struct {\n\t\tStatus"} {
		if strings.Contains(main, bad) {
			t.Errorf("aslgen_gen.go holds %q", bad)
		}
	}
	for _, want := range []string{
		files.GeneratedHeader,
		"package orders",
		"func NewCheckoutSimulator(opts ...sim.Option) (*sim.Simulator, error)",
		"doc, err := asl.Unmarshal(checkoutASL)",
		"func NewPlainSimulator(",
		"func MockCheckoutChargeCard(f func(context.Context, CheckoutChargeCardInput) (CheckoutChargeCardOutput, error)) sim.Option",
		`return sim.OnState("charge-card", sim.Func(f))`,
		"func MockCheckoutRefund(",
	} {
		if !strings.Contains(flat(test), flat(want)) {
			t.Errorf("aslgen_gen_test.go lacks %q", want)
		}
	}
	for name, src := range map[string]string{files.GoFile: main, files.GoTestFile: test} {
		if formatted, err := format.Source([]byte(src)); err != nil || string(formatted) != src {
			t.Errorf("%s is not gofmt'd: %v", name, err)
		}
		if !files.IsGenerated([]byte(src)) {
			t.Errorf("%s lacks the header", name)
		}
	}
	mainAgain, testAgain, _ := render(t, p, runner.Machine{Name: "Plain"}, checkout())
	if mainAgain != main || testAgain != test {
		t.Error("the output depends on the order of the machines")
	}
	if t.Failed() {
		t.Logf("%s:\n%s\n%s:\n%s", files.GoFile, main, files.GoTestFile, test)
	}
}

// TestRenderGoCompiles type-checks what TestRenderGo's machines give, with
// the user's file, when the user's types are all in the package.
func TestRenderGoCompiles(t *testing.T) {
	m := checkout()
	m.Types.Tasks[0].Result = &runner.Shape{Kind: "unknown"}
	p := testPkg(t, map[string]string{"types.go": userFile})
	main, test, err := render(t, p, m, runner.Machine{Name: "Plain"})
	if err != nil {
		t.Fatal(err)
	}
	if err := typeCheck(map[string]string{"types.go": userFile, files.GoFile: main, files.GoTestFile: test}); err != nil {
		t.Fatalf("%v\n%s\n%s", err, main, test)
	}
}

// TestGoNamesStable checks that a machine's generated names do not depend
// on the other machines of the package: adding a machine with a task of the
// same name (which renamed MockX before) leaves every declaration of the
// first as it was.
func TestGoNamesStable(t *testing.T) {
	p := testPkg(t, map[string]string{"types.go": userFile})
	pay := func(name string) runner.Machine {
		return runner.Machine{Name: name, Types: &runner.Types{Input: orderType, Output: orderType,
			Tasks: []runner.TaskTypes{{State: "Charge", Input: orderType, Result: plain(orderType)}}}}
	}
	alone, aloneTest, err := render(t, p, pay("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	both, bothTest, err := render(t, p, pay("Payments"), pay("Refunds"))
	if err != nil {
		t.Fatal(err)
	}
	for file, pair := range map[string][2]string{files.GoFile: {alone, both}, files.GoTestFile: {aloneTest, bothTest}} {
		before, after := declsOf(t, pair[0]), declsOf(t, pair[1])
		if len(before) == 0 || len(after) <= len(before) {
			t.Errorf("%s: %d declarations alone, %d with a second machine", file, len(before), len(after))
		}
		for name, d := range before {
			if after[name] != d {
				t.Errorf("%s: adding a machine changed %s:\n%s\nto\n%s", file, name, d, after[name])
			}
		}
	}
	for _, want := range []string{"PaymentsChargeInput", "RefundsChargeInput"} {
		if !strings.Contains(both, "type "+want+" = Order") {
			t.Errorf("no %s:\n%s", want, both)
		}
	}
	if !strings.Contains(bothTest, "func MockPaymentsCharge(") || !strings.Contains(bothTest, "func MockRefundsCharge(") {
		t.Errorf("mocks:\n%s", bothTest)
	}

	// A task named like its machine has names of its own.
	same := runner.Machine{Name: "Pay", Types: &runner.Types{Input: orderType, Output: plain(orderType),
		Tasks: []runner.TaskTypes{{State: "Pay", Input: obj(runner.ShapeField{Name: "amount", Shape: integer}), Result: str}}}}
	main, _, err := render(t, p, same)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"type PayInput = Order", "type PayPayInput struct", "type PayPayOutput string"} {
		if !strings.Contains(main, want) {
			t.Errorf("lacks %q:\n%s", want, main)
		}
	}
}

// declsOf returns the top-level declarations of Go source, by name.
func declsOf(t testing.TB, src string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	out := map[string]string{}
	add := func(name string, node any) {
		var b bytes.Buffer
		printer.Fprint(&b, fset, node)
		out[name] = b.String()
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			add(d.Name.Name, d)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name.Name, s)
				case *ast.ValueSpec:
					add(s.Names[0].Name, s)
				}
			}
		}
	}
	return out
}

// TestGoNameCollisions checks that names two states need, or that the
// user's package declares, are errors at the states' builder calls (or the
// constructor, or the user's declaration), and that nothing is rendered.
func TestGoNameCollisions(t *testing.T) {
	task := func(state string) runner.TaskTypes {
		return runner.TaskTypes{State: state, Input: orderType, Result: orderType}
	}
	typed := func(name string, tasks ...runner.TaskTypes) runner.Machine {
		return runner.Machine{Name: name, Types: &runner.Types{Input: orderType, Output: orderType, Tasks: tasks}}
	}
	user := userFile + "\n// PaymentsRefundInput is the user's.\ntype PaymentsRefundInput struct{}\n"
	tests := []struct {
		name     string
		files    map[string]string
		machines []runner.Machine
		want     []string
	}{{
		name:     "two states, one identifier",
		machines: []runner.Machine{typed("Payments", task("Pay-Now"), task("PayNow"))},
		want: []string{`flow.go:12: state "PayNow" of machine "Payments": its generated Go name PaymentsPayNowInput is also that of ` +
			`state "Pay-Now" of machine "Payments" (flow.go:11); rename one of them`},
	}, {
		name:     "a user's type",
		files:    map[string]string{"types.go": user},
		machines: []runner.Machine{typed("Payments", task("Refund"))},
		want: []string{`flow.go:11: state "Refund" of machine "Payments": its generated Go name PaymentsRefundInput is already declared (type) ` +
			`at types.go:23; rename one of them`},
	}, {
		name:     "a user's test helper",
		files:    map[string]string{"types.go": userFile, "sim_test.go": "package orders\n\nfunc MockPaymentsRefund() {}\n"},
		machines: []runner.Machine{typed("Payments", task("Refund"))},
		want:     []string{`flow.go:11: state "Refund" of machine "Payments": its generated Go name MockPaymentsRefund is already declared (func) at sim_test.go:3`},
	}, {
		name:     "two machines",
		machines: []runner.Machine{typed("Order", task("Processing")), typed("OrderProcessing"), typed("order-processing")},
		want: []string{
			`flow.go:10: machine "order-processing": its generated Go name orderProcessingASL is also that of machine "OrderProcessing" (flow.go:10); rename one of them`,
			`flow.go:10: machine "OrderProcessing": its generated Go name OrderProcessingInput is also that of state "Processing" of machine "Order" (flow.go:11); rename one of them`,
		},
	}, {
		name:     "a predeclared name",
		files:    map[string]string{"types.go": userFile + "\nvar error = 1\n"},
		machines: []runner.Machine{typed("Payments")},
		want:     []string{`types.go:22: the package declares error, which hides the predeclared error that the generated code uses; rename it`},
	}, {
		name:     "no letter",
		machines: []runner.Machine{typed("Payments", task("---"))},
		want:     []string{`flow.go:11: state "---" of machine "Payments": its name has no letter or digit to name its Go types; rename it`},
	}, {
		name:     "windows device",
		machines: []runner.Machine{typed("Aux")},
		want:     []string{`flow.go:10: machine "Aux": go:embed cannot embed its file aux.asl.json`},
	}, {
		name: "nested",
		machines: []runner.Machine{{Name: "M", Types: &runner.Types{Input: obj(
			runner.ShapeField{Name: "a", Shape: &runner.Shape{Kind: "array", Elem: obj(runner.ShapeField{Name: "x", Shape: str})}},
			runner.ShapeField{Name: "aItem", Shape: obj(runner.ShapeField{Name: "y", Shape: str})},
		)}}},
		want: []string{`flow.go:10: machine "M": two of its generated Go names are both MInputAItem; rename it`},
	}}
	for _, tt := range tests {
		userFiles := tt.files
		if userFiles == nil {
			userFiles = map[string]string{"types.go": userFile}
		}
		main, test, err := render(t, testPkg(t, userFiles), tt.machines...)
		list, ok := err.(ErrorList)
		if !ok || main != "" || test != "" {
			t.Errorf("%s: error %v (%T), rendered %d+%d bytes", tt.name, err, err, len(main), len(test))
			continue
		}
		got := list.Error()
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: errors lack\n%s\ngot\n%s", tt.name, want, got)
			}
		}
		for _, e := range list {
			if !regexp.MustCompile(`^(flow|types)\.go:\d+: `).MatchString(e.Error()) {
				t.Errorf("%s: an error without its position: %s", tt.name, e)
			}
		}
	}
}

// TestGoImportNames checks that the generated files import packages under
// names the user's package does not declare, and that the result compiles.
func TestGoImportNames(t *testing.T) {
	user := userFile + "\nvar bytes, context, sim, asl = 1, 2, 3, 4\n"
	m := runner.Machine{Name: "Payments", Types: &runner.Types{Input: orderType, Output: orderType,
		Tasks: []runner.TaskTypes{{State: "Charge", Input: obj(runner.ShapeField{Name: "at", Shape: &runner.Shape{Kind: "timestamp"}}), Result: orderType}}}}
	main, test, err := render(t, testPkg(t, map[string]string{"types.go": user}), m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`bytes2 "bytes"`, `"time"`} {
		if !strings.Contains(main, want) {
			t.Errorf("aslgen_gen.go lacks %s:\n%s", want, main)
		}
	}
	for _, want := range []string{`context2 "context"`, `sim2 "github.com/aslgen/aslgen/dsl/sim"`, `asl2 "github.com/aslgen/aslgen/dsl/asl"`} {
		if !strings.Contains(test, want) {
			t.Errorf("aslgen_gen_test.go lacks %s:\n%s", want, test)
		}
	}
	if err := typeCheck(map[string]string{"types.go": user, files.GoFile: main, files.GoTestFile: test}); err != nil {
		t.Fatalf("%v\n%s\n%s", err, main, test)
	}
}

// TestReferable checks which of the user's types generated code may name.
func TestReferable(t *testing.T) {
	g := &goGen{pkg: testPkg(t, map[string]string{"types.go": userFile})}
	for _, tt := range []struct {
		t    runner.GoType
		want bool
	}{
		{runner.GoType{Pkg: testPkgPath, Name: "Order"}, true},
		{runner.GoType{Pkg: testPkgPath, Name: "local"}, true},
		{runner.GoType{Pkg: testPkgPath, Name: "Inside"}, false}, // declared in a function
		{runner.GoType{Pkg: testPkgPath, Name: "Box[int]"}, false},
		{runner.GoType{Pkg: "example.com/m/pay", Name: "Receipt"}, true},
		{runner.GoType{Pkg: "example.com/m/pay", Name: "receipt"}, false},
		{runner.GoType{Pkg: "example.com/m/orders/internal/x", Name: "T"}, true},
		{runner.GoType{Pkg: "example.com/m/billing/internal/x", Name: "T"}, false},
		{runner.GoType{Pkg: "main", Name: "T"}, false},
		{runner.GoType{Pkg: "time", Name: "Time"}, true},
	} {
		if got := g.referable(&tt.t); got != tt.want {
			t.Errorf("referable(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestEmbeddable(t *testing.T) {
	for name, want := range map[string]bool{
		"orders.asl.json": true, "größe.asl.json": true, "注文.asl.json": true,
		"aux.asl.json": false, "com1.asl.json": false, "flow٣.asl.json": false, "auxiliary.asl.json": true,
	} {
		if got := embeddable(name); got != want {
			t.Errorf("embeddable(%q) = %v, want %v", name, got, want)
		}
	}
}

// FuzzGoNames renders machines with arbitrary machine, state and member
// names and checks that the generated Go is either refused with errors
// located at the user's code, or parses, is gofmt'd and type-checks with
// the user's file; and that adding another machine with the same task names
// changes none of the first machine's declarations.
func FuzzGoNames(f *testing.F) {
	for _, seed := range [][5]string{
		{"Payments", "Pay-Now", "PayNow", "orderId", "x"},
		{"Pay", "Pay", "Refund", "id", "PayPayInput"},
		{"9lives", "1st", "ID", "Id", "y"},
		{"注文", "Größe", "ǅemo", "注文", "z"},
		{"func", "type", "map", "string", "any"},
		{"Orders", "Id", "ID", "ID", "OrdersIDInput"},
		{"Orders", "---", "A", "", "bytes"},
		{"Orders", "Send SNS Message", "send-sns-message", "a,b", "sim"},
		{"Aux", "a", "b", "c", "context"},
		{"M", "Input", "Output", "Item", "time"},
		{"M", "A", "B", "😀", "MockMA"},
		{"M", "A\nB", "C\"D", "e`f", "asl"},
		{"_", "x", "y", "z", "w"},
		{"orders", "Order", "Line", "lines", "Order"},
		{"M", "\xff", "ok", "\x00", "err"},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3], seed[4])
	}
	f.Fuzz(func(t *testing.T, machine, state1, state2, member, userName string) {
		if state1 == state2 {
			t.Skip("state names are unique in a machine")
		}
		if _, err := files.ASLName(machine); err != nil {
			t.Skip("Render refuses the machine before rendering Go")
		}
		user := userFile
		switch userName {
		case "Order", "Line", "local", "helper", "time", "init", "string", "int", "_":
			// the user's file would not compile
		default:
			if token.IsIdentifier(userName) {
				user += "\nvar " + userName + " = 1\n"
			}
		}
		p := testPkg(t, map[string]string{"types.go": user})
		m := fuzzMachine(machine, state1, state2, member)
		main, test, err := render(t, p, m)
		if err != nil {
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("error %v (%T), want a list of located problems", err, err)
			}
			for _, e := range list {
				if !regexp.MustCompile(`^(flow|types)\.go:\d+: `).MatchString(e.Error()) {
					t.Errorf("an error without its position: %q", e)
				}
			}
			return
		}
		for name, src := range map[string]string{files.GoFile: main, files.GoTestFile: test} {
			formatted, err := format.Source([]byte(src))
			if err != nil || string(formatted) != src {
				t.Fatalf("%s is not gofmt'd Go: %v\n%s", name, err, src)
			}
		}
		if strings.Contains(main, "dsl/sim") || strings.Contains(main, "dsl/asl") {
			t.Errorf("%s imports the simulator:\n%s", files.GoFile, main)
		}
		if err := typeCheck(map[string]string{"types.go": user, files.GoFile: main, files.GoTestFile: test}); err != nil {
			t.Fatalf("%v\n%s\n%s", err, main, test)
		}

		other := fuzzMachine(machine+" other", state1, state2, member)
		main2, test2, err := render(t, p, m, other)
		if err != nil {
			return // the other machine's names may collide with the first's: that is reported
		}
		for file, pair := range map[string][2]string{files.GoFile: {main, main2}, files.GoTestFile: {test, test2}} {
			after := declsOf(t, pair[1])
			for name, d := range declsOf(t, pair[0]) {
				if after[name] != d {
					t.Errorf("%s: adding a machine changed %s:\n%s\nto\n%s", file, name, d, after[name])
				}
			}
		}
	})
}

// fuzzMachine is a typed machine whose names come from the fuzzer.
func fuzzMachine(machine, state1, state2, member string) runner.Machine {
	return runner.Machine{Name: machine, Types: &runner.Types{
		Input: orderType,
		Output: obj(
			runner.ShapeField{Name: member, Shape: str},
			runner.ShapeField{Name: "nested", Optional: true, Shape: obj(runner.ShapeField{Name: member, Shape: obj(runner.ShapeField{Name: "x", Shape: integer})})},
		),
		Tasks: []runner.TaskTypes{{
			State: state1,
			Input: obj(
				runner.ShapeField{Name: member, Optional: true, Shape: str},
				runner.ShapeField{Name: "lines", Shape: &runner.Shape{Kind: "array", Elem: plain(lineType)}},
				runner.ShapeField{Name: member + "2", Shape: orNull(obj(runner.ShapeField{Name: member, Shape: str}))},
			),
			Result: &runner.Shape{Kind: "unknown"},
		}, {
			State:  state2,
			Input:  orderType,
			Result: obj(runner.ShapeField{Name: member, Shape: orNull(obj(runner.ShapeField{Name: "a", Shape: str}))}),
		}},
	}}
}

// exportImporter imports the packages that the generated files import (the
// simulator and the standard library) from their export data, which the go
// command builds once (go list -export), offline.
var exportImporter = sync.OnceValues(func() (types.Importer, error) {
	cmd := exec.Command("go", "list", "-deps", "-export", "-f", "{{.ImportPath}}\t{{.Export}}", simPath, aslPath, "bytes", "context", "embed", "time")
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			err = fmt.Errorf("%v\n%s", err, exit.Stderr)
		}
		return nil, err
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", lookup), nil
})

var typeCheckMu sync.Mutex

// typeCheck parses and type-checks Go files (name → source) as the package
// example.com/m/orders, tests included.
func typeCheck(files map[string]string) error {
	typeCheckMu.Lock() // the importer is not safe for concurrent use
	defer typeCheckMu.Unlock()
	fset := token.NewFileSet()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var parsed []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.ParseComments)
		if err != nil {
			return err
		}
		parsed = append(parsed, f)
	}
	imp, err := exportImporter()
	if err != nil {
		return err
	}
	var errs []string
	conf := types.Config{Importer: imp, Error: func(err error) { errs = append(errs, err.Error()) }}
	conf.Check(testPkgPath, fset, parsed, nil)
	if len(errs) > 0 {
		return fmt.Errorf("type-checking: %s", strings.Join(errs, "\n"))
	}
	return nil
}
