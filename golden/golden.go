package golden

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files with the values the tests produce")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// ASL builds m, encodes its ASL as aslgen writes it and compares the result
// with the golden file at path (relative to the test's package directory).
// With -update it rewrites the file instead.
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

// File compares got with the golden file at path. With -update it rewrites
// the file (creating its directory) when the two differ.
func File(t testing.TB, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if *update {
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
		t.Fatalf("golden file %s does not exist; run the test with -update to create it", path)
	}
	if err != nil {
		t.Fatalf("golden: %v", err)
	}
	if diff := Diff(want, got); diff != "" {
		t.Errorf("golden file %s differs (-want +got):\n%s\nrun the test with -update to rewrite it", path, diff)
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
