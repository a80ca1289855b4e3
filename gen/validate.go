package gen

import (
	"path/filepath"

	"github.com/aslgen/aslgen/dsl/yaml"

	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
)

// ValidateConfig configures [Validate].
type ValidateConfig struct {
	// Files are the ASL documents to check.
	Files []string
	// JSON prints the diagnostics as one JSON array instead of lines.
	JSON bool
	// Stdout receives the diagnostics, Stderr the files that cannot be read.
	// Nil discards.
	Stdout, Stderr io.Writer
}

// FileDiagnostic is a diagnostic of one file, as Validate prints it with
// JSON set.
type FileDiagnostic struct {
	// File is the file's name as given.
	File string `json:"file"`
	// Severity, Code, Message, Location, Line and Column are those of the
	// asl.Diagnostic: "ERROR" or "WARNING", AWS's code, what is wrong, a
	// JSON pointer such as /States/Pay/Next, and the 1-based position in
	// the file (0 when unknown).
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Location string `json:"location"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

// String formats the diagnostic as
// "FILE:LINE:COL: SEVERITY CODE: message (at /States/X/Next)", leaving out
// the position when it is unknown and the location when it is empty.
func (d FileDiagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	switch {
	case d.Line > 0 && d.Column > 0:
		fmt.Fprintf(&b, ":%d:%d", d.Line, d.Column)
	case d.Line > 0:
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	fmt.Fprintf(&b, ": %s %s: %s", d.Severity, d.Code, d.Message)
	if d.Location != "" {
		fmt.Fprintf(&b, " (at %s)", d.Location)
	}
	return b.String()
}

// IsYAML reports whether a file's name says it holds YAML (.yaml, .yml).
func IsYAML(file string) bool {
	ext := strings.ToLower(filepath.Ext(file))
	return ext == ".yaml" || ext == ".yml"
}

// validateFile validates an ASL document, JSON or (by its name) YAML. The
// diagnostics of a YAML document point at its lines; their column is 0.
func validateFile(file string, data []byte) ([]asl.Diagnostic, error) {
	if !IsYAML(file) {
		return asl.ValidateJSON(data), nil
	}
	js, lines, err := yaml.ToJSON(data)
	if err != nil {
		return nil, err
	}
	ds := asl.ValidateJSON(js)
	for i := range ds {
		if l := ds[i].Line; l >= 1 && l <= len(lines) {
			ds[i].Line, ds[i].Column = lines[l-1], 0
		}
	}
	return ds, nil
}

// Validate checks each file with asl.ValidateJSON and prints its
// diagnostics. It returns [ExitOK] when no file has an error diagnostic
// (warnings are printed but do not fail), [ExitStale] (1) when one has, and
// [ExitError] when a file cannot be read or no file is given.
func Validate(cfg ValidateConfig) int {
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	if len(cfg.Files) == 0 {
		fmt.Fprintln(cfg.Stderr, "aslgen validate: no files given")
		return ExitError
	}
	all := []FileDiagnostic{}
	invalid, unreadable := false, false
	for _, file := range cfg.Files {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(cfg.Stderr, "aslgen validate: %v\n", err)
			unreadable = true
			continue
		}
		ds, err := validateFile(file, data)
		if err != nil {
			fmt.Fprintf(cfg.Stdout, "%s: %v\n", file, err)
			invalid = true
			if cfg.JSON {
				all = append(all, FileDiagnostic{File: file, Severity: string(asl.SeverityError), Code: asl.CodeInvalidJSON, Message: err.Error()})
			}
			continue
		}
		if asl.HasErrors(ds) {
			invalid = true
		}
		for _, d := range ds {
			fd := FileDiagnostic{File: file, Severity: string(d.Severity), Code: d.Code, Message: d.Message,
				Location: d.Location, Line: d.Line, Column: d.Column}
			if cfg.JSON {
				all = append(all, fd)
			} else {
				fmt.Fprintln(cfg.Stdout, fd)
			}
		}
	}
	if cfg.JSON {
		data, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			fmt.Fprintf(cfg.Stderr, "aslgen validate: %v\n", err)
			return ExitError
		}
		cfg.Stdout.Write(append(data, '\n'))
	}
	switch {
	case unreadable:
		return ExitError
	case invalid:
		return ExitStale
	}
	return ExitOK
}
