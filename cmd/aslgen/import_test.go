package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestManualListsImportFlags checks that the manual documents every flag
// of import, in its flag table and in the Usage block.
func TestManualListsImportFlags(t *testing.T) {
	fs, _ := newImportFlags(io.Discard)
	text := manual()
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		n++
		if !regexp.MustCompile(`(?m)^    -` + regexp.QuoteMeta(f.Name) + `\b`).MatchString(text) {
			t.Errorf("the manual has no entry for the flag -%s of import", f.Name)
		}
		if s := synopsis("import"); !strings.Contains(s, "-"+f.Name+" ") && !strings.Contains(s, "-"+f.Name+"]") {
			t.Errorf("the synopsis of import lacks -%s:\n%s", f.Name, s)
		}
	})
	if n == 0 {
		t.Error("import defines no flag")
	}
	for _, want := range []string{"aslgen import", "\n# Importing\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the manual lacks %q", want)
		}
	}
}

// importRun runs aslgen import in process.
func importRun(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"import"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

const invalidDefinition = `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}`

// TestImportRefusesInvalid checks that a definition that does not validate
// is refused with its diagnostics, and imported with -force.
func TestImportRefusesInvalid(t *testing.T) {
	r := importRun(t, invalidDefinition, "-")
	if r.code != exitInvalid || !strings.Contains(r.stderr, "MISSING_TRANSITION_TARGET") || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = importRun(t, invalidDefinition, "-force", "-name", "Broken", "-")
	if r.code != exitOK || !strings.Contains(r.stdout, "func Broken() *dsl.Machine") {
		t.Fatalf("-force: exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestImportGap checks that a field the builder cannot express is named,
// and refused without -force.
func TestImportGap(t *testing.T) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {},
		"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`
	r := importRun(t, def, "-")
	if r.code != exitInvalid || !strings.Contains(r.stderr, "/States/M/ItemProcessor/ProcessorConfig") {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = importRun(t, def, "-force", "-")
	if r.code != exitOK || !strings.Contains(r.stdout, "// aslgen import: the ProcessorConfig was") {
		t.Fatalf("-force: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestImportOverwrite checks that -o never replaces a file that differs
// from the code unless -overwrite says so, and that -force does not.
func TestImportOverwrite(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "flow.asl.json")
	out := filepath.Join(dir, "flow.go")
	writeFiles(t, dir, map[string]string{
		"flow.asl.json": `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`,
		"flow.go":       "package main\n\n// my own code\n",
	})
	for _, args := range [][]string{{"-o", out, def}, {"-force", "-o", out, def}} {
		r := importRun(t, "", args...)
		if r.code != exitError || !strings.Contains(r.stderr, "exists and differs") || !strings.Contains(r.stderr, "-overwrite") {
			t.Errorf("%v: exit %d, stderr:\n%s", args, r.code, r.stderr)
		}
		if got := readFile(t, out); got != "package main\n\n// my own code\n" {
			t.Fatalf("%v: the file was changed:\n%s", args, got)
		}
	}
	importRun(t, "", "-overwrite", "-o", out, def).want(t, exitOK)
	src := readFile(t, out)
	if !strings.Contains(src, "func Flow() *dsl.Machine") {
		t.Fatalf("-overwrite: the file is\n%s", src)
	}
	// The same code again: nothing to replace, no flag needed.
	importRun(t, "", "-o", out, def).want(t, exitOK)
	if got := readFile(t, out); got != src {
		t.Errorf("the file changed on a second import:\n%s", got)
	}
	// A directory is never replaced.
	sub := filepath.Join(dir, "sub.go")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := importRun(t, "", "-overwrite", "-o", sub, def); r.code != exitError || !strings.Contains(r.stderr, "not a regular file") {
		t.Errorf("a directory: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestImportFlagsAndNames checks the defaults: the name from the file's
// name, the package from the output directory, YAML input.
func TestImportFlagsAndNames(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"orders/doc.go":                  "// Package orders ...\npackage orders\n",
		"order-processing.asl.yaml":      "StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    End: true\n",
		"not-a-definition.asl.json":      "{",
		"orders/existing_unrelated.json": "{}",
	})
	out := filepath.Join(dir, "orders", "flow.go")
	r := importRun(t, "", "-o", out, filepath.Join(dir, "order-processing.asl.yaml"))
	r.want(t, exitOK)
	src := readFile(t, out)
	for _, want := range []string{"package orders\n", "func OrderProcessing() *dsl.Machine {", `dsl.NewMachine("OrderProcessing")`, `m.Pass("Hello")`} {
		if !strings.Contains(src, want) {
			t.Errorf("the file lacks %q:\n%s", want, src)
		}
	}
	r = importRun(t, "", "-pkg", "flows", "-name", "Other", filepath.Join(dir, "order-processing.asl.yaml"))
	r.want(t, exitOK)
	if !strings.HasPrefix(r.stdout, "package flows\n") || !strings.Contains(r.stdout, "func Other()") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if r := importRun(t, "", "-name", "lower", filepath.Join(dir, "order-processing.asl.yaml")); r.code != exitError {
		t.Errorf("-name lower: exit %d, stderr %s", r.code, r.stderr)
	}
	if r := importRun(t, "", filepath.Join(dir, "not-a-definition.asl.json")); r.code != exitInvalid {
		t.Errorf("a syntax error: exit %d, stderr %s", r.code, r.stderr)
	}
	if r := importRun(t, "", filepath.Join(dir, "missing.json")); r.code != exitError {
		t.Errorf("a missing file: exit %d, stderr %s", r.code, r.stderr)
	}
	if r := importRun(t, ""); r.code != exitError || !strings.Contains(r.stderr, "usage: aslgen import") {
		t.Errorf("no argument: exit %d, stderr %s", r.code, r.stderr)
	}
}

// TestImportExamplesGoGenerate imports the ASL files of the examples with
// the aslgen binary into one package of a new module, then runs go generate
// there, as a user would: each file must come back byte for byte.
func TestImportExamplesGoGenerate(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot, "examples", "*", "*.asl.json"))
	if len(files) == 0 {
		t.Skip("no examples")
	}
	mod := newModule(t, map[string]string{"flows/doc.go": "// Package flows holds imported workflows.\npackage flows\n" + directive})
	for _, file := range files {
		out := filepath.Join(mod, "flows", strings.TrimSuffix(filepath.Base(file), ".asl.json")+".go")
		aslgen(t, mod, "import", "-o", out, file).want(t, exitOK)
	}
	command(t, mod, "go", "get", "-tool", "github.com/aslgen/aslgen/cmd/aslgen@v0.0.0").want(t, 0)
	command(t, mod, "go", "vet", "./...").want(t, 0)
	command(t, mod, "go", "generate", "./...").want(t, 0)
	for _, file := range files {
		want := readFile(t, file)
		got, err := os.ReadFile(filepath.Join(mod, "flows", filepath.Base(file)))
		if err != nil {
			t.Errorf("%s was not generated: %v", filepath.Base(file), err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s: the imported code regenerates\n%s\nwant\n%s", filepath.Base(file), got, want)
		}
	}
	t.Logf("%d example definitions imported and regenerated byte for byte", len(files))
}
