package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
)

// aslgenBin is the aslgen binary that TestMain builds once for the
// end-to-end tests; repoRoot is this repository, which the test modules
// use through a replace directive; cacheDir is the runner cache of the
// tests' aslgen runs, which starts empty.
var aslgenBin, repoRoot, cacheDir string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	repoRoot = root
	tmp, err := os.MkdirTemp("", "aslgen-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	cacheDir = filepath.Join(tmp, "cache")
	aslgenBin = filepath.Join(tmp, "aslgen")
	if runtime.GOOS == "windows" {
		aslgenBin += ".exe"
	}
	download := exec.Command("go", "mod", "download")
	download.Dir = repoRoot
	if out, err := download.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go mod download: %v\n%s", err, out)
		return 1
	}
	if out, err := exec.Command("go", "build", "-o", aslgenBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building aslgen: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// childEnv is the environment of the go commands the tests start: the test
// modules resolve github.com/aslgen/aslgen from this repository and every
// other module from the module cache, which TestMain fills, without the
// network. (With a proxy, go get -tool would ask it about the module path
// github.com/aslgen/aslgen/cmd/aslgen, and fail.) aslgen keeps its runners
// in the tests' own cache.
func childEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off", "ASLGEN_CACHE="+cacheDir)
}

// directive ends the Go files of the test packages that aslgen generates:
// only a package with a //go:generate line that runs aslgen is aslgen's. It
// goes last so that the line numbers the tests expect stay as they are.
const directive = "\n//go:generate go tool aslgen\n"

// newModule creates a module example.com/m in a temporary directory with
// the given files (slash-separated paths) and returns its directory.
func newModule(t *testing.T, files map[string]string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test; skipped with -short")
	}
	dir := t.TempDir()
	goMod := fmt.Sprintf("module example.com/m\n\ngo 1.24.0\n\nrequire github.com/aslgen/aslgen v0.0.0\n\nreplace github.com/aslgen/aslgen => %s\n", repoRoot)
	sum, err := os.ReadFile(filepath.Join(repoRoot, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"go.mod": goMod, "go.sum": string(sum)})
	writeFiles(t, dir, files)
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
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

type result struct {
	stdout, stderr string
	code           int
}

// aslgen runs the aslgen binary in dir.
func aslgen(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return command(t, dir, aslgenBin, args...)
}

