package gen

import (
	"context"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/aslgen/aslgen/gen/internal/files"
)

func parseConstructors(t *testing.T, src string) ([]constructor, bool) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "flow.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	return findConstructors(fset, f)
}

func names(cs []constructor) []string {
	var out []string
	for _, c := range cs {
		n := c.Func
		if c.ReturnsError {
			n += "+err"
		}
		out = append(out, n)
	}
	return out
}

func TestFindConstructors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"plain import", `package p
import "github.com/aslgen/aslgen/dsl"

func A() *dsl.Machine { return nil }
func B() (*dsl.Machine, error) { return nil, nil }
func C() (m *dsl.Machine, err error) { return }
func D() (*(dsl.Machine)) { return nil }

func unexported() *dsl.Machine { return nil }
func WithParam(name string) *dsl.Machine { return nil }
func Generic[T any]() *dsl.Machine { return nil }
func Value() dsl.Machine { return dsl.Machine{} }
func Three() (*dsl.Machine, error, int) { return nil, nil, 0 }
func Two() (a, b *dsl.Machine) { return }
func NotError() (*dsl.Machine, string) { return nil, "" }
func Graph() *dsl.Graph { return nil }

type T struct{}
func (T) Method() *dsl.Machine { return nil }
func (*T) PtrMethod() *dsl.Machine { return nil }
`, []string{"A", "B+err", "C+err", "D"}},
		{"aliased import", `package p
import (
	"fmt"
	wf "github.com/aslgen/aslgen/dsl"
)
func Order() *wf.Machine { fmt.Println(); return nil }
func Wrong() *dsl.Machine { return nil }
`, []string{"Order"}},
		{"dot import", `package p
import . "github.com/aslgen/aslgen/dsl"
func Order() *Machine { return nil }
func Other() *x.Machine { return nil }
`, []string{"Order"}},
		{"blank import", `package p
import _ "github.com/aslgen/aslgen/dsl"
func Order() *dsl.Machine { return nil }
`, nil},
		{"another dsl", `package p
import "example.com/other/dsl"
func Order() *dsl.Machine { return nil }
`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, _ := parseConstructors(t, tt.src)
			if got := names(cs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found %v, want %v", got, tt.want)
			}
		})
	}

	cs, imports := parseConstructors(t, "package p\n\nimport \"github.com/aslgen/aslgen/dsl\"\n\n// Doc.\nfunc Order() *dsl.Machine { return nil }\n")
	if !imports || len(cs) != 1 || cs[0].Pos.Filename != "flow.go" || cs[0].Pos.Line != 6 || cs[0].Pos.Column != 6 {
		t.Errorf("position: %+v, imports %v", cs, imports)
	}
	if _, imports := parseConstructors(t, "package p\nimport \"fmt\"\nvar _ = fmt.Sprint\n"); imports {
		t.Error("a file without the dsl import imports it")
	}
}

