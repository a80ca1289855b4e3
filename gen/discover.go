package gen

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// DSLPath is the import path of the builder package whose *Machine
// constructors aslgen looks for.
const DSLPath = "github.com/aslgen/aslgen/dsl"

// RunnerPath is the import path of the library that the generated runner
// program calls.
const RunnerPath = "github.com/aslgen/aslgen/gen/runner"

// constructor is a workflow constructor found in the source.
type constructor struct {
	Func         string
	ReturnsError bool
	Pos          token.Position
}

// pkg is a package matched by the patterns.
type pkg struct {
	Path, Name, Dir string
	Module          *packages.Module
	Constructors    []constructor
	// Broken is set when the package has errors that may hide constructors
	// (parse errors, list errors) and imports the dsl package: it is built
	// anyway so that the compiler reports them.
	Broken bool
	// Errors are the package's errors as go/packages reported them.
	Errors []packages.Error
	// Generated lists the package's Go files that aslgen generated.
	Generated []string
}

// discover loads the packages matching cfg.Patterns, parse-only, and finds
// their constructors.
func discover(ctx context.Context, cfg *Config) ([]*pkg, error) {
	pcfg := &packages.Config{
		Context: ctx,
		Mode:    packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedModule,
		Dir:     cfg.Dir,
		Env:     cfg.Env,
		Fset:    token.NewFileSet(),
	}
	if cfg.Tags != "" {
		pcfg.BuildFlags = []string{"-tags=" + cfg.Tags}
	}
	loaded, err := packages.Load(pcfg, cfg.Patterns...)
	if err != nil {
		// go/packages wraps the go command's message as
		// "err: exit status 1: stderr: go: ..."; keep the message.
		msg := err.Error()
		if i := strings.Index(msg, "stderr: "); i >= 0 {
			msg = msg[i+len("stderr: "):]
		}
		return nil, errors.New(strings.TrimSpace(msg))
	}
	var out []*pkg
	for _, lp := range loaded {
		p := &pkg{Path: lp.PkgPath, Name: lp.Name, Dir: packageDir(lp), Module: lp.Module, Errors: lp.Errors}
		p.Generated = generatedFiles(p.Dir)
		importsDSL := false
		for _, f := range lp.Syntax {
			file := pcfg.Fset.File(f.Pos()).Name()
			if strings.HasSuffix(file, "_test.go") || isListed(p.Generated, file) {
				continue
			}
			cs, imports := findConstructors(pcfg.Fset, f)
			importsDSL = importsDSL || imports
			p.Constructors = append(p.Constructors, cs...)
		}
		if importsDSL && len(relevantErrors(p)) > 0 {
			p.Broken = true
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func packageDir(lp *packages.Package) string {
	for _, files := range [][]string{lp.GoFiles, lp.CompiledGoFiles, lp.IgnoredFiles, lp.OtherFiles} {
		if len(files) > 0 {
			return filepath.Dir(files[0])
		}
	}
	return ""
}

func isListed(list []string, file string) bool {
	for _, f := range list {
		if f == file {
			return true
		}
	}
	return false
}

// relevantErrors returns the package's errors other than those in
// aslgen-generated files, which are replaced by stubs when the runner is
// built.
func relevantErrors(p *pkg) []packages.Error {
	var out []packages.Error
	for _, e := range p.Errors {
		file := e.Pos
		if i := strings.Index(file, ".go:"); i >= 0 {
			file = file[:i+3]
		}
		if isListed(p.Generated, file) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// generatedFiles returns the Go files in dir (tests excluded) that carry
// aslgen's header.
func generatedFiles(dir string) []string {
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		path := filepath.Join(dir, name)
		if src, err := readHead(path, 8192); err == nil && IsGeneratedByASLGen(src) {
			out = append(out, path)
		}
	}
	return out
}

// readHead reads at most n bytes from the start of a file.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := f.Read(buf)
	if k > 0 {
		err = nil
	}
	return buf[:k], err
}

// findConstructors returns the workflow constructors declared in f, and
// whether f imports the dsl package at all.
//
// A constructor is an exported top-level function without receiver, type
// parameters or parameters whose results are (*dsl.Machine) or
// (*dsl.Machine, error), where dsl is the name under which the file imports
// [DSLPath].
func findConstructors(fset *token.FileSet, f *ast.File) ([]constructor, bool) {
	name, imported := dslName(f)
	if !imported {
		return nil, false
	}
	var out []constructor
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || !fd.Name.IsExported() || fd.Type == nil {
			continue
		}
		ft := fd.Type
		if ft.TypeParams != nil && len(ft.TypeParams.List) > 0 {
			continue
		}
		if ft.Params != nil && len(ft.Params.List) > 0 {
			continue
		}
		results := flatten(ft.Results)
		switch {
		case len(results) == 1 && isMachinePtr(results[0], name):
			out = append(out, constructor{Func: fd.Name.Name, Pos: fset.Position(fd.Name.Pos())})
		case len(results) == 2 && isMachinePtr(results[0], name) && isIdent(results[1], "error"):
			out = append(out, constructor{Func: fd.Name.Name, ReturnsError: true, Pos: fset.Position(fd.Name.Pos())})
		}
	}
	return out, true
}

// dslName returns the name under which f imports the dsl package: "dsl",
// its alias, or "." for a dot import.
func dslName(f *ast.File) (string, bool) {
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil || path != DSLPath {
			continue
		}
		if spec.Name == nil {
			return "dsl", true
		}
		if spec.Name.Name == "_" {
			return "", true
		}
		return spec.Name.Name, true
	}
	return "", false
}

// flatten returns one type per result, repeating a type shared by several
// names, as in (a, b *dsl.Machine).
func flatten(fl *ast.FieldList) []ast.Expr {
	if fl == nil {
		return nil
	}
	var out []ast.Expr
	for _, f := range fl.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, f.Type)
		}
	}
	return out
}

func isMachinePtr(e ast.Expr, dsl string) bool {
	star, ok := unparen(e).(*ast.StarExpr)
	if !ok || dsl == "" {
		return false
	}
	switch x := unparen(star.X).(type) {
	case *ast.SelectorExpr:
		return dsl != "." && isIdent(x.X, dsl) && x.Sel.Name == "Machine"
	case *ast.Ident:
		return dsl == "." && x.Name == "Machine"
	}
	return false
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := unparen(e).(*ast.Ident)
	return ok && id.Name == name
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// formatErrors formats go/packages errors one per line.
func formatErrors(cwd string, errs []packages.Error) string {
	var b strings.Builder
	for _, e := range errs {
		pos := e.Pos
		if pos == "" || pos == "-" {
			fmt.Fprintf(&b, "aslgen: %s\n", e.Msg)
			continue
		}
		if i := strings.Index(pos, ".go:"); i >= 0 {
			pos = shortPath(cwd, pos[:i+3]) + pos[i+3:]
		}
		fmt.Fprintf(&b, "%s: %s\n", pos, e.Msg)
	}
	return b.String()
}