func command(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = childEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	if exit, ok := err.(*exec.ExitError); ok {
		r.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return r
}

func (r result) want(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// listDir returns the names in dir, to check that nothing else appeared.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// stateNames decodes an ASL file and returns StartAt and its state names.
func stateNames(t *testing.T, path string) (string, []string) {
	t.Helper()
	sm, err := asl.Unmarshal([]byte(readFile(t, path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return sm.StartAt, sm.States.Names()
}

const flowV1 = `package orders

import (
	"fmt"

	wf "github.com/aslgen/aslgen/dsl"
)

// OrderProcessing validates and charges an order.
func OrderProcessing() *wf.Machine {
	fmt.Println("user code may print")
	m := wf.NewMachine("OrderProcessing")
	m.Chain(m.Pass("Validate"), m.Task("Charge").Resource("arn:aws:states:::lambda:invoke"))
	return m
}

// Refund refunds an order.
func Refund() (*wf.Machine, error) {
	m := wf.NewMachine("order-refund v2")
	m.Pass("Refund")
	return m, nil
}

func helper() *wf.Machine { return nil }
` + directive

func TestGenerateCheckDiff(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{"orders/flow.go": flowV1})
	pkgDir := filepath.Join(mod, "orders")
	out := filepath.Join(pkgDir, "orderprocessing.asl.json")

	r := aslgen(t, pkgDir) // as go generate runs it: in the package, no arguments
	r.want(t, 0)
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("generation printed:\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
	if start, names := stateNames(t, out); start != "Validate" || strings.Join(names, ",") != "Validate,Charge" {
		t.Errorf("orderprocessing.asl.json: StartAt %q, states %v", start, names)
	}
	if start, names := stateNames(t, filepath.Join(pkgDir, "orderrefundv2.asl.json")); start != "Refund" || len(names) != 1 {
		t.Errorf("orderrefundv2.asl.json: StartAt %q, states %v", start, names)
	}
	if got := listDir(t, pkgDir); got != "flow.go orderprocessing.asl.json orderrefundv2.asl.json" {
		t.Errorf("package directory holds %s", got)
	}
	if st, err := os.Stat(out); err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o644) {
		t.Errorf("stat %s: %v %v", out, st.Mode(), err)
	}
	first := readFile(t, out)
	st1, _ := os.Stat(out)

	// Running again changes nothing.
	aslgen(t, pkgDir).want(t, 0)
	st2, _ := os.Stat(out)
	if readFile(t, out) != first || !st2.ModTime().Equal(st1.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	r = aslgen(t, pkgDir, "-check")
	r.want(t, 0)
	if r.stdout != "" {
		t.Errorf("-check on fresh files printed %q", r.stdout)
	}

	// After an edit, -check and -diff report the file and write nothing.
	writeFiles(t, mod, map[string]string{"orders/flow.go": strings.Replace(flowV1, `m.Pass("Validate")`, `m.Pass("Check")`, 1)})
	r = aslgen(t, mod, "-check", "./...")
	r.want(t, 1)
	if want := filepath.Join("orders", "orderprocessing.asl.json") + "\n"; r.stdout != want {
		t.Errorf("-check printed %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "out of date") {
		t.Errorf("-check stderr: %q", r.stderr)
	}
	r = aslgen(t, pkgDir, "-diff")
	r.want(t, 1)
	for _, want := range []string{
		"--- a/orderprocessing.asl.json\n+++ b/orderprocessing.asl.json\n@@ -1,",
		"\n-  \"StartAt\": \"Validate\",\n+  \"StartAt\": \"Check\",\n",
		"\n-    \"Validate\": {\n+    \"Check\": {\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-diff output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "orderrefundv2") {
		t.Errorf("-diff shows an unchanged file:\n%s", r.stdout)
	}
	if readFile(t, out) != first {
		t.Error("-check or -diff wrote the file")
	}

	// Generating updates the file; then everything is fresh.
	r = aslgen(t, pkgDir, "-v")
	r.want(t, 0)
	for _, want := range []string{"constructor OrderProcessing (flow.go:10)", "constructor Refund (flow.go:18)",
		"wrote orderprocessing.asl.json", "unchanged orderrefundv2.asl.json", "user code may print"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-v output lacks %q:\n%s", want, r.stderr)
		}
	}
	if start, _ := stateNames(t, out); start != "Check" {
		t.Errorf("StartAt %q after regeneration", start)
	}
	aslgen(t, mod, "-check", "./...").want(t, 0)
	if got := listDir(t, pkgDir); got != "flow.go orderprocessing.asl.json orderrefundv2.asl.json" {
		t.Errorf("package directory holds %s", got)
	}
}

func TestCompileError(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{
		"orders/flow.go": `package orders

import "github.com/aslgen/aslgen/dsl"

func Order() *dsl.Machine {
	var n int = "not a number"
	_ = n
	return dsl.NewMachine("Order")
}
` + directive,
	})
	pkgDir := filepath.Join(mod, "orders")
	r := aslgen(t, pkgDir)
	r.want(t, 2)
	for _, want := range []string{"# example.com/m/orders\n", "flow.go:6:14: cannot use \"not a number\""} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "aslgen_runner_") {
		t.Errorf("the message mentions the runner:\n%s", r.stderr)
	}
	if got := listDir(t, pkgDir); got != "flow.go" {
		t.Errorf("package directory holds %s", got)
	}

	// A syntax error that hides the constructor is reported too.
	writeFiles(t, mod, map[string]string{"orders/flow.go": "package orders\n\nimport \"github.com/aslgen/aslgen/dsl\"\n\nfunc Order() *dsl.Machine {\n\treturn dsl.NewMachine(\"Order\"\n}\n" + directive})
	r = aslgen(t, pkgDir)
	r.want(t, 2)
	if !strings.Contains(r.stderr, "flow.go:6:") || !strings.Contains(r.stderr, "syntax error") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

func TestConstructorFailures(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{
		"orders/flow.go": `package orders

import (
	"errors"

	"github.com/aslgen/aslgen/dsl"
)

func Good() *dsl.Machine {
	m := dsl.NewMachine("Good")
	m.Pass("A")
	return m
}

func Boom() *dsl.Machine {
	panic("boom-value")
}

func Nil() *dsl.Machine { return nil }

func Fails() (*dsl.Machine, error) { return nil, errors.New("no configuration") }
` + directive,
	})
	pkgDir := filepath.Join(mod, "orders")
	r := aslgen(t, pkgDir)
	r.want(t, 2)
	for _, want := range []string{
		"flow.go:16: Boom panicked: boom-value\n\texample.com/m/orders.Boom\n\t\tflow.go:16\n",
		"flow.go:19: Nil returned a nil *dsl.Machine\n",
		"flow.go:21: Fails returned an error: no configuration\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if got := listDir(t, pkgDir); got != "flow.go" {
		t.Errorf("a failure elsewhere let files be written: %s", got)
	}
}

func TestBuildErrors(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{
		"orders/flow.go": `package orders

import "github.com/aslgen/aslgen/dsl"

func Order() *dsl.Machine {
	m := dsl.NewMachine("Order")
	m.Pass("A")
	m.Pass("A")
	return m
}
` + directive,
	})
	r := aslgen(t, mod, "./...")
	r.want(t, 2)
	want := filepath.Join("orders", "flow.go") + `:8: state "A": duplicate state name`
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr does not start with %q:\n%s", want, r.stderr)
	}
	if exists(filepath.Join(mod, "orders", "order.asl.json")) {
		t.Error("a file was written")
	}
}

func TestNoConstructors(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{
		"orders/flow.go": `package orders

import "github.com/aslgen/aslgen/dsl"

func order() *dsl.Machine { return nil }

func WithName(name string) *dsl.Machine { return dsl.NewMachine(name) }
`,
	})
	r := aslgen(t, filepath.Join(mod, "orders"))
	r.want(t, 2)
	if !strings.Contains(r.stderr, "no workflow constructors found in .") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = aslgen(t, mod, "./missing")
	r.want(t, 2)
	if !strings.Contains(r.stderr, "missing") {
		t.Errorf("stderr for a missing directory:\n%s", r.stderr)
	}
}

