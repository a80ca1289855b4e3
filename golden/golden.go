package golden

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/google/go-cmp/cmp"
)

// updateEnv is the environment variable that, set to a true value ("1",
// "true"), makes golden rewrite files as -update does; unlike the flag, it
// does not upset the test binaries of packages that do not import golden.
const updateEnv = "ASLGEN_UPDATE"

func init() {
	// -update is defined here unless a package initialized earlier, such as
	// another golden-file library or a test helper, defined it: its flag
	// then serves for both (see updating).
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files with the values the tests produce (or set "+updateEnv+"=1)")
	}
}

// Updating reports whether golden files are to be rewritten: the test binary
// runs with -update, or the environment sets ASLGEN_UPDATE to a true value.
// Call it from a test, not from a package-level variable initializer: it
// reads the flag when called, and flags are parsed after initialization.
func Updating() bool {
	u, _ := updating()
	return u
}

// updating is Updating, with an error for an ASLGEN_UPDATE that is not a
// boolean. The flag is looked up, not kept, so that it is whichever bool
// flag named update the binary defines; a flag of that name that is not a
// bool belongs to someone else and is ignored.
func updating() (bool, error) {
	if f := flag.Lookup("update"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if on, _ := g.Get().(bool); on {
				return true, nil
			}
		}
	}
	v := os.Getenv(updateEnv)
	if v == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%q is not a boolean: set it to 1 to rewrite golden files", updateEnv, v)
	}
	return on, nil
}

// ASL builds m, encodes its ASL as aslgen writes it and compares the result
// with the golden file at path (relative to the test's package directory).
// When Updating, it rewrites the file instead.
func ASL(t testing.TB, m *dsl.Machine, path string) {
	t.Helper()
	if m == nil {
		t.Fatalf("golden.ASL: nil machine for %s", path)
	}
	doc, err := m.Build()
	if err != nil {
		t.Fatalf("machine %q does not build:\n%v", m.Name(), err)
	}
	got, err := asl.Marshal(doc)
	if err != nil {
		t.Fatalf("machine %q does not encode: %v", m.Name(), err)
	}
	File(t, path, got)
}

// File compares got with the golden file at path. When Updating, it
// rewrites the file (creating its directory) when the two differ.
func File(t testing.TB, path string, got []byte) {
	t.Helper()
	update, uerr := updating()
	if uerr != nil {
		t.Fatalf("golden: %v", uerr)
	}
	want, err := os.ReadFile(path)
	if update {
		if err == nil && bytes.Equal(want, got) {
			return
		}
		if err := write(path, got); err != nil {
			t.Fatalf("golden: updating %s: %v", path, err)
		}
		t.Logf("golden: updated %s", path)
		return
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("golden file %s does not exist; run the test with -update (or ASLGEN_UPDATE=1) to create it", path)
	}
	if err != nil {
		t.Fatalf("golden: %v", err)
	}
	if diff := Diff(want, got); diff != "" {
		t.Errorf("golden file %s differs (-want +got):\n%s\nrun the test with -update (or ASLGEN_UPDATE=1) to rewrite it", path, diff)
	}
}

// Diff returns a line diff of want and got, -want +got, or "" when they are
// equal.
func Diff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	diff := cmp.Diff(strings.SplitAfter(string(want), "\n"), strings.SplitAfter(string(got), "\n"))
	if diff == "" { // equal lines, e.g. differing only in a final newline
		diff = fmt.Sprintf("want %d bytes, got %d bytes", len(want), len(got))
	}
	return diff
}

// write replaces path atomically: a temporary file in the same directory,
// renamed over the old one.
func write(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp, 0o644)); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
