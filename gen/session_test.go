package gen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goGenerate runs aslgen in-process as go generate runs it for the
// //go:generate line at line of file in the package directory dir.
func goGenerate(t *testing.T, env []string, dir, file string, line int) (*Result, error) {
	t.Helper()
	pkgName := filepath.Base(dir)
	env = append(env[:len(env):len(env)], "GOFILE="+file, fmt.Sprintf("GOLINE=%d", line), "GOPACKAGE="+pkgName, "PWD="+dir)
	return Run(context.Background(), Config{Dir: dir, Env: env})
}

// directiveAtLine returns the line of the first //go:generate line of
// the Go source src.
func directiveAtLine(src string) int {
	for i, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(l, "//go:"+"generate") {
			return i + 1
		}
	}
	return 0
}

// readRecord returns the session record of the cache that holds the
// package in dir.
func readRecord(t *testing.T, env []string, dir string) *sessionRecord {
	t.Helper()
	cache := (&Config{Env: env}).getenv(cacheEnv)
	paths, _ := filepath.Glob(filepath.Join(cache, "sessions", "*.json"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var rec sessionRecord
		if err := json.Unmarshal(data, &rec); err != nil {
			t.Fatal(err)
		}
		for _, sp := range rec.Packages {
			if sp.Dir == dir {
				return &rec
			}
		}
	}
	t.Fatalf("no session record holds %s among %v", dir, paths)
	return nil
}

// served returns the lines of the record that were served, as dir:file:line
// with dir relative to mod.
func served(rec *sessionRecord, mod string) []string {
	var out []string
	for _, sp := range rec.Packages {
		for _, l := range sp.Directives {
			if l.Served {
				rel, _ := filepath.Rel(mod, sp.Dir)
				out = append(out, fmt.Sprintf("%s:%s:%d", filepath.ToSlash(rel), l.File, l.Line))
			}
		}
	}
	return out
}

// readerSource is a package whose machine depends on another package's
// output file, which it reads while it runs: its machine's comment is the
// length of ../a/a.asl.json.
func readerSource() string {
	return `package r

import (
	"fmt"
	"os"

	"github.com/aslgen/aslgen/dsl"
)

// Flow describes the size of package a's workflow.
func Flow() *dsl.Machine {
	data, err := os.ReadFile("../a/a.asl.json")
	m := dsl.NewMachine("R").Comment(fmt.Sprintf("a: %d bytes, %v", len(data), err))
	m.Pass("A")
	return m
}

` + directiveLine + "\n"
}

// TestSession runs aslgen as go generate does, one //go:generate line at a
// time, and checks that the first run computes every package's files, that
// later runs are served from its record when nothing they depend on
// changed, and that the outcome is always the one each run would have on
// its own.
func TestSession(t *testing.T) {
	t.Parallel()
	cTwo := "package c\n\n" + directiveLine + "\n"
	mod, env := newModule(t, map[string]string{
		"a/flow.go":  flowSource("a", "A", "A1"),
		"b/flow.go":  flowSource("b", "B", "B1"),
		"c/flow.go":  flowSource("c", "C", "C1"),
		"c/other.go": cTwo, // a second line in another file of c
		"r/flow.go":  readerSource(),
		// Another text: not computed with the others.
		"s/flow.go": strings.Replace(flowSource("s", "S", "S1"), directiveLine, directiveLine+" -strict", 1),
	})
	line := directiveAtLine(flowSource("a", "A", "A1"))
	gen := func(pkg, file string, line int) {
		t.Helper()
		if _, err := goGenerate(t, env, filepath.Join(mod, pkg), file, line); err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
	}
	aslOf := func(pkg string) string { return filepath.Join(mod, pkg, pkg+".asl.json") }
	rFile := filepath.Join(mod, "r", "r.asl.json")

	round := func() {
		t.Helper()
		gen("a", "flow.go", line)
		gen("b", "flow.go", line)
		gen("c", "flow.go", line)
		gen("c", "other.go", 3)
		gen("r", "flow.go", directiveAtLine(readerSource()))
		gen("s", "flow.go", line)
	}

	// The first go generate ./... writes every file. (Each line computes
	// a record: the line before it wrote new files.)
	round()
	for pkg, want := range map[string]string{"a": "A1", "b": "B1", "c": "C1", "s": "S1"} {
		if got := startAt(aslOf(pkg)); got != want {
			t.Errorf("%s: StartAt %q, want %q", pkg, got, want)
		}
	}
	aBefore, err := os.ReadFile(aslOf("a"))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := os.ReadFile(rFile); !strings.Contains(string(r), fmt.Sprintf("a: %d bytes, <nil>", len(aBefore))) {
		t.Errorf("r's machine was not run in its directory after a's run:\n%s", r)
	}

	// go generate ./... with nothing changed: a computes the record, the
	// others are served.
	gen("a", "flow.go", line)
	rec := readRecord(t, env, filepath.Join(mod, "a"))
	created := rec.Created
	if got := strings.Join(served(rec, mod), " "); got != "a:flow.go:"+fmt.Sprint(line) {
		t.Errorf("served after the first line: %s", got)
	}
	if len(rec.Packages) != 4 {
		t.Errorf("the record holds %d packages, want a, b, c and r", len(rec.Packages))
	}
	gen("b", "flow.go", line)
	gen("c", "flow.go", line)
	gen("c", "other.go", 3)
	gen("r", "flow.go", directiveAtLine(readerSource()))
	gen("s", "flow.go", line)
	rec = readRecord(t, env, filepath.Join(mod, "a"))
	if !rec.Created.Equal(created) || len(served(rec, mod)) != 5 {
		t.Errorf("record made %v (first %v), served %v", rec.Created, created, served(rec, mod))
	}

	// go generate ./... again, after edits to a and b: a's run computes
	// a new record, which sees b's edit. a's run then rewrites a's file,
	// which r reads, so b's run computes a record again (b might read it
	// too), which c and r are served from: r sees a's new file.
	writeTree(t, mod, map[string]string{
		"a/flow.go": flowSource("a", "A", "A2-longer-name"),
		"b/flow.go": flowSource("b", "B", "B2"),
	})
	gen("a", "flow.go", line)
	second := readRecord(t, env, filepath.Join(mod, "a"))
	if second.Created.Equal(created) {
		t.Fatal("a second go generate was served from the first one's record")
	}
	gen("b", "flow.go", line)
	third := readRecord(t, env, filepath.Join(mod, "a"))
	if third.Created.Equal(second.Created) {
		t.Error("b was served from a record made before a's file changed")
	}
	if got := startAt(aslOf("b")); got != "B2" {
		t.Errorf("b: StartAt %q after the edit", got)
	}
	gen("c", "flow.go", line)
	fourth := readRecord(t, env, filepath.Join(mod, "a"))
	if fourth.Created.Equal(third.Created) {
		t.Error("c was served from a record made before b's file changed")
	}
	gen("c", "other.go", 3)
	gen("r", "flow.go", directiveAtLine(readerSource()))
	if rec := readRecord(t, env, filepath.Join(mod, "a")); !rec.Created.Equal(fourth.Created) || len(served(rec, mod)) != 3 {
		t.Errorf("c's second line and r were not served: record made %v (want %v), served %v", rec.Created, fourth.Created, served(rec, mod))
	}
	aAfter, err := os.ReadFile(aslOf("a"))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := os.ReadFile(rFile); !strings.Contains(string(r), fmt.Sprintf("a: %d bytes,", len(aAfter))) || len(aAfter) == len(aBefore) {
		t.Errorf("r's machine did not see a's new file (%d bytes, was %d):\n%s", len(aAfter), len(aBefore), r)
	}

	// A change to a Go file between two lines: the next line computes
	// again, and sees it.
	writeTree(t, mod, map[string]string{"c/flow.go": flowSource("c", "C", "C3")})
	gen("a", "flow.go", line)
	fifth := readRecord(t, env, filepath.Join(mod, "a"))
	writeTree(t, mod, map[string]string{"b/flow.go": flowSource("b", "B", "B3")})
	gen("b", "flow.go", line)
	if rec := readRecord(t, env, filepath.Join(mod, "a")); rec.Created.Equal(fifth.Created) {
		t.Error("b was served from a record made before its source changed")
	}
	if got := startAt(aslOf("b")); got != "B3" {
		t.Errorf("b: StartAt %q after an edit between two lines", got)
	}
	gen("c", "flow.go", line)
	if got := startAt(aslOf("c")); got != "C3" {
		t.Errorf("c: StartAt %q", got)
	}

	// A record does not outlive its window.
	bEnv := append(env[:len(env):len(env)], "GOFILE=flow.go", fmt.Sprintf("GOLINE=%d", line), "GOPACKAGE=b")
	sess := newSession(&Config{Dir: filepath.Join(mod, "b"), Patterns: []string{"."}, Env: bEnv})
	if sess == nil {
		t.Fatal("no session for b's line")
	}
	rec = sess.load()
	if rec == nil {
		t.Fatal("the session of b's line has no record")
	}
	rec.Created = time.Now().Add(-2 * sessionWindow)
	sess.save(rec)
	if sess.load() != nil {
		t.Error("an expired record was loaded")
	}
}

// TestSessionFailure checks that a package that cannot be computed with
// the others (a constructor panics, it does not compile, it imports a
// package that does not compile) runs on its own and reports its own
// problems, while the others are still computed together.
func TestSessionFailure(t *testing.T) {
	t.Parallel()
	boom := strings.Replace(flowSource("f", "F", "F1"), "m := dsl.NewMachine", `panic("boom")
	m := dsl.NewMachine`, 1)
	broken := strings.Replace(flowSource("k", "K", "K1"), "m := dsl.NewMachine", `var n int = "not a number"
	_ = n
	m := dsl.NewMachine`, 1)
	importer := strings.Replace(flowSource("l", "L", "L1"), `import "github.com/aslgen/aslgen/dsl"`, `import (
	"github.com/aslgen/aslgen/dsl"
	_ "example.com/m/k"
)`, 1)
	mod, env := newModule(t, map[string]string{
		"a/flow.go": flowSource("a", "A", "A1"),
		"b/flow.go": flowSource("b", "B", "B1"),
		"f/flow.go": boom,
		"k/flow.go": broken,
		"l/flow.go": importer,
		// A line but no constructor: an error when it runs.
		"e/doc.go": "package e\n\n" + directiveLine + "\n",
	})
	gen := func(pkg, src string) error {
		t.Helper()
		_, err := goGenerate(t, env, filepath.Join(mod, pkg), "flow.go", directiveAtLine(src))
		return err
	}
	// The first go generate writes a's and b's files; the second has
	// nothing to change.
	for round := range 2 {
		if err := gen("a", flowSource("a", "A", "A1")); err != nil {
			t.Fatalf("round %d: a: %v", round, err)
		}
		if round == 0 {
			if err := gen("b", flowSource("b", "B", "B1")); err != nil {
				t.Fatalf("b: %v", err)
			}
		}
	}
	rec := readRecord(t, env, filepath.Join(mod, "a"))
	var alone []string
	for _, sp := range rec.Packages {
		if sp.Alone {
			alone = append(alone, filepath.Base(sp.Dir))
		}
	}
	if rec.Failed || strings.Join(alone, " ") != "f k l e" {
		t.Errorf("record failed %v, packages alone %v, want f k l e", rec.Failed, alone)
	}
	if err := gen("b", flowSource("b", "B", "B1")); err != nil {
		t.Fatalf("b: %v", err)
	}
	if got := readRecord(t, env, filepath.Join(mod, "a")); !got.Created.Equal(rec.Created) {
		t.Error("b was not served")
	}
	for pkg, want := range map[string]string{"a": "A1", "b": "B1"} {
		if got := startAt(filepath.Join(mod, pkg, pkg+".asl.json")); got != want {
			t.Errorf("%s: StartAt %q", pkg, got)
		}
	}
	err := gen("f", boom)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].Pos.Filename != "flow.go" || !strings.Contains(list[0].Msg, "Flow panicked: boom") {
		t.Errorf("f: %v", err)
	}
	if _, err := goGenerate(t, env, filepath.Join(mod, "e"), "doc.go", 3); err == nil || !strings.Contains(err.Error(), "no workflow constructors found in .") {
		t.Errorf("e: %v", err)
	}
	for _, pkg := range []string{"k", "l"} {
		src := broken
		if pkg == "l" {
			src = importer
		}
		err := gen(pkg, src)
		if !errors.As(err, &list) || !strings.Contains(err.Error(), "# example.com/m/k") || !strings.Contains(err.Error(), `cannot use "not a number"`) {
			t.Errorf("%s: %v", pkg, err)
		}
	}
}