func TestMainPackage(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{
		"main.go": `package main

import "github.com/aslgen/aslgen/dsl"

func Order() *dsl.Machine { return dsl.NewMachine("Order") }

func main() {}
` + directive,
	})
	r := aslgen(t, mod)
	r.want(t, 2)
	if !strings.Contains(r.stderr, "main.go:5: Order is in package main") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

const simpleFlow = `package orders

import "github.com/aslgen/aslgen/dsl"

func Order() *dsl.Machine {
	m := dsl.NewMachine("X")
	m.Pass("A")
	return m
}
` + directive

func TestForeignFile(t *testing.T) {
	t.Parallel()
	handWritten := "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}\n"
	mod := newModule(t, map[string]string{
		"orders/flow.go":    simpleFlow,
		"orders/x.asl.json": handWritten,
	})
	path := filepath.Join(mod, "orders", "x.asl.json")
	st1, _ := os.Stat(path)
	for _, mode := range []string{"", "-check", "-diff"} {
		args := []string{"./orders"}
		if mode != "" {
			args = append([]string{mode}, args...)
		}
		r := aslgen(t, mod, args...)
		r.want(t, 2)
		want := filepath.Join("orders", "x.asl.json") + " exists and was not written by aslgen (it is not in aslgen's canonical form); move it away or delete it\n"
		if r.stderr != want {
			t.Errorf("%s: stderr %q, want %q", mode, r.stderr, want)
		}
	}
	st2, _ := os.Stat(path)
	if readFile(t, path) != handWritten || !st2.ModTime().Equal(st1.ModTime()) {
		t.Error("the hand-written file was touched")
	}
}

func TestFileNameClash(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{
		"orders/flow.go": `package orders

import "github.com/aslgen/aslgen/dsl"

func First() *dsl.Machine {
	m := dsl.NewMachine("Order Flow")
	m.Pass("A")
	return m
}

func Second() *dsl.Machine {
	m := dsl.NewMachine("order-flow")
	m.Pass("A")
	return m
}
` + directive,
	})
	r := aslgen(t, filepath.Join(mod, "orders"))
	r.want(t, 2)
	if !strings.Contains(r.stderr, "flow.go:11: Second and First (flow.go:5) both write orderflow.asl.json") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if exists(filepath.Join(mod, "orders", "orderflow.asl.json")) {
		t.Error("a file was written")
	}
}

