package definition

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/yaml"
)

func write(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadJSONAndYAML(t *testing.T) {
	for _, tc := range []struct{ name, content string }{
		{"m.asl.json", `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`},
		{"m.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n"},
		{"M.YML", "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n"},
	} {
		file := write(t, tc.name, tc.content)
		d, err := Read(file)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if d.File != file {
			t.Errorf("%s: File %q", tc.name, d.File)
		}
		if ds := d.Validate(); len(ds) != 0 {
			t.Errorf("%s: diagnostics %v", tc.name, ds)
		}
		sm, err := d.Decode()
		if err != nil || sm.StartAt != "A" {
			t.Errorf("%s: %v, %v", tc.name, sm, err)
		}
	}
}

func TestReadErrors(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "missing.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	_, err = Read(write(t, "broken.yaml", "StartAt: A\nStates:\n  A: [\n"))
	var ye *yaml.Error
	if !errors.As(err, &ye) || ye.Line == 0 {
		t.Errorf("broken YAML: %v (%T)", err, err)
	}
	if errors.As(err, new(*fs.PathError)) {
		t.Error("a YAML syntax error is taken for an unreadable file")
	}
}

// TestPositions checks that diagnostics and decoding errors point at the
// lines of the file as written: JSON lines and columns, YAML lines.
func TestPositions(t *testing.T) {
	js := write(t, "m.json", "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"},\n    \"B\": {\"Type\": \"Succeed\"}\n  }\n}\n")
	ym := write(t, "m.asl.yaml", "# a comment\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n  B:\n    Type: Succeed\n")
	for _, tc := range []struct {
		file      string
		line, col int
	}{{js, 4, 27}, {ym, 6, 0}} {
		d, err := Read(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		ds := d.Validate()
		if len(ds) != 2 || ds[0].Code != asl.CodeMissingTransitionTarget || ds[0].Line != tc.line || ds[0].Column != tc.col {
			t.Errorf("%s: %+v, want MISSING_TRANSITION_TARGET at %d:%d", tc.file, ds, tc.line, tc.col)
		}
	}

	bad := write(t, "bad.json", "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true,}\n  }\n}\n")
	d, err := Read(bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Decode(); err == nil || !strings.HasPrefix(err.Error(), bad+":4:") {
		t.Errorf("decoding bad JSON: %v", err)
	}
	badYAML := write(t, "bad.yaml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    TimeoutSeconds: 5\n")
	if d, err = Read(badYAML); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Decode(); err == nil || !strings.HasPrefix(err.Error(), badYAML+":") || strings.Contains(err.Error(), ":0") {
		t.Errorf("decoding bad YAML: %v", err)
	}
}
