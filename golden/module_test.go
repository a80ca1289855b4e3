package golden

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUserModule runs go test in a module that uses golden
// (testdata/usermod) and checks what -update and ASLGEN_UPDATE do there:
// with a user's helper package that defines -update itself, in a package
// whose tests do not import golden, and in a test package that defines
// -update although it imports golden.
func TestUserModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs test binaries")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	// setup copies the module to a new directory, with its golden files
	// stale (v1, where the tests produce v2).
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS("testdata/usermod")); err != nil {
			t.Fatal(err)
		}
		mod := "module example.com/usermod\n\ngo 1.24\n\nrequire github.com/aslgen/aslgen v0.0.0\n\nreplace github.com/aslgen/aslgen => " + root + "\n"
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	// goTest runs go test with args in dir and returns its output and
	// whether it passed.
	goTest := func(t *testing.T, dir string, env []string, args ...string) (string, bool) {
		cmd := exec.Command(goTool, append([]string{"test", "-count=1"}, args...)...)
		cmd.Dir = dir
		// Offline: the module's requirements are those of this one, which
		// are in the module cache.
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local", updateEnv+"=")
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatal(err)
		}
		return string(out), err == nil
	}
	// rewritten returns the golden files of dir that the tests rewrote.
	rewritten := func(t *testing.T, dir string) []string {
		var out []string
		fs.WalkDir(os.DirFS(dir), ".", func(path string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".golden") {
				if data, _ := os.ReadFile(filepath.Join(dir, path)); string(data) == "v2\n" {
					out = append(out, path)
				}
			}
			return err
		})
		return out
	}
	both := "[shared/testdata/shared.golden uses/testdata/uses.golden]"

	t.Run("stale", func(t *testing.T) {
		t.Parallel()
		dir := setup(t)
		out, ok := goTest(t, dir, nil, "./shared", "./uses")
		if ok || strings.Count(out, "differs (-want +got)") != 2 {
			t.Errorf("stale golden files pass:\n%s", out)
		}
	})
	t.Run("flag", func(t *testing.T) {
		t.Parallel()
		// golden defines -update, or shares the one the user's helper
		// package defined before it.
		dir := setup(t)
		out, ok := goTest(t, dir, nil, "./shared", "./uses", "-update")
		if got := strings.Join(rewritten(t, dir), " "); !ok || "["+got+"]" != both {
			t.Errorf("-update rewrote [%s], want %s:\n%s", got, both, out)
		}
	})
	t.Run("flag everywhere", func(t *testing.T) {
		t.Parallel()
		// The test binary of a package whose tests do not import golden
		// rejects -update: go test passes it to every binary.
		dir := setup(t)
		out, ok := goTest(t, dir, nil, "./...", "-update")
		if ok || !strings.Contains(out, "flag provided but not defined: -update") || !strings.Contains(out, "FAIL\texample.com/usermod/plain") {
			t.Errorf("go test ./... -update, with a package that does not import golden:\n%s", out)
		}
	})
	t.Run("environment", func(t *testing.T) {
		t.Parallel()
		dir := setup(t)
		out, ok := goTest(t, dir, []string{updateEnv + "=1"}, "./...")
		if got := strings.Join(rewritten(t, dir), " "); !ok || "["+got+"]" != both {
			t.Errorf("%s=1 go test ./... rewrote [%s], want %s:\n%s", updateEnv, got, both, out)
		}
	})
	t.Run("same package", func(t *testing.T) {
		t.Parallel()
		// What golden cannot allow: a package that imports it defining
		// -update again.
		dir := setup(t)
		out, ok := goTest(t, dir, nil, "./_samepkg")
		if ok || !strings.Contains(out, "flag redefined: update") {
			t.Errorf("a second -update in a package that imports golden:\n%s", out)
		}
	})
}