func TestStaleGeneratedGoFile(t *testing.T) {
	t.Parallel()
	stale := "// Code generated by aslgen. DO NOT EDIT.\n\npackage orders\n\nvar Old int = \"stale\"\n\nfunc broken( {\n"
	mod := newModule(t, map[string]string{
		"orders/flow.go":    simpleFlow,
		"orders/x_types.go": stale,
	})
	r := aslgen(t, filepath.Join(mod, "orders"))
	r.want(t, 0)
	if start, _ := stateNames(t, filepath.Join(mod, "orders", "x.asl.json")); start != "A" {
		t.Errorf("StartAt %q", start)
	}
	if readFile(t, filepath.Join(mod, "orders", "x_types.go")) != stale {
		t.Error("the stale generated file was changed")
	}
}

// TestPackagesAndTags generates several packages, some under internal
// directories that need runners of their own, with build tags.
func TestPackagesAndTags(t *testing.T) {
	t.Parallel()
	flow := func(pkg, name string) string {
		return fmt.Sprintf("package %s\n\nimport \"github.com/aslgen/aslgen/dsl\"\n\nfunc Flow() *dsl.Machine {\n\tm := dsl.NewMachine(%q)\n\tm.Pass(\"A\")\n\treturn m\n}\n", pkg, name) + directive
	}
	mod := newModule(t, map[string]string{
		"a/flow.go":            flow("a", "Alpha"),
		"b/internal/c/flow.go": flow("c", "Gamma"),
		"d/internal/e/flow.go": flow("e", "Epsilon"),
		"tagged/flow.go":       "//go:build special\n\n" + flow("tagged", "Tagged"),
		"plain/plain.go":       "package plain\n\nfunc Nothing() {}\n",
	})
	aslgen(t, mod, "./...").want(t, 0)
	for _, f := range []string{"a/alpha.asl.json", "b/internal/c/gamma.asl.json", "d/internal/e/epsilon.asl.json"} {
		if !exists(filepath.Join(mod, filepath.FromSlash(f))) {
			t.Errorf("%s not written", f)
		}
	}
	if exists(filepath.Join(mod, "tagged", "tagged.asl.json")) {
		t.Error("a file was written for a constructor excluded by its build tag")
	}
	r := aslgen(t, mod, "-tags=special", "-check", "./...")
	r.want(t, 1)
	if r.stdout != filepath.Join("tagged", "tagged.asl.json")+"\n" {
		t.Errorf("-check -tags=special printed %q", r.stdout)
	}
}

// TestGoGenerateTool runs aslgen the way users do: added as a tool of their
// module with go get -tool, from a go:generate line; and with go run.
func TestGoGenerateTool(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{
		"orders/flow.go": simpleFlow,
	})
	// go tool does not update go.mod (not even with -mod=mod): the tool's
	// requirements come from go get -tool, as in the user documentation.
	command(t, mod, "go", "get", "-tool", "github.com/aslgen/aslgen/cmd/aslgen@v0.0.0").want(t, 0)
	if !strings.Contains(readFile(t, filepath.Join(mod, "go.mod")), "\ntool github.com/aslgen/aslgen/cmd/aslgen\n") {
		t.Fatalf("go.mod lacks the tool directive:\n%s", readFile(t, filepath.Join(mod, "go.mod")))
	}
	command(t, mod, "go", "generate", "./...").want(t, 0)
	if start, _ := stateNames(t, filepath.Join(mod, "orders", "x.asl.json")); start != "A" {
		t.Errorf("StartAt %q", start)
	}
	command(t, mod, "go", "tool", "aslgen", "-check", "./...").want(t, 0)
	command(t, filepath.Join(mod, "orders"), "go", "run", "github.com/aslgen/aslgen/cmd/aslgen", "-check").want(t, 0)
}

