package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/aslgen/aslgen/cmd/aslgen/internal/definition"
	"github.com/aslgen/aslgen/dsl/asl"
)

// newValidateFlags defines the flag of validate, -json.
func newValidateFlags(stderr io.Writer) (*flag.FlagSet, *bool) {
	fs := newFlagSet("validate", stderr)
	return fs, fs.Bool("json", false, "")
}

// validateCommand is aslgen validate [-json] FILE...: it prints the
// diagnostics of each file and exits 1 when one has an error.
func validateCommand(args []string, stdout, stderr io.Writer) int {
	flags, asJSON := newValidateFlags(stderr)
	if code, done := parse(flags, "validate", args); done {
		return code
	}
	if flags.NArg() == 0 {
		usage(stderr, "validate")
		return exitError
	}
	all, invalid, unreadable := validateFiles(flags.Args(), *asJSON, stdout, stderr)
	if *asJSON {
		data, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "aslgen validate: %v\n", err)
			return exitError
		}
		stdout.Write(append(data, '\n'))
	}
	switch {
	case unreadable:
		return exitError
	case invalid:
		return exitInvalid
	}
	return exitOK
}

// validateFiles validates the files. It prints the diagnostics, and
// returns them instead with asJSON; it reports whether a document is
// invalid and whether a file is unreadable (printed on stderr).
func validateFiles(files []string, asJSON bool, stdout, stderr io.Writer) (all []diagnostic, invalid, unreadable bool) {
	all = []diagnostic{}
	for _, file := range files {
		ds, err := validateFile(file)
		switch {
		case errors.As(err, new(*fs.PathError)):
			fmt.Fprintf(stderr, "aslgen validate: %v\n", err)
			unreadable = true
			continue
		case err != nil:
			// A YAML document that does not parse.
			invalid = true
			if !asJSON {
				fmt.Fprintf(stdout, "%s: %v\n", file, err)
				continue
			}
			ds = []diagnostic{{File: file, Severity: string(asl.SeverityError), Code: asl.CodeInvalidJSON, Message: err.Error()}}
		}
		for _, d := range ds {
			invalid = invalid || d.Severity == string(asl.SeverityError)
			if asJSON {
				all = append(all, d)
			} else {
				fmt.Fprintln(stdout, d)
			}
		}
	}
	return all, invalid, unreadable
}

// validateFile reads a definition and returns its diagnostics.
func validateFile(file string) ([]diagnostic, error) {
	def, err := definition.Read(file)
	if err != nil {
		return nil, err
	}
	var out []diagnostic
	for _, d := range def.Validate() {
		out = append(out, diagnostic{File: file, Severity: string(d.Severity), Code: d.Code, Message: d.Message,
			Location: d.Location, Line: d.Line, Column: d.Column})
	}
	return out, nil
}

// diagnostic is a diagnostic of one file, as validate prints it: a line of
// text, or an element of the -json array.
type diagnostic struct {
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
func (d diagnostic) String() string {
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