// writeTree writes files (slash-separated paths) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDiscover runs discovery through go/packages on a module that is never
// compiled: discovery only parses.
func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.24\n",
		"a/flow.go": `package a

import wf "github.com/aslgen/aslgen/dsl"

func Order() *wf.Machine { return nil }

func helper() *wf.Machine { return nil }
`,
		"a/more.go": `package a

import "github.com/aslgen/aslgen/dsl"

func Refund() (*dsl.Machine, error) { return nil, nil }

func (x T) Method() *dsl.Machine { return nil }

type T int
`,
		// The directive is spliced in, so that go generate does not
		// take this line of the test for one of its own.
		"a/flow_test.go": `package a

import "github.com/aslgen/aslgen/dsl"

` + "//go:" + `generate go tool aslgen

func TestOnly() *dsl.Machine { return nil }
`,
		"a/tagged_test.go":      "//go:build special\n\npackage a\n\nfunc Tagged() {}\n",
		"a/" + files.GoTestFile: files.GeneratedHeader + "\n\npackage a\n\nfunc MockOld() {}\n",
		"a/states.go": `package a

import "github.com/aslgen/aslgen/dsl"

func Flow() *dsl.Machine {
	m := dsl.NewMachine("Flow")
	m.Chain(m.Pass("Start"),
		m.Task("Charge"))
	return m
}

func other(m *dsl.Machine) { m.Task("Shared"); m.Pass("Twice") }

func more(m *dsl.Machine) { m.Pass("Twice") }
`,
		"a/x_test.go": `package a_test

import "github.com/aslgen/aslgen/dsl"

func External() *dsl.Machine { return nil }
`,
		"a/types.go":  files.GeneratedHeader + "\n\npackage a\n\nvar broken int = \"stale\n",
		"a/linux.go":  "//go:build ignore\n\npackage a\n\nimport \"github.com/aslgen/aslgen/dsl\"\n\nfunc Ignored() *dsl.Machine { return nil }\n",
		"b/b.go":      "package b\n\nfunc NotAMachine() int { return 0 }\n",
		"c/broken.go": "package c\n\nimport \"github.com/aslgen/aslgen/dsl\"\n\nfunc Order() *dsl.Machine { return nil \n",
	})
	cfg := &Config{Dir: dir, Patterns: []string{"./..."}, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")}
	pkgs, err := discover(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*pkg)
	for _, p := range pkgs {
		byPath[p.Path] = p
	}
	a := byPath["example.com/m/a"]
	if a == nil {
		t.Fatalf("package a not found among %v", pkgs)
	}
	if got := names(a.Constructors); !reflect.DeepEqual(got, []string{"Order", "Refund+err", "Flow"}) {
		t.Errorf("constructors of a: %v", got)
	}
	if a.Name != "a" || a.Dir != filepath.Join(dir, "a") || a.Module == nil || a.Module.Path != "example.com/m" {
		t.Errorf("package a: name %q dir %q module %+v", a.Name, a.Dir, a.Module)
	}
	if len(a.Generated) != 1 || filepath.Base(a.Generated[0]) != "types.go" {
		t.Errorf("generated files of a: %v", a.Generated)
	}
	if a.Broken {
		t.Errorf("a is broken only in its generated file, which is ignored: %v", a.Errors)
	}
	if c := a.Constructors[0]; filepath.Base(c.Pos.Filename) != "flow.go" || c.Pos.Line != 5 {
		t.Errorf("position of Order: %v", c.Pos)
	}
	if filepath.Base(a.Directive.Filename) != "flow_test.go" || a.Directive.Line != 5 {
		t.Errorf("go:generate line of a: %v", a.Directive)
	}
	var declared []string
	for name, d := range a.Decls {
		declared = append(declared, name+":"+d.Kind)
	}
	sort.Strings(declared)
	for _, want := range []string{"Flow:func", "Order:func", "T:type", "TestOnly:func", "helper:func", "wf:import"} {
		if !slices.Contains(declared, want) {
			t.Errorf("declarations of a lack %s: %v", want, declared)
		}
	}
	for _, bad := range []string{"External:func", "Tagged:func", "MockOld:func", "Method:func"} {
		if slices.Contains(declared, bad) {
			t.Errorf("declarations of a hold %s", bad)
		}
	}
	if !a.Types["T"] || a.Types["Order"] {
		t.Errorf("types of a: %v", a.Types)
	}
	var flow constructor
	for _, c := range a.Constructors {
		if c.Func == "Flow" {
			flow = c
		}
	}
	at := statePositions(a, flow, []string{"Start", "Charge", "Shared", "Twice", "Missing"})
	got := map[string]int{}
	for name, p := range at {
		got[name] = p.Line
	}
	if want := map[string]int{"Start": 7, "Charge": 8, "Shared": 12}; !reflect.DeepEqual(got, want) || filepath.Base(at["Charge"].Filename) != "states.go" {
		t.Errorf("state positions %v, want %v", at, want)
	}
	if b := byPath["example.com/m/b"]; b == nil || len(b.Constructors) != 0 || b.Broken || b.Directive.Filename != "" {
		t.Errorf("package b: %+v", b)
	}
	c := byPath["example.com/m/c"]
	if c == nil || !c.Broken {
		t.Errorf("package c with a syntax error is not marked broken: %+v", c)
	} else if list := packageErrors(dir, relevantErrors(c)); len(list) == 0 || list[0].Pos.Filename != filepath.Join("c", "broken.go") || list[0].Pos.Line == 0 {
		t.Errorf("errors of c: %q", list)
	}
}