// TestOwnership checks that generating, checking and diffing agree with go
// generate on which packages are aslgen's: those with a //go:generate line
// that runs aslgen. A package with constructors but no such line is skipped
// with a note (and is an error when it is all there is to do), so that
// go generate ./... followed by aslgen -check ./... passes.
func TestOwnership(t *testing.T) {
	t.Parallel()
	noLine := strings.TrimSuffix(strings.Replace(simpleFlow, `"X"`, `"Y"`, 1), directive)
	mod := newModule(t, map[string]string{
		"orders/flow.go":   simpleFlow,
		"library/flow.go":  strings.Replace(noLine, "package orders", "package library", 1),
		"library/extra.go": "package library\n\n//go:generate go version\n",
	})
	command(t, mod, "go", "get", "-tool", "github.com/aslgen/aslgen/cmd/aslgen@v0.0.0").want(t, 0)
	command(t, mod, "go", "generate", "./...").want(t, 0)
	if !exists(filepath.Join(mod, "orders", "x.asl.json")) || exists(filepath.Join(mod, "library", "y.asl.json")) {
		t.Fatalf("go generate wrote: orders: %s; library: %s", listDir(t, filepath.Join(mod, "orders")), listDir(t, filepath.Join(mod, "library")))
	}
	note := "aslgen: skipping package example.com/m/library: it has workflow constructors, but no //go:generate line runs aslgen in it\n"
	for _, args := range [][]string{{"-check", "./..."}, {"-diff", "./..."}, {"./..."}} {
		r := aslgen(t, mod, args...)
		r.want(t, 0)
		if r.stderr != note || r.stdout != "" {
			t.Errorf("%v: stdout %q, stderr %q", args, r.stdout, r.stderr)
		}
	}
	if exists(filepath.Join(mod, "library", "y.asl.json")) {
		t.Error("aslgen generated a package without a go:generate line for it")
	}
	for _, args := range [][]string{{"./library"}, {"-check", "./library"}} {
		r := aslgen(t, mod, args...)
		r.want(t, 2)
		want := filepath.Join("library", "flow.go") + ":5: package example.com/m/library has workflow constructors, but no //go:generate line runs aslgen in it, " +
			"so go generate would not update its files: add the line //go:generate go tool aslgen\n"
		if !strings.HasSuffix(r.stderr, want) {
			t.Errorf("%v: stderr %q, want it to end with %q", args, r.stderr, want)
		}
	}
}

const validASL = `{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "End": true
    }
  }
}
`

const invalidASL = `{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "Next": "Nowhere"
    },
    "B": {
      "Type": "Pass",
      "End": true
    }
  }
}
`

func runInProcess(args ...string) result {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"valid.asl.json": validASL, "invalid.asl.json": invalidASL, "bad.json": "{\n  \"StartAt\": \n"})
	valid, invalid, bad := filepath.Join(dir, "valid.asl.json"), filepath.Join(dir, "invalid.asl.json"), filepath.Join(dir, "bad.json")

	r := runInProcess("validate", valid)
	r.want(t, 0)
	if r.stdout != "" {
		t.Errorf("valid file: %q", r.stdout)
	}

	r = runInProcess("validate", valid, invalid)
	r.want(t, 1)
	if want := invalid + ":6:7: ERROR MISSING_TRANSITION_TARGET: "; !strings.HasPrefix(r.stdout, want) || !strings.Contains(r.stdout, "(at /States/A/Next)\n") {
		t.Errorf("invalid file: %q, want prefix %q", r.stdout, want)
	}

	r = runInProcess("validate", bad)
	r.want(t, 1)
	if !strings.HasPrefix(r.stdout, bad+":3:1: ERROR ") {
		t.Errorf("bad JSON: %q", r.stdout)
	}

	r = runInProcess("validate", valid, filepath.Join(dir, "missing.json"))
	r.want(t, 2)
	if !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("unreadable file: %q", r.stderr)
	}

	r = runInProcess("validate", "-json", valid, invalid)
	r.want(t, 1)
	var ds []struct {
		File, Severity, Code, Message, Location string
		Line, Column                            int
	}
	if err := json.Unmarshal([]byte(r.stdout), &ds); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, r.stdout)
	}
	if len(ds) == 0 || ds[0].File != invalid || ds[0].Code != "MISSING_TRANSITION_TARGET" || ds[0].Severity != "ERROR" ||
		ds[0].Location != "/States/A/Next" || ds[0].Line != 6 || ds[0].Column != 7 {
		t.Errorf("-json: %+v", ds)
	}
	r = runInProcess("validate", "-json", valid)
	r.want(t, 0)
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("-json for a valid file: %q", r.stdout)
	}

	runInProcess("validate").want(t, 2)
	runInProcess("validate", "-bogus", valid).want(t, 2)
}

func TestCommandLine(t *testing.T) {
	r := runInProcess("-h")
	r.want(t, 0)
	for _, want := range []string{"aslgen [-check | -diff] [-strict]", "aslgen validate [-json] FILE...", "-strict     treat"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("usage lacks %q:\n%s", want, r.stderr)
		}
	}
	r = runInProcess("frobnicate")
	r.want(t, 2)
	if !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %q", r.stderr)
	}
	r = runInProcess("-check", "-diff")
	r.want(t, 2)
	if !strings.Contains(r.stderr, "cannot be used together") {
		t.Errorf("-check -diff: %q", r.stderr)
	}
	runInProcess("-nonsense").want(t, 2)
}
