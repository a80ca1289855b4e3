package definition

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/yaml"
)

// Definition is a definition read from a file.
type Definition struct {
	// File is the file's name as given to Read.
	File string
	// JSON is the definition's JSON text: the file's content, or the JSON
	// of its YAML document.
	JSON []byte
	// lines maps a line of JSON (1-based) to the YAML line it came from;
	// nil for a JSON file.
	lines []int
}

// Read reads the definition in file. The error is the *fs.PathError of a
// file that cannot be read, or wraps the *yaml.Error of a YAML document
// that does not parse, as "file:line:column: message". A JSON file's syntax is checked by
// Validate and Decode.
func Read(file string) (*Definition, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	d := &Definition{File: file, JSON: data}
	if isYAML(file) {
		if d.JSON, d.lines, err = yaml.ToJSON(data); err != nil {
			return nil, fmt.Errorf("%s:%w", file, err) // file:line:column: message
		}
	}
	return d, nil
}

// isYAML reports whether a file's name says it holds YAML.
func isYAML(file string) bool {
	ext := strings.ToLower(filepath.Ext(file))
	return ext == ".yaml" || ext == ".yml"
}

// Validate checks the definition with asl.ValidateJSON. The diagnostics of
// a YAML document point at its lines; their column is 0.
func (d *Definition) Validate() []asl.Diagnostic {
	ds := asl.ValidateJSON(d.JSON)
	for i := range ds {
		ds[i].Line, ds[i].Column = d.position(ds[i].Line, ds[i].Column)
	}
	return ds
}

// Decode decodes the definition with asl.Unmarshal. Its error names the
// file and the position of each problem, one a line, as
// file:line:column: /States/X/Field: message.
func (d *Definition) Decode() (*asl.StateMachine, error) {
	sm, err := asl.Unmarshal(d.JSON)
	if err == nil {
		return sm, nil
	}
	var list asl.ErrorList
	if !errors.As(err, &list) {
		return nil, fmt.Errorf("%s: %w", d.File, err)
	}
	msgs := make([]string, len(list))
	for i, e := range list {
		var b strings.Builder
		b.WriteString(d.File)
		switch line, col := d.position(e.Line, e.Column); {
		case line > 0 && col > 0:
			fmt.Fprintf(&b, ":%d:%d", line, col)
		case line > 0:
			fmt.Fprintf(&b, ":%d", line)
		}
		b.WriteString(": ")
		if e.Pointer != "" {
			b.WriteString(e.Pointer + ": ")
		}
		b.WriteString(e.Message)
		msgs[i] = b.String()
	}
	return nil, errors.New(strings.Join(msgs, "\n"))
}

// position maps a line and column of the JSON text to the file: for YAML,
// the line of the YAML value and no column.
func (d *Definition) position(line, col int) (int, int) {
	if d.lines == nil {
		return line, col
	}
	if line >= 1 && line <= len(d.lines) {
		return d.lines[line-1], 0
	}
	return 0, 0
}
