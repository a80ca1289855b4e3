package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// flowNamed is a package with one constructor whose machine is called name
// and starts at state start.
func flowNamed(pkg, name, start string) string {
	return fmt.Sprintf("package %s\n\nimport \"github.com/aslgen/aslgen/dsl\"\n\n// Flow builds a workflow.\nfunc Flow() *dsl.Machine {\n\tm := dsl.NewMachine(%q)\n\tm.Pass(%q)\n\treturn m\n}\n", pkg, name, start) + directive
}

// TestConcurrentProcesses runs aslgen processes at the same time on one
// module, after an edit, so that they build the same runner together: each
// succeeds and the runner cache stays whole.
func TestConcurrentProcesses(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{"orders/flow.go": flowNamed("orders", "Concurrent", "A")})
	pkgDir := filepath.Join(mod, "orders")
	aslgen(t, pkgDir).want(t, 0)
	for round, start := range []string{"B", "C"} {
		writeFiles(t, mod, map[string]string{"orders/flow.go": flowNamed("orders", "Concurrent", start)})
		var wg sync.WaitGroup
		results := make([]result, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = aslgen(t, pkgDir)
			}()
		}
		wg.Wait()
		for _, r := range results {
			r.want(t, 0)
		}
		if got, _ := stateNames(t, filepath.Join(pkgDir, "concurrent.asl.json")); got != start {
			t.Errorf("round %d: StartAt %q, want %q", round, got, start)
		}
	}
	aslgen(t, mod, "-check", "./...").want(t, 0)
}

// TestGoGenerateMany runs go generate on a module with a //go:generate line
// in several packages, one of them with lines in two files, and another
// generator that an aslgen package depends on: the outcome is the one of
// running each line on its own, and aslgen -check agrees.
func TestGoGenerateMany(t *testing.T) {
	t.Parallel()
	// k's machine starts at the state named by a constant that another
	// generator writes, on the line before aslgen's.
	writeConst := `package main

import (
	"fmt"
	"os"
)

func main() {
	src := fmt.Sprintf("package k\n\nconst Start = %q\n", os.Args[1])
	if err := os.WriteFile("start.go", []byte(src), 0o644); err != nil {
		panic(err)
	}
}
`
	k := func(start string) string {
		return "package k\n\nimport \"github.com/aslgen/aslgen/dsl\"\n\n" +
			"//go:" + "generate go run example.com/m/tools/writeconst " + start + "\n" +
			"//go:" + "generate go tool aslgen\n\n" +
			"// Flow builds a workflow.\nfunc Flow() *dsl.Machine {\n\tm := dsl.NewMachine(\"K\")\n\tm.Pass(Start)\n\treturn m\n}\n"
	}
	mod := newModule(t, map[string]string{
		"a/flow.go":                  flowNamed("a", "A", "A1"),
		"b/flow.go":                  flowNamed("b", "B", "B1"),
		"b/more.go":                  "package b\n" + directive,
		"k/flow.go":                  k("K1"),
		"k/start.go":                 "package k\n\nconst Start = \"K0\"\n",
		"tools/writeconst/main.go":   writeConst,
		"z/flow.go":                  flowNamed("z", "Z", "Z1"),
		"z/internal/deep/flow.go":    flowNamed("deep", "Deep", "D1"),
		"plain/plain.go":             "package plain\n\nfunc Nothing() {}\n",
		"a/notes/not_aslgen_flow.go": strings.TrimSuffix(flowNamed("notes", "Notes", "N1"), directive) + "\n",
	})
	command(t, mod, "go", "get", "-tool", "github.com/aslgen/aslgen/cmd/aslgen@v0.0.0").want(t, 0)
	want := map[string]string{"a/a.asl.json": "A1", "b/b.asl.json": "B1", "k/k.asl.json": "K1", "z/z.asl.json": "Z1", "z/internal/deep/deep.asl.json": "D1"}
	check := func(when string) {
		t.Helper()
		for file, start := range want {
			if got, _ := stateNames(t, filepath.Join(mod, filepath.FromSlash(file))); got != start {
				t.Errorf("%s: %s: StartAt %q, want %q", when, file, got, start)
			}
		}
		if exists(filepath.Join(mod, "a", "notes", "notes.asl.json")) {
			t.Errorf("%s: a package without a line was generated", when)
		}
		aslgen(t, mod, "-check", "./...").want(t, 0)
	}
	for _, when := range []string{"first", "unchanged"} {
		r := command(t, mod, "go", "generate", "./...")
		r.want(t, 0)
		if r.stdout != "" || r.stderr != "" {
			t.Errorf("%s: go generate printed:\n%s%s", when, r.stdout, r.stderr)
		}
		check(when)
	}

	// Edits in two packages, and a new value for k's generator.
	writeFiles(t, mod, map[string]string{
		"b/flow.go":               flowNamed("b", "B", "B2"),
		"z/internal/deep/flow.go": flowNamed("deep", "Deep", "D2"),
		"k/flow.go":               k("K2"),
	})
	want["b/b.asl.json"], want["z/internal/deep/deep.asl.json"], want["k/k.asl.json"] = "B2", "D2", "K2"
	command(t, mod, "go", "generate", "./...").want(t, 0)
	check("edited")
	if got := readFile(t, filepath.Join(mod, "k", "start.go")); !strings.Contains(got, `"K2"`) {
		t.Errorf("k/start.go: %s", got)
	}

	// One package alone, after an edit elsewhere: only it is written.
	writeFiles(t, mod, map[string]string{"a/flow.go": flowNamed("a", "A", "A3"), "z/flow.go": flowNamed("z", "Z", "Z3")})
	command(t, mod, "go", "generate", "./a").want(t, 0)
	if got, _ := stateNames(t, filepath.Join(mod, "a", "a.asl.json")); got != "A3" {
		t.Errorf("a: StartAt %q", got)
	}
	if got, _ := stateNames(t, filepath.Join(mod, "z", "z.asl.json")); got != "Z1" {
		t.Errorf("go generate ./a wrote z: StartAt %q", got)
	}
	command(t, mod, "go", "generate", "./z").want(t, 0)
	if got, _ := stateNames(t, filepath.Join(mod, "z", "z.asl.json")); got != "Z3" {
		t.Errorf("z: StartAt %q", got)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, "sessions")); err != nil {
		t.Errorf("no session records: %v", err)
	}
}
