package main

import (
	"bytes"
	"errors"
	"go/token"
	"testing"

	"github.com/aslgen/aslgen/gen"
)

// TestPrintFiles checks what generating prints of the generator's files in
// each mode, and the exit code.
func TestPrintFiles(t *testing.T) {
	files := []gen.File{
		{Path: "orders/aslgen_gen.go", Changed: true, Delete: true, Diff: []byte("--- a/orders/aslgen_gen.go\n+++ /dev/null\n")},
		{Path: "orders/a.asl.json"},
		{Path: "orders/b.asl.json", Changed: true, Diff: []byte("--- a/orders/b.asl.json\n+++ b/orders/b.asl.json\n")},
	}
	for _, tc := range []struct {
		mode           gen.Mode
		verbose        bool
		stdout, stderr string
		code           int
	}{
		{gen.ModeWrite, false, "", "", exitOK},
		{gen.ModeWrite, true, "", "aslgen: deleted orders/aslgen_gen.go, which is no longer needed\naslgen: unchanged orders/a.asl.json\naslgen: wrote orders/b.asl.json\n", exitOK},
		{gen.ModeCheck, false, "orders/aslgen_gen.go\norders/b.asl.json\n", "aslgen: 2 generated files are out of date; run go generate\n", exitStale},
		{gen.ModeDiff, false, "--- a/orders/aslgen_gen.go\n+++ /dev/null\n--- a/orders/b.asl.json\n+++ b/orders/b.asl.json\n", "", exitStale},
	} {
		var stdout, stderr bytes.Buffer
		code := printFiles(&stdout, &stderr, tc.mode, files, tc.verbose)
		if code != tc.code || stdout.String() != tc.stdout || stderr.String() != tc.stderr {
			t.Errorf("mode %d, verbose %v: exit %d, stdout %q, stderr %q; want %d, %q, %q", tc.mode, tc.verbose, code, stdout.String(), stderr.String(), tc.code, tc.stdout, tc.stderr)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := printFiles(&stdout, &stderr, gen.ModeCheck, files[1:2], false); code != exitOK || stdout.Len()+stderr.Len() != 0 {
		t.Errorf("nothing stale: exit %d, %q %q", code, stdout.String(), stderr.String())
	}
	if code := printFiles(&stdout, &stderr, gen.ModeCheck, files[2:], false); code != exitStale || stderr.String() != "aslgen: 1 generated file is out of date; run go generate\n" {
		t.Errorf("one stale file: exit %d, stderr %q", code, stderr.String())
	}
}

// TestPrintGenError checks that problems in the user's code print as the Go
// tools print them, and other errors after the command's name.
func TestPrintGenError(t *testing.T) {
	var b bytes.Buffer
	printGenError(&b, gen.ErrorList{
		{Pos: token.Position{Filename: "flow.go", Line: 8}, Msg: `state "A": duplicate state name`},
		{Msg: "# example.com/m/orders\nflow.go:6:14: cannot use 1 as string"},
	})
	printGenError(&b, errors.New("no packages match ./nothing"))
	want := "flow.go:8: state \"A\": duplicate state name\n# example.com/m/orders\nflow.go:6:14: cannot use 1 as string\naslgen: no packages match ./nothing\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestPrintFindings checks the order of what generating prints besides the
// files: notes, work directories, the user's output (with -v), warnings.
func TestPrintFindings(t *testing.T) {
	res := &gen.Result{
		Notes:    []string{"skipping package example.com/m/lib: it has workflow constructors, but no //go:generate line runs aslgen in it"},
		Work:     []string{"/tmp/aslgen-work-1"},
		Output:   []byte("user code printed\n"),
		Warnings: gen.ErrorList{{Pos: token.Position{Filename: "flow.go", Line: 3}, Msg: "warning: $.x may be absent"}},
	}
	for verbose, want := range map[bool]string{
		false: "aslgen: " + res.Notes[0] + "\nWORK=/tmp/aslgen-work-1\nflow.go:3: warning: $.x may be absent\n",
		true:  "aslgen: " + res.Notes[0] + "\nWORK=/tmp/aslgen-work-1\nuser code printed\nflow.go:3: warning: $.x may be absent\n",
	} {
		var b bytes.Buffer
		printFindings(&b, res, verbose)
		if b.String() != want {
			t.Errorf("verbose %v: got\n%s\nwant\n%s", verbose, b.String(), want)
		}
	}
}
