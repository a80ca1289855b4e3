package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aslgen/aslgen/cmd/aslgen/internal/definition"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/yaml"
	"github.com/aslgen/aslgen/gen/importer"
)

// importFlags are the flags of import.
type importFlags struct {
	name, pkg, out   *string
	force, overwrite *bool
}

func newImportFlags(stderr io.Writer) (*flag.FlagSet, importFlags) {
	fs := newFlagSet("import", stderr)
	return fs, importFlags{
		name:      fs.String("name", "", ""),
		pkg:       fs.String("pkg", "", ""),
		out:       fs.String("o", "", ""),
		force:     fs.Bool("force", false, ""),
		overwrite: fs.Bool("overwrite", false, ""),
	}
}

// importCommand is aslgen import [-name NAME] [-pkg PKG] [-o FILE
// [-overwrite]] [-force] DEFINITION: it writes the Go builder code that
// builds the definition. -force is about the code (write it although it
// does not reproduce the definition exactly); -overwrite is about the file
// (replace an existing FILE that differs from the code).
func importCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags, f := newImportFlags(stderr)
	if code, done := parse(flags, "import", args); done {
		return code
	}
	if flags.NArg() != 1 {
		usage(stderr, "import")
		return exitError
	}
	file := flags.Arg(0)
	d, err := readDefinition(file, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen import: %v\n", err)
		if errors.As(err, new(*fs.PathError)) {
			return exitError
		}
		return exitInvalid
	}
	if ds := d.Validate(); asl.HasErrors(ds) {
		for _, diag := range ds {
			if diag.Severity != asl.SeverityError {
				continue
			}
			sep := ": "
			if diag.Line > 0 {
				sep = ":"
			}
			fmt.Fprintf(stderr, "%s%s%s\n", file, sep, diag)
		}
		if !*f.force {
			fmt.Fprintf(stderr, "aslgen import: %s is not a valid definition; -force imports it anyway\n", file)
			return exitInvalid
		}
	}
	sm, err := d.Decode()
	if err != nil {
		fmt.Fprintf(stderr, "%v\naslgen import: %s does not decode, so there is nothing to import\n", err, file)
		return exitInvalid
	}
	name := *f.name
	if name == "" {
		name = importer.NameFromFile(file)
		if file == "-" {
			name = "StateMachine"
		}
	}
	pkg := *f.pkg
	if pkg == "" {
		dir := "."
		if *f.out != "" && *f.out != "-" {
			dir = filepath.Dir(*f.out)
		}
		pkg = packageOf(dir)
	}
	source := file
	if file == "-" {
		source = ""
	}
	res, err := importer.Generate(sm, importer.Options{Name: name, Package: pkg, Source: source})
	if err != nil {
		fmt.Fprintf(stderr, "aslgen import: %v\n", err)
		return exitError
	}
	for _, g := range res.Gaps {
		fmt.Fprintf(stderr, "%s: %s: the builder cannot express this: %s\n", file, g.Location, g.Msg)
	}
	if len(res.Gaps) > 0 && !*f.force {
		fmt.Fprintf(stderr, "aslgen import: the code would not build %s exactly; -force writes it anyway, with a comment at each difference\n", file)
		return exitInvalid
	}
	if *f.out == "" || *f.out == "-" {
		stdout.Write(res.Source)
		return exitOK
	}
	switch exists, same, err := existingFile(*f.out, res.Source); {
	case err != nil:
		fmt.Fprintf(stderr, "aslgen import: %v\n", err)
		return exitError
	case same:
		return exitOK // the file holds this code already
	case exists && !*f.overwrite:
		fmt.Fprintf(stderr, "aslgen import: %s exists and differs from the imported code; not overwritten (-overwrite replaces it)\n", *f.out)
		return exitError
	}
	if err := writeFile(*f.out, res.Source); err != nil {
		fmt.Fprintf(stderr, "aslgen import: %v\n", err)
		return exitError
	}
	return exitOK
}

// existingFile reports whether a file exists at path and whether it holds
// data. A path that is no regular file (a directory, a symbolic link) is
// an error: import replaces only files.
func existingFile(path string, data []byte) (exists, same bool, err error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, false, nil
	case err != nil:
		return false, false, err
	case !fi.Mode().IsRegular():
		return true, false, fmt.Errorf("%s exists and is not a regular file; not overwritten", path)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return true, false, err
	}
	return true, bytes.Equal(old, data), nil
}

// readDefinition reads a definition from a file, or from stdin for "-"
// (YAML when it does not start with '{').
func readDefinition(file string, stdin io.Reader) (*definition.Definition, error) {
	if file != "-" {
		return definition.Read(file)
	}
	data, err := io.ReadAll(stdin)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: "standard input", Err: err}
	}
	d := &definition.Definition{File: "-", JSON: data}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] != '{' {
		if d.JSON, _, err = yaml.ToJSON(data); err != nil {
			return nil, fmt.Errorf("-:%w", err)
		}
	}
	return d, nil
}

// packageOf returns the package of the Go files in dir (test packages
// aside), or "main" when it has none.
func packageOf(dir string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.PackageClauseOnly)
		if err == nil && af.Name.Name != "documentation" {
			return af.Name.Name
		}
	}
	return "main"
}