func TestRunsASLGen(t *testing.T) {
	for line, want := range map[string]bool{
		"//go:generate go tool aslgen":                                        true,
		"//go:generate go tool aslgen -v ./...":                               true,
		"//go:generate\tgo run github.com/aslgen/aslgen/cmd/aslgen@v1.2.0":    true,
		"//go:generate go run ../../cmd/aslgen":                               true,
		"//go:generate aslgen\r":                                              true,
		`//go:generate "C:\bin\aslgen.exe"`:                                   true,
		"//go:generate -command gen go tool aslgen":                           true,
		"//go:generate go tool stringer -type=X":                              false,
		"//go:generate go tool aslgenx":                                       false,
		"// go:generate go tool aslgen":                                       false,
		"\t//go:generate go tool aslgen":                                      false,
		"//go:generateaslgen":                                                 false,
		"//go:generate echo aslgen-is-not-run; go tool mockgen":               false,
		"//go:generate go run github.com/aslgen/aslgen/cmd/aslgen/internal/x": false,
	} {
		if got := runsASLGen(line); got != want {
			t.Errorf("runsASLGen(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestInternalAllowed(t *testing.T) {
	tests := []struct {
		importer, imported string
		ok                 bool
	}{
		{"m/a/aslgen_runner_x", "m/a", true},
		{"m/aslgen_runner_x", "m/a/b", true},
		{"m/internal/aslgen_runner_x", "m/internal/a", true},
		{"m/aslgen_runner_x", "m/internal/a", true},
		{"m/x/aslgen_runner_x", "m/internal/a", true},
		{"m/a/aslgen_runner_x", "m/a/internal", true},
		{"m/aslgen_runner_x", "m/a/internal", false},
		{"m/aslgen_runner_x", "m/a/internal/b", false},
		{"m/a/internal/aslgen_runner_x", "m/a/internal/b/internal/c", false},
		{"m/a/internal/b/aslgen_runner_x", "m/a/internal/b/internal/c", true},
		{"m/ab/aslgen_runner_x", "m/a/internal/b", false},
	}
	for _, tt := range tests {
		if got := internalAllowed(tt.importer, tt.imported); got != tt.ok {
			t.Errorf("internalAllowed(%s, %s) = %v", tt.importer, tt.imported, got)
		}
	}
}

func TestGroupPackages(t *testing.T) {
	root := filepath.FromSlash("/src/m")
	mod := &packages.Module{Path: "example.com/m", Dir: root, GoMod: filepath.Join(root, "go.mod")}
	other := &packages.Module{Path: "example.com/o", Dir: filepath.FromSlash("/src/o"), GoMod: filepath.FromSlash("/src/o/go.mod")}
	p := func(m *packages.Module, rel string) *pkg {
		return &pkg{Path: m.Path + "/" + rel, Dir: filepath.Join(m.Dir, filepath.FromSlash(rel)), Module: m}
	}
	pkgs := []*pkg{
		p(mod, "orders"),
		p(mod, "billing/flows"),
		p(mod, "x/internal/a"),
		p(mod, "x/internal/b"),
		p(mod, "y/internal/c"),
		p(other, "flows"),
	}
	groups, err := groupPackages(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		var paths []string
		for _, p := range g.Pkgs {
			paths = append(paths, p.Path)
		}
		rel, _ := filepath.Rel(filepath.FromSlash("/src"), g.Dir)
		got = append(got, filepath.ToSlash(rel)+": "+strings.Join(paths, " "))
	}
	want := []string{
		"m: example.com/m/orders example.com/m/billing/flows",
		"m/x/internal: example.com/m/x/internal/a example.com/m/x/internal/b",
		"m/y/internal/c: example.com/m/y/internal/c",
		"o/flows: example.com/o/flows",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := groupPackages([]*pkg{{Path: "x", Dir: "/x"}}); err == nil {
		t.Error("a package outside a module was accepted")
	}
}

func TestRunnerSource(t *testing.T) {
	g := &group{Pkgs: []*pkg{
		{Path: "example.com/m/orders", Name: "orders", Constructors: []constructor{{Func: "Order"}, {Func: "Refund", ReturnsError: true}}},
		{Path: "example.com/m/v2", Name: "billing", Constructors: []constructor{{Func: "Bill"}}},
		{Path: "example.com/m/other/orders", Name: "orders", Constructors: []constructor{{Func: "Order"}}},
		{Path: "example.com/m/broken", Name: "broken", Broken: true},
	}}
	src, err := runnerSource(g, false)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	if f.Name.Name != "main" || !files.IsGenerated(src) {
		t.Errorf("not a generated main package:\n%s", src)
	}
	s := strings.Join(strings.Fields(string(src)), " ")
	for _, want := range []string{
		`runner.Plain(orders.Order)`,
		`New: orders.Refund,`,
		`billing "example.com/m/v2"`,
		`runner.Plain(billing.Bill)`,
		`_ "example.com/m/broken"`,
		`Pkg: "example.com/m/other/orders"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("runner lacks %s:\n%s", want, s)
		}
	}
}
