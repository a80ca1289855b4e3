package runner_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/gen/runner"
)

func hello() *dsl.Machine {
	m := dsl.NewMachine("Hello")
	m.Chain(m.Pass("Hello"), m.Pass("World"))
	return m
}

func line() int {
	_, _, l, _ := runtime.Caller(1)
	return l
}

var panicLine int

func panics() *dsl.Machine {
	var m *dsl.Machine
	panicLine = line() + 1
	m.Pass("boom") // nil pointer dereference inside dsl or here
	return m
}

func explicitPanic() *dsl.Machine { panic("something broke") }

var buildErrLine int

func buildError() *dsl.Machine {
	m := dsl.NewMachine("Broken")
	m.Pass("A")
	buildErrLine = line() + 1
	m.Pass("A")
	return m
}

func TestRun(t *testing.T) {
	d := runner.Run([]runner.Constructor{
		{Pkg: "p", Func: "Hello", New: runner.Plain(hello)},
		{Pkg: "p", Func: "WithError", New: func() (*dsl.Machine, error) { return nil, errors.New("no config") }},
		{Pkg: "p", Func: "Nil", New: runner.Plain(func() *dsl.Machine { return nil })},
		{Pkg: "p", Func: "Panics", New: runner.Plain(panics)},
		{Pkg: "p", Func: "ExplicitPanic", New: runner.Plain(explicitPanic)},
		{Pkg: "p", Func: "Goexit", New: runner.Plain(func() *dsl.Machine { runtime.Goexit(); return nil })},
		{Pkg: "p", Func: "BuildError", New: runner.Plain(buildError)},
	})
	if d.Version != runner.Version || len(d.Machines) != 7 {
		t.Fatalf("got version %d with %d machines", d.Version, len(d.Machines))
	}
	m := d.Machines
	for i, name := range []string{"Hello", "WithError", "Nil", "Panics", "ExplicitPanic", "Goexit", "BuildError"} {
		if m[i].Func != name || m[i].Pkg != "p" {
			t.Errorf("machine %d is %s.%s, want p.%s", i, m[i].Pkg, m[i].Func, name)
		}
		if m[i].Failed() != (i != 0) {
			t.Errorf("%s: Failed() = %v", name, m[i].Failed())
		}
	}

	sm, err := hello().Build()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := asl.Marshal(sm)
	if m[0].Name != "Hello" || m[0].ASL != string(want) {
		t.Errorf("Hello: name %q, ASL\n%s\nwant\n%s", m[0].Name, m[0].ASL, want)
	}
	if m[1].Error != "returned an error: no config" {
		t.Errorf("WithError: %q", m[1].Error)
	}
	if m[2].Error != "returned a nil *dsl.Machine" {
		t.Errorf("Nil: %q", m[2].Error)
	}
	if !strings.Contains(m[3].Panic, "nil pointer dereference") {
		t.Errorf("Panics: panic %q", m[3].Panic)
	}
	found := false
	for _, f := range m[3].Stack {
		if strings.HasSuffix(f.Func, ".panics") && f.Line == panicLine && filepath.Base(f.File) == "runner_test.go" {
			found = true
		}
		if strings.HasPrefix(f.Func, "runtime.") || strings.Contains(f.Func, "gen/runner.") {
			t.Errorf("Panics: stack keeps frame %s", f.Func)
		}
	}
	if !found {
		t.Errorf("Panics: stack %+v lacks runner_test.go:%d", m[3].Stack, panicLine)
	}
	if m[4].Panic != "something broke" || len(m[4].Stack) != 1 || !strings.HasSuffix(m[4].Stack[0].Func, ".explicitPanic") {
		t.Errorf("ExplicitPanic: %q %+v", m[4].Panic, m[4].Stack)
	}
	if !strings.Contains(m[5].Error, "Goexit") {
		t.Errorf("Goexit: %+v", m[5])
	}
	if m[6].Name != "Broken" || len(m[6].Errors) == 0 {
		t.Fatalf("BuildError: %+v", m[6])
	}
	e := m[6].Errors[0]
	if filepath.Base(e.File) != "runner_test.go" || e.Line != buildErrLine || e.State != "A" || !strings.Contains(e.Message, "duplicate state name") {
		t.Errorf("BuildError: %+v, want runner_test.go:%d", e, buildErrLine)
	}
}

// TestMain runs the test binary as a runner when asked to, so that Main can
// be tested as the program it is.
func TestMain(m *testing.M) {
	if os.Getenv("ASLGEN_RUNNER_TEST_MAIN") == "1" {
		runner.Main([]runner.Constructor{{Pkg: "p", Func: "Hello", New: runner.Plain(func() *dsl.Machine {
			os.Stdout.WriteString("user output\n")
			return hello()
		})}})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestMainWritesFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	cmd := exec.Command(os.Args[0], out)
	cmd.Env = append(os.Environ(), "ASLGEN_RUNNER_TEST_MAIN=1")
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(stdout) != "user output\n" {
		t.Errorf("stdout = %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var d runner.Description
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Version != 1 || len(d.Machines) != 1 || d.Machines[0].Name != "Hello" || d.Machines[0].ASL == "" {
		t.Errorf("description: %s", data)
	}

	// An unwritable output is the only failure.
	cmd = exec.Command(os.Args[0], filepath.Join(t.TempDir(), "missing", "out.json"))
	cmd.Env = append(os.Environ(), "ASLGEN_RUNNER_TEST_MAIN=1")
	if err := cmd.Run(); err == nil {
		t.Error("Main succeeded writing into a missing directory")
	}
}
