package shareddata

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDirDefaultIsBesideTheModule(t *testing.T) {
	t.Setenv(EnvVar, "")
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	// This package is dsl/internal/shareddata: the module root is three up.
	want, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	if dir != want {
		t.Errorf("Dir() = %s, want %s", dir, want)
	}
}

func TestDirFromEnvironment(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv(EnvVar, tmp)
	if dir, err := Dir(); err != nil || dir != tmp {
		t.Errorf("Dir() = %s, %v; want %s", dir, err, tmp)
	}
	// A relative value is taken from the module root.
	t.Setenv(EnvVar, "elsewhere")
	want, _ := filepath.Abs(filepath.Join("..", "..", "..", "elsewhere"))
	if dir, err := Dir(); err != nil || dir != want {
		t.Errorf("Dir() = %s, %v; want %s", dir, err, want)
	}
}

func TestLookupGlobLines(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv(EnvVar, tmp)
	if err := os.MkdirAll(filepath.Join(tmp, "conformance"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(tmp, "conformance", "cases.jsonl")
	if err := os.WriteFile(file, []byte("{\"a\":1}\n\n  {\"b\":2}  \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if path, ok := Lookup("conformance/cases.jsonl"); !ok || path != file {
		t.Errorf("Lookup = %s, %v", path, ok)
	}
	if _, ok := Lookup("conformance/absent.jsonl"); ok {
		t.Error("Lookup found an absent file")
	}
	if got := Glob(t, "conformance/*.jsonl"); !slices.Equal(got, []string{file}) {
		t.Errorf("Glob = %v", got)
	}
	lines := Lines(t, "conformance/cases.jsonl")
	if len(lines) != 2 || string(lines[0]) != `{"a":1}` || string(lines[1]) != `{"b":2}` {
		t.Errorf("Lines = %q", lines)
	}
}

// TestSkipWhenAbsent checks that a test reading absent data is skipped, with
// a message naming the data and the folder.
func TestSkipWhenAbsent(t *testing.T) {
	t.Setenv(EnvVar, filepath.Join(t.TempDir(), "missing"))
	for name, c := range map[string]struct {
		what string
		read func(testing.TB)
	}{
		"Path":  {"conformance/x.jsonl", func(tb testing.TB) { Path(tb, "conformance/x.jsonl") }},
		"Glob":  {"corpus/*.json", func(tb testing.TB) { Glob(tb, "corpus/*.json") }},
		"Lines": {"conformance/y.jsonl", func(tb testing.TB) { Lines(tb, "conformance/y.jsonl") }},
	} {
		r := &recorder{TB: t}
		func() {
			defer func() { _ = recover() }()
			c.read(r)
		}()
		if !r.skipped || !strings.Contains(r.msg, c.what) || !strings.Contains(r.msg, "missing") {
			t.Errorf("%s: skipped=%v message %q", name, r.skipped, r.msg)
		}
	}
}

// recorder is a testing.TB that records a skip instead of ending the test.
type recorder struct {
	testing.TB
	skipped bool
	msg     string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped, r.msg = true, fmt.Sprintf(format, args...)
	panic("skip")
}
