package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msgs   []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(r) // stops the helper like t.Fatalf; recovered by run
}

func (r *recorder) Logf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// run calls f with a recorder and returns it.
func run(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	func() {
		defer func() {
			if v := recover(); v != nil && v != r {
				panic(v)
			}
		}()
		f(r)
	}()
	return r
}

// setUpdate sets -update for the rest of the test.
func setUpdate(t *testing.T, on bool) {
	t.Helper()
	old := flag.Lookup("update").Value.String()
	if err := flag.Set("update", strconv.FormatBool(on)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { flag.Set("update", old) })
}

func hello() *dsl.Machine {
	m := dsl.NewMachine("Hello")
	m.Pass("Hello").Result(dsl.Obj{"greeting": "hello"})
	return m
}

// notUpdating makes the test run as without -update and ASLGEN_UPDATE,
// however the test binary was started (go test ./... -update included).
func notUpdating(t *testing.T) {
	t.Helper()
	t.Setenv(updateEnv, "")
	setUpdate(t, false)
}

func TestASL(t *testing.T) {
	notUpdating(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "hello.asl.json")

	r := run(t, func(tb testing.TB) { ASL(tb, hello(), file) })
	if !r.failed || !strings.Contains(strings.Join(r.msgs, "\n"), "does not exist; run the test with -update") {
		t.Fatalf("missing golden file: failed=%v msgs=%q", r.failed, r.msgs)
	}

	setUpdate(t, true)
	r = run(t, func(tb testing.TB) { ASL(tb, hello(), file) })
	setUpdate(t, false)
	if r.failed {
		t.Fatalf("-update failed: %q", r.msgs)
	}
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), `"greeting": "hello"`) {
		t.Fatalf("-update wrote %q (%v)", data, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("-update left %d files in the directory, want 1", len(entries))
	}

	if r = run(t, func(tb testing.TB) { ASL(tb, hello(), file) }); r.failed {
		t.Fatalf("matching golden file failed: %q", r.msgs)
	}

	changed := dsl.NewMachine("Hello")
	changed.Pass("Hello").Result(dsl.Obj{"greeting": "bonjour"})
	r = run(t, func(tb testing.TB) { ASL(tb, changed, file) })
	msg := strings.Join(r.msgs, "\n")
	if !r.failed || !strings.Contains(msg, "(-want +got)") || !strings.Contains(msg, `-`) || !strings.Contains(msg, "bonjour") {
		t.Fatalf("stale golden file: failed=%v msgs=%s", r.failed, msg)
	}
}

func TestASLBuildError(t *testing.T) {
	m := dsl.NewMachine("Broken")
	m.Pass("A").ResultPath("$[")
	r := run(t, func(tb testing.TB) { ASL(tb, m, filepath.Join(t.TempDir(), "x.asl.json")) })
	if !r.failed || !strings.Contains(strings.Join(r.msgs, "\n"), `does not build`) {
		t.Fatalf("broken machine: failed=%v msgs=%q", r.failed, r.msgs)
	}
}

func TestDiff(t *testing.T) {
	if d := Diff([]byte("a\nb\n"), []byte("a\nb\n")); d != "" {
		t.Errorf("Diff of equal inputs = %q, want empty", d)
	}
	d := Diff([]byte("a\nb\n"), []byte("a\nc\n"))
	var minus, plus bool
	for _, l := range strings.Split(d, "\n") {
		minus = minus || strings.HasPrefix(l, "-") && strings.Contains(l, `"b\n"`)
		plus = plus || strings.HasPrefix(l, "+") && strings.Contains(l, `"c\n"`)
	}
	if !minus || !plus {
		t.Errorf("Diff = %q, want -b +c lines", d)
	}
}

func TestUpdating(t *testing.T) {
	notUpdating(t)
	if Updating() {
		t.Fatal("Updating without -update or " + updateEnv)
	}
	setUpdate(t, true)
	if !Updating() {
		t.Error("Updating is false with -update")
	}
	setUpdate(t, false)
	for _, tc := range []struct {
		env  string
		want bool
	}{{"1", true}, {"true", true}, {"0", false}, {"false", false}, {"", false}, {"yes", false}} {
		t.Setenv(updateEnv, tc.env)
		if got := Updating(); got != tc.want {
			t.Errorf("%s=%q: Updating() = %v, want %v", updateEnv, tc.env, got, tc.want)
		}
	}

	// The environment variable rewrites files as -update does.
	file := filepath.Join(t.TempDir(), "sub", "x.golden")
	t.Setenv(updateEnv, "1")
	if r := run(t, func(tb testing.TB) { File(tb, file, []byte("x\n")) }); r.failed {
		t.Fatalf("%s=1: %q", updateEnv, r.msgs)
	}
	if data, err := os.ReadFile(file); err != nil || string(data) != "x\n" {
		t.Fatalf("%s=1 wrote %q, %v", updateEnv, data, err)
	}
	// A value that is not a boolean is a mistake worth stopping for.
	t.Setenv(updateEnv, "yes")
	r := run(t, func(tb testing.TB) { File(tb, file, []byte("y\n")) })
	if msg := strings.Join(r.msgs, "\n"); !r.failed || !strings.Contains(msg, `ASLGEN_UPDATE="yes" is not a boolean`) {
		t.Errorf("%s=yes: failed=%v %s", updateEnv, r.failed, msg)
	}
}
