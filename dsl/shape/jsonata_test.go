package shape

import (
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonata"
	"github.com/google/go-cmp/cmp"
)

// jsonataDoc wraps states in a JSONata machine that starts at the first.
func jsonataDoc(start, states string) string {
	return `{"QueryLanguage": "JSONata", "StartAt": "` + start + `", "States": {` + states + `}}`
}

func TestJSONataInputPaths(t *testing.T) {
	sm := machine(t, jsonataDoc("Greet", `
		"Greet": {"Type": "Pass", "Output": "{% $states.input.customer.emial %}", "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a, `error /States/Greet/Output: $states.input.customer.emial: no field "emial" in shape.Customer (did you mean "email"?)`)
	f := a.Findings[0]
	if f.State != "Greet" || f.Field != "Output" || f.Path != "$states.input.customer.emial" || f.Severity != Error {
		t.Errorf("finding %+v", f)
	}
	sm = machine(t, jsonataDoc("Kinds", `
		"Kinds": {"Type": "Pass", "Output": {
			"who": {"name": "{% $states.input.customer.nmae %}"},
			"list": ["{% $states.input.ID %}"],
			"a": "{% $states.input.amount.cents %}",
			"b": "{% $states.input.items.skuu %}",
			"c": "{% $states.input.total[1] %}",
			"d": "{% $states.input.inptu %}",
			"e": "{% $states.inptu.id %}",
			"f": "{% $states.input.items[qtty > 1] %}",
			"ok1": "{% $states.input.items.sku %}",
			"ok2": "{% $states.input.items[0].qty %}",
			"ok3": "{% $states.input.total[0].amount %}",
			"ok4": "{% $states.input.tags.anything %}",
			"ok5": "{% $states.input.items[qty > 1].sku %}",
			"ok6": "{% $states.input.items[-1] %}"
		}, "End": true}`))
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Kinds/Output/who/name: $states.input.customer.nmae: no field "nmae" in shape.Customer (did you mean "name"?)`,
		`error /States/Kinds/Output/list/0: $states.input.ID: no field "ID" in shape.Order (did you mean "id"?)`,
		`error /States/Kinds/Output/a: $states.input.amount.cents: amount is number, not an object`,
		`error /States/Kinds/Output/b: $states.input.items.skuu: no field "skuu" in shape.Item (did you mean "sku"?)`,
		`error /States/Kinds/Output/c: $states.input.total[1]: total is shape.Money, not an array`,
		`error /States/Kinds/Output/d: $states.input.inptu: no field "inptu" in shape.Order`,
		`error /States/Kinds/Output/e: $states.inptu.id: no field "inptu" in $states (did you mean "input"?)`,
		`error /States/Kinds/Output/f: qtty: no field "qtty" in shape.Item (did you mean "qty"?)`,
	)
	if got := a.Findings[0].Field; got != `Output "who/name"` {
		t.Errorf("nested field label %q", got)
	}
	out := a.Output["Kinds"]
	want := map[string]*Shape{
		"ok1": Union(String(), ArrayOf(String())),
		"ok2": Integer(),
		"ok3": Number(),
		"ok4": String(),
		"ok5": Union(String(), ArrayOf(String())),
		"ok6": typeOf[Item](),
	}
	for name, w := range want {
		if f, _ := out.Field(name); !f.Shape.Equal(w) {
			t.Errorf("%s = %s, want %s", name, f.Shape, w)
		}
	}
}

func TestJSONataWarnings(t *testing.T) {
	// Only a path that is the whole expression fails the state when it
	// selects nothing: only then are optional members and nullable values
	// warned about. In $exists, a path that cannot select anything is a
	// warning.
	sm := machine(t, jsonataDoc("P", `"P": {"Type": "Pass", "Output": {
		"note": "{% $states.input.note %}",
		"email": "{% $states.input.customer.email %}",
		"inner": "{% $states.input.note & '!' %}",
		"has": "{% $exists($states.input.customer.emial) %}"
	}, "End": true}`))
	expect(t, Analyze(sm, Declared{Input: typeOf[Order]()}),
		`warning /States/P/Output/note: $states.input.note: field "note" of shape.Order may be absent`,
		`warning /States/P/Output/email: $states.input.customer.email: customer may be null`,
		`warning /States/P/Output/email: $states.input.customer.email: field "email" of shape.Customer may be absent`,
		`warning /States/P/Output/has: $states.input.customer.emial: no field "emial" in shape.Customer (did you mean "email"?)`,
	)
}

func TestJSONataResult(t *testing.T) {
	doc := jsonataDoc("Charge", `
		"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
			"Arguments": {"FunctionName": "charge", "Payload": {"amount": "{% $states.input.amount %}", "currency": "{% $states.input.total.currency %}"}},
			"Output": {"id": "{% $states.result.Payload.chargeId %}", "code": "{% $states.result.StatusCode %}", "bad": "{% $states.result.Payload.chargId %}", "flat": "{% $states.result.amount %}"},
			"Next": "Direct"},
		"Direct": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Next": "Pass"},
		"Pass": {"Type": "Pass", "Output": "{% $states.result %}", "End": true}`)
	a := Analyze(machine(t, doc), Declared{
		Input:      typeOf[Order](),
		TaskInput:  map[string]*Shape{"Charge": typeOf[ChargeRequest]()},
		TaskResult: map[string]*Shape{"Charge": typeOf[ChargeResult](), "Direct": typeOf[Receipt]()},
	})
	expect(t, a,
		`error /States/Charge/Output/bad: $states.result.Payload.chargId: no field "chargId" in shape.ChargeResult (did you mean "chargeId"?)`,
		`error /States/Charge/Output/flat: $states.result.amount: no field "amount" in {ExecutedVersion: string, Payload: shape.ChargeResult, SdkHttpMetadata: unknown, SdkResponseMetadata: unknown, StatusCode: integer} (did you mean "Payload.amount"?)`,
		`error /States/Pass/Output: $states.result: no field "result" in $states`,
	)
	charge := a.Output["Charge"]
	if f, _ := charge.Field("id"); !f.Shape.Equal(String()) {
		t.Errorf("id = %s", f.Shape)
	}
	if f, _ := charge.Field("code"); !f.Shape.Equal(Integer()) {
		t.Errorf("code = %s", f.Shape)
	}
	// Without Output, a task's output is its result.
	if got := a.Output["Direct"]; !got.Equal(typeOf[Receipt]()) {
		t.Errorf("Direct output %s", got)
	}
	if eff := a.EffectiveInput["Charge"]; eff.Kind() != KindObject {
		t.Errorf("effective input %s", eff)
	}
}

func TestJSONataArgumentsInputType(t *testing.T) {
	declared := Declared{Input: typeOf[Order](), TaskInput: map[string]*Shape{"T": typeOf[ChargeRequest]()}}
	cases := []struct {
		fields string
		want   []string
	}{
		{`"Resource": "arn:aws:states:::sqs:sendMessage", "Arguments": {"amount": "{% $states.input.amount %}", "currency": "{% $states.input.total.currency %}"}`, nil},
		{`"Resource": "arn:aws:states:::sqs:sendMessage", "Arguments": "{% $states.input.total %}"`, nil},
		{`"Resource": "arn:aws:states:::sqs:sendMessage", "Arguments": {"amount": "{% $states.input.id %}", "currency": "EUR"}`, []string{
			`error /States/T/Arguments: the effective input {amount: string, currency: string} does not fit the declared input shape.ChargeRequest: .amount: string does not fit number`}},
		{`"Resource": "arn:aws:states:::sqs:sendMessage"`, []string{
			`error /States/T: the effective input shape.Order does not fit the declared input shape.ChargeRequest: missing field "currency" of shape.ChargeRequest`}},
		// lambda:invoke: the function receives the Payload member.
		{`"Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input.total %}"}`, nil},
		{`"Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}`, []string{
			`error /States/T/Arguments/Payload: the Lambda payload shape.Order does not fit the declared input shape.ChargeRequest: missing field "currency" of shape.ChargeRequest`}},
		{`"Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": {"amount": "{% $string($states.input.amount) %}", "currency": "EUR"}}`, []string{
			`error /States/T/Arguments/Payload: the Lambda payload {amount: string, currency: string} does not fit the declared input shape.ChargeRequest: .amount: string does not fit number`}},
		{`"Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Arguments": "{% {'FunctionName': 'f', 'Payload': {'amount': $states.input.id, 'currency': 'EUR', 'token': $states.context.Task.Token}} %}"`, []string{
			`error /States/T/Arguments: the Lambda payload {amount: string, currency: string, token: string} does not fit the declared input shape.ChargeRequest: .amount: string does not fit number`}},
	}
	for _, c := range cases {
		doc := jsonataDoc("T", `"T": {"Type": "Task", `+c.fields+`, "End": true}`)
		a := Analyze(machine(t, doc), declared)
		if d := cmp.Diff(c.want, summary(a)); d != "" {
			t.Errorf("%s: findings (-want +got):\n%s", c.fields, d)
		}
	}
	f := Analyze(machine(t, jsonataDoc("T", `"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "End": true}`)), declared).Findings[0]
	if f.Field != `Arguments "Payload"` {
		t.Errorf("field label %q", f.Field)
	}
}

func TestJSONataErrorOutput(t *testing.T) {
	sm := machine(t, jsonataDoc("Pay", `
		"Pay": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Catch": [
			{"ErrorEquals": ["Bad"], "Output": {"why": "{% $states.errorOutput.Caus %}", "order": "{% $states.input.id %}", "err": "{% $states.errorOutput.Error %}"}, "Next": "Handle"},
			{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}], "End": true},
		"Handle": {"Type": "Pass", "Output": "{% $states.input.err %}", "End": true},
		"Fallback": {"Type": "Pass", "Output": "{% $states.input.Cause & $states.input.id %}", "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Pay/Catch/0/Output/why: $states.errorOutput.Caus: no field "Caus" in {Error: string, Cause: string} (did you mean "Cause"?)`,
		`error /States/Fallback/Output: $states.input.id: no field "id" in {Error: string, Cause: string}`,
	)
	if got := a.Findings[0].Field; got != `Catch[0].Output "why"` {
		t.Errorf("field label %q", got)
	}
	if got := a.Output["Handle"]; !got.Equal(String()) {
		t.Errorf("Handle output %s", got)
	}
}

func TestJSONataContext(t *testing.T) {
	sm := machine(t, jsonataDoc("Each", `
		"Each": {"Type": "Map", "Items": "{% $states.input.items %}",
			"ItemSelector": {"sku": "{% $states.context.Map.Item.Value.sku %}", "n": "{% $states.context.Map.Item.Index %}", "q": "{% $states.context.Map.Item.Value.qyt %}"},
			"ItemProcessor": {"StartAt": "One", "States": {
				"One": {"Type": "Pass", "Output": {"s": "{% $states.input.sku %}", "id": "{% $states.context.Execution.Input.id %}", "bad": "{% $states.context.Execution.Input.di %}"}, "End": true}}},
			"Next": "Out"},
		"Out": {"Type": "Pass", "Output": {"first": "{% $states.input[0].s %}", "name": "{% $states.context.State.Name %}", "bad": "{% $states.context.Exection.Id %}"}, "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Each/ItemSelector/q: $states.context.Map.Item.Value.qyt: no field "qyt" in shape.Item (did you mean "qty"?)`,
		`error /States/Each/ItemProcessor/States/One/Output/bad: $states.context.Execution.Input.di: no field "di" in shape.Order (did you mean "id"?)`,
		`error /States/Out/Output/bad: $states.context.Exection.Id: no field "Exection" in $states.context (did you mean "Execution"?)`,
	)
	out := a.Output["Out"]
	if f, _ := out.Field("first"); !f.Shape.Equal(String()) {
		t.Errorf("first = %s", f.Shape)
	}
	if want := ArrayOf(ObjectOf([]Field{{Name: "s", Shape: String()}, {Name: "id", Shape: String()}, {Name: "bad", Shape: Unknown()}}, false)); !a.Output["Each"].Equal(want) {
		t.Errorf("Each output %s, want %s", a.Output["Each"], want)
	}
	// Items must be an array or an object; without Items, the input must be.
	sm = machine(t, jsonataDoc("M", `"M": {"Type": "Map", "Items": "{% $states.input.amount %}", "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}, "Next": "N"},
		"N": {"Type": "Map", "ItemProcessor": {"StartAt": "Y", "States": {"Y": {"Type": "Succeed"}}}, "End": true}`))
	expect(t, Analyze(sm, Declared{Input: typeOf[Order]()}),
		`error /States/M/Items: $states.input.amount: Items must be an array or an object, but it is number`)
	expect(t, Analyze(sm, Declared{Input: typeOf[[]Item]()}),
		`error /States/M/Items: $states.input.amount: no field "amount" in shape.Item`)
	sm = machine(t, jsonataDoc("N", `"N": {"Type": "Map", "ItemProcessor": {"StartAt": "Y", "States": {"Y": {"Type": "Succeed"}}}, "End": true}`))
	a = Analyze(sm, Declared{Input: typeOf[string]()})
	expect(t, a, `error /States/N: $states.input: without Items, a Map state's input must be an array or an object, but it is string`)
	if f := a.Findings[0]; f.Field != "Items" {
		t.Errorf("field %q", f.Field)
	}
}

func TestJSONataChoiceCondition(t *testing.T) {
	sm := machine(t, jsonataDoc("C", `
		"C": {"Type": "Choice", "Choices": [
			{"Condition": "{% $states.input.amount > 100 %}", "Output": {"big": "{% $states.input.amount %}"}, "Next": "Big"},
			{"Condition": "{% $states.input.paid %}", "Next": "Paid"},
			{"Condition": "{% $states.input.id %}", "Next": "Paid"},
			{"Condition": "{% $states.input.amout > 1 %}", "Next": "Paid"}],
			"Default": "Other", "Output": {"other": true}},
		"Big": {"Type": "Pass", "Output": "{% $states.input.big %}", "End": true},
		"Paid": {"Type": "Succeed"},
		"Other": {"Type": "Pass", "Output": "{% $states.input.other %}", "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/C/Choices/2/Condition: $states.input.id: Condition must be a boolean, but it is string`,
		`error /States/C/Choices/3/Condition: $states.input.amout: no field "amout" in shape.Order (did you mean "amount"?)`,
	)
	if got := a.Findings[1].Field; got != "Choices[3].Condition" {
		t.Errorf("field label %q", got)
	}
	if got := a.Output["Big"]; !got.Equal(Number()) {
		t.Errorf("Big output %s", got)
	}
	if got := a.Output["Other"]; !got.Equal(Bool()) {
		t.Errorf("Other output %s", got)
	}
	if got := a.Input["Paid"]; !got.Equal(typeOf[Order]()) {
		t.Errorf("a rule without Output passes the input: %s", got)
	}
}

func TestJSONataConstructors(t *testing.T) {
	sm := machine(t, jsonataDoc("P", `"P": {"Type": "Pass", "Output": "{% {'id': $states.input.id, 'n': $count($states.input.items), 'note': $states.input.note, 'pair': [$states.input.amount, $states.input.id], 'skus': [$states.input.items.sku], 'nested': [[1, 2], [3]], 'range': [1..3], $states.input.id: 1} %}", "Next": "Q"},
		"Q": {"Type": "Pass", "Output": "{% {'id': $states.input.id, 'note': $states.input.note, 'pair': $states.input.pair, 'skus': $states.input.skus} %}", "Next": "R"},
		"R": {"Type": "Pass", "Output": {"id": "{% $states.input.id %}", "lit": [1, "two", true, null]}, "Next": "S"},
		"S": {"Type": "Pass", "Output": "{% $states.input.nope %}", "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a, `error /States/S/Output: $states.input.nope: no field "nope" in {id: string, lit: [](integer | string | boolean | null)}`)
	want := ObjectOf([]Field{
		{Name: "id", Shape: String()},
		{Name: "note", Shape: String(), Optional: true},
		{Name: "pair", Shape: ArrayOf(Union(Number(), String()))},
		{Name: "skus", Shape: ArrayOf(String())},
	}, false)
	if got := a.Output["Q"]; !got.Equal(want) {
		t.Errorf("Q output %s, want %s", got, want)
	}
	p := a.Output["P"]
	if !p.Open() {
		t.Errorf("an object with a computed key is open: %s", p)
	}
	if f, _ := p.Field("nested"); !f.Shape.Equal(ArrayOf(ArrayOf(Integer()))) {
		t.Errorf("nested = %s", f.Shape)
	}
	if f, _ := p.Field("range"); !f.Shape.Equal(ArrayOf(Integer())) {
		t.Errorf("range = %s", f.Shape)
	}
}

func TestJSONataFunctions(t *testing.T) {
	in := typeOf[Order]()
	states := statesObject(in, contextObject(in, nil, nil, false, "$states.context"), nil, nil)
	cases := []struct {
		expr string
		want *Shape
	}{
		{"$count($states.input.items)", Integer()},
		{"$sum($states.input.items.qty)", Integer()},
		{"$sum($states.input.items.qty) / 2", Number()},
		{"$max($states.input.items.qty)", Integer()},
		{"$average($states.input.items.qty)", Number()},
		{"$string($states.input.amount)", String()},
		{"$number($states.input.id)", Number()},
		{"$boolean($states.input.id)", Bool()},
		{"$not($states.input.paid)", Bool()},
		{"$exists($states.input.note)", Bool()},
		{"$length($states.input.id)", Integer()},
		{"$uppercase($states.input.id)", String()},
		{"$lowercase($states.input.id) & '-' & $states.input.id", String()},
		{"$join($states.input.items.sku, ',')", String()},
		{"$keys($states.input.total)", Union(String(), ArrayOf(String()))},
		{"$now()", Timestamp()},
		{"$millis()", Integer()},
		{"$split($states.input.id, '-')", ArrayOf(String())},
		{"$map($states.input.items, function($v) { $v.qty * 2 })", Union(Integer(), ArrayOf(Integer()))},
		{"$map($states.input.items, function($v, $i) { {'sku': $v.sku, 'at': $i} })", Union(
			ObjectOf([]Field{{Name: "sku", Shape: String()}, {Name: "at", Shape: Integer()}}, false),
			ArrayOf(ObjectOf([]Field{{Name: "sku", Shape: String()}, {Name: "at", Shape: Integer()}}, false)))},
		{"$filter($states.input.items, function($v) { $v.qty > 1 })", Union(typeOf[Item](), ArrayOf(typeOf[Item]()))},
		{"$states.input.items ~> $count()", Integer()},
		{"$sort($states.input.items.sku)", ArrayOf(String())},
		{"$round($states.input.amount)", Integer()},
		{"$round($states.input.amount, 2)", Number()},
		{"$states.input.amount + 1", Number()},
		{"$count($states.input.items) + 1", Integer()},
		{"-$count($states.input.items)", Integer()},
		{"$states.input.paid ? 'yes' : 'no'", String()},
		{"$states.input.paid ? 1 : 'no'", Union(Integer(), String())},
		{"($x := $states.input.total; $x.currency)", String()},
		{"$states.input.id in ['a', 'b']", Bool()},
		{"$type($states.input)", String()},
		{"$lookup($states.input.total, 'amount')", Unknown()},
		{"$unknownFunction(1)", Unknown()},
		{"$merge([$states.input.total])", Unknown()},
	}
	for _, c := range cases {
		e, err := jsonata.ParseTemplate("{% " + c.expr + " %}")
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		a := &analyzer{info: map[string]*stateInfo{}, res: &Analysis{}}
		x := &jx{a: a, env: jenv{states: states}, root: e.Root}
		if got := x.expr(e.Root, nil, &jframe{}); !got.s.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.expr, got.s, c.want)
		}
	}
	// Paths inside lambdas, predicates and function arguments are checked.
	sm := machine(t, jsonataDoc("P", `"P": {"Type": "Pass", "Output": {
		"a": "{% $map($states.input.items, function($v) { $v.skuu }) %}",
		"b": "{% $count($states.input.itmes) %}",
		"c": "{% $states.input.items ~> $filter(function($v) { $v.qtty > 1 }) %}",
		"d": "{% $states.input.items[$.qtty > 1] %}"
	}, "End": true}`))
	expect(t, Analyze(sm, Declared{Input: typeOf[Order]()}),
		`error /States/P/Output/a: $v.skuu: no field "skuu" in shape.Item (did you mean "sku"?)`,
		`error /States/P/Output/b: $states.input.itmes: no field "itmes" in shape.Order (did you mean "items"?)`,
		`error /States/P/Output/c: $v.qtty: no field "qtty" in shape.Item (did you mean "qty"?)`,
		`error /States/P/Output/d: $.qtty: no field "qtty" in shape.Item (did you mean "qty"?)`,
	)
}

func TestJSONataUnknownSilent(t *testing.T) {
	// Untyped data, and what the analysis cannot follow, never produce
	// findings.
	sm := machine(t, jsonataDoc("A", `
		"A": {"Type": "Pass", "Output": {"x": "{% $states.input.anything.at.all %}", "y": "{% $states.input.list[0].deep %}"}, "Next": "B"},
		"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
			"Output": "{% $states.result.Payload.whatever %}", "Next": "C"},
		"C": {"Type": "Pass", "Output": "{% $states.input.anything %}", "Next": "D"},
		"D": {"Type": "Pass", "Output": "{% $undefinedVariable.x & $states.input.x#$i.y & $states.input.y@$v.z & $eval('x') %}", "End": true}`))
	a := Analyze(sm, Declared{})
	expect(t, a)
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/A/Output/x: $states.input.anything.at.all: no field "anything" in shape.Order`,
		`error /States/A/Output/y: $states.input.list[0].deep: no field "list" in shape.Order`,
	)
	// A lambda:invoke task whose result is not declared is Unknown.
	if got := a.Output["B"]; got.Kind() != KindUnknown {
		t.Errorf("B output %s", got)
	}
}

func TestMachineOutputType(t *testing.T) {
	doc := `{"StartAt": "C", "States": {
		"C": {"Type": "Choice", "Choices": [{"Variable": "$.paid", "BooleanEquals": true, "Next": "Yes"}], "Default": "No"},
		"Yes": {"Type": "Pass", "InputPath": "$.total", "End": true},
		"No": {"Type": "Succeed", "OutputPath": "$.customer"},
		"Bad": {"Type": "Fail"}}}`
	a := Analyze(machine(t, doc), Declared{Input: typeOf[Order](), Output: typeOf[Money]()})
	expect(t, a, `error /States/No: the output *shape.Customer does not fit the declared machine output shape.Money: missing field "amount" of shape.Money`)
	f := a.Findings[0]
	if f.Field != "OutputType" || f.State != "No" || f.Severity != Error {
		t.Errorf("finding %+v", f)
	}
	// An output that fits, and one that is Unknown, are silent.
	expect(t, Analyze(machine(t, doc), Declared{Input: typeOf[Order](), Output: Union(typeOf[Money](), typeOf[*Customer]())}))
	expect(t, Analyze(machine(t, doc), Declared{Output: typeOf[Money]()}))
	// In JSONata, the Output is what is held against it.
	sm := machine(t, jsonataDoc("P", `"P": {"Type": "Pass", "Output": {"amount": "{% $string($states.input.amount) %}", "currency": "EUR"}, "End": true}`))
	expect(t, Analyze(sm, Declared{Input: typeOf[Order](), Output: typeOf[Money]()}),
		`error /States/P: the output {amount: string, currency: string} does not fit the declared machine output shape.Money: .amount: string does not fit number`)
	// The outputs of branches and iterations are not the machine's.
	sm = machine(t, `{"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "Branches": [
		{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "OutputPath": "$[0]", "End": true}}}`)
	expect(t, Analyze(sm, Declared{Input: typeOf[Money](), Output: typeOf[Money]()}))
}

func TestResultTypeLambdaResponse(t *testing.T) {
	type Response struct {
		Payload    ChargeResult `json:"Payload"`
		StatusCode int          `json:"StatusCode"`
	}
	doc := `{"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}}`
	a := Analyze(machine(t, doc), Declared{TaskResult: map[string]*Shape{"Charge": typeOf[Response]()}})
	expect(t, a, `warning /States/Charge: the declared result shape.Response looks like the lambda:invoke response ({Payload, StatusCode, ...}); ResultType declares what the function returns, which the integration wraps in Payload`)
	if f := a.Findings[0]; f.Field != "ResultType" {
		t.Errorf("field %q", f.Field)
	}
	// The function's own result, and a response declared where the result
	// is not wrapped, are not suspicious.
	expect(t, Analyze(machine(t, doc), Declared{TaskResult: map[string]*Shape{"Charge": typeOf[ChargeResult]()}}))
	wait := strings.Replace(doc, "lambda:invoke", "lambda:invoke.waitForTaskToken", 1)
	expect(t, Analyze(machine(t, wait), Declared{TaskResult: map[string]*Shape{"Charge": typeOf[Response]()}}))
}
