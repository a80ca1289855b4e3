package gen

// The helpers of the tests and benchmarks that build modules. They use
// only Run and Config of the package, so that this file and
// bench_test.go also measure an older version of it.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// directiveLine is the //go:generate line of the test packages, spliced so
// that go generate does not take this file's line for one of its own.
const directiveLine = "//go:" + "generate go tool aslgen"

var (
	modCacheOnce sync.Once
	modCacheErr  error
)

// hermeticEnv is the environment of the go commands of the end-to-end
// tests: modules come from this repository and the module cache only.
func hermeticEnv(cache string) []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off", "ASLGEN_CACHE="+cache)
}

// newModule creates a module example.com/m that requires this repository
// (through a replace directive) with the given files, and returns its
// directory and the environment to generate it in, whose runner cache is
// empty. It skips the test with -short, and when the module cache lacks
// this repository's requirements.
func newModule(tb testing.TB, files map[string]string) (dir string, env []string) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("builds a module; skipped with -short")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		tb.Fatal(err)
	}
	modCacheOnce.Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir, cmd.Env = root, hermeticEnv(tb.TempDir())
		if out, err := cmd.CombinedOutput(); err != nil {
			modCacheErr = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if modCacheErr != nil {
		tb.Skipf("the module cache lacks this repository's requirements: %v", modCacheErr)
	}
	dir = tb.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		tb.Fatal(err)
	}
	files["go.mod"] = fmt.Sprintf("module example.com/m\n\ngo 1.24.0\n\nrequire github.com/aslgen/aslgen v0.0.0\n\nreplace github.com/aslgen/aslgen => %s\n", root)
	files["go.sum"] = string(sum)
	writeModuleFiles(tb, dir, files)
	return dir, hermeticEnv(filepath.Join(tb.TempDir(), "cache"))
}

// flowSource is a package with one constructor whose machine starts at
// state start.
func flowSource(pkg, machine, start string) string {
	return fmt.Sprintf(`package %s

import "github.com/aslgen/aslgen/dsl"

// Flow builds a workflow.
func Flow() *dsl.Machine {
	m := dsl.NewMachine(%q)
	m.Chain(m.Pass(%q), m.Task("Charge").Resource("arn:aws:states:::lambda:invoke"))
	return m
}

%s
`, pkg, machine, start, directiveLine)
}

// startAt returns the StartAt of the ASL file at path, or what went wrong.
func startAt(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	_, rest, _ := strings.Cut(string(data), `"StartAt": "`)
	start, _, _ := strings.Cut(rest, `"`)
	return start
}

// writeModuleFiles writes files (slash-separated paths) under dir.
func writeModuleFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
