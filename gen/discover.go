package gen

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/aslgen/aslgen/gen/internal/files"
)

// dslPath is the import path of the builder package whose *Machine
// constructors aslgen looks for.
const dslPath = "github.com/aslgen/aslgen/dsl"

// runnerPath is the import path of the library that the generated runner
// program calls.
const runnerPath = "github.com/aslgen/aslgen/gen/runner"

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
	// Directive is the position of the first //go:generate line of the
	// package's Go files (tests included, as go generate reads them) that
	// runs aslgen; its Filename is empty when there is none. Only such a
	// package is aslgen's: see [plan].
	Directive token.Position
	// Directives are all the //go:generate lines of the package's Go files
	// that run aslgen, in the order go generate runs them.
	Directives []directive
	// Imports are the import paths of the package's Go files (tests
	// excluded, generated files included).
	Imports []string
	// Decls are the package-level names that the package's own Go files
	// declare (internal test files included, aslgen's two files excluded),
	// which generated names must not take.
	Decls map[string]decl
	// Types are the type names the package declares at top level outside
	// tests, which generated code may use.
	Types map[string]bool
	// Calls are the method calls whose first argument is a string literal,
	// such as m.Task("Charge"): where states are probably created.
	Calls []literalCall
}

// directive is a //go:generate line that runs aslgen.
type directive struct {
	Pos token.Position
	// Text is the line after "//go:generate", without surrounding spaces.
	Text string
}

// decl is a package-level name that the user's code declares.
type decl struct {
	Kind string // func, type, var, const, or import for a file's import name
	Pos  token.Position
}

// literalCall is a call x.Method("literal", ...) in a top-level function.
type literalCall struct {
	Func string // the enclosing function; empty for a method
	Arg  string // the literal's value
	Pos  token.Position
}

// discover loads the packages matching cfg.Patterns and finds their
// constructors.
//
// It asks go/packages only for what one go list gives without compiling
// anything (names, files, modules): it parses the Go files that go list
// selected (build constraints applied) itself, so that no cgo processing or
// compiled file lists are computed, and a package whose code does not
// compile elsewhere is still inspected. Parse errors join the package's
// errors as go/packages would report them.
func discover(ctx context.Context, cfg *Config) ([]*pkg, error) {
	pcfg := &packages.Config{
		Context: ctx,
		Mode:    packages.NeedName | packages.NeedFiles | packages.NeedModule,
		Dir:     cfg.Dir,
		Env:     cfg.Env,
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
	fset := token.NewFileSet()
	out := make([]*pkg, len(loaded))
	// Parsing is most of the work left: spread the packages over the CPUs.
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(loaded)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = inspect(fset, loaded[i], cfg.Tags)
			}
		}()
	}
	for i := range loaded {
		next <- i
	}
	close(next)
	wg.Wait()
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// parseGoFiles parses the package's Go files, as go list selected them,
// and returns the syntax of those that could be parsed at least partly,
// with the package's errors followed by the parse errors in the form
// go/packages gives them.
func parseGoFiles(fset *token.FileSet, lp *packages.Package) ([]*ast.File, []packages.Error) {
	errs := append([]packages.Error(nil), lp.Errors...)
	var syntax []*ast.File
	for _, file := range lp.GoFiles {
		f, err := parser.ParseFile(fset, file, nil, parser.AllErrors|parser.SkipObjectResolution)
		if f != nil {
			syntax = append(syntax, f)
		}
		var list scanner.ErrorList
		var pathErr *fs.PathError
		switch {
		case err == nil:
		case errors.As(err, &list):
			for _, e := range list {
				errs = append(errs, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		case errors.As(err, &pathErr):
			errs = append(errs, packages.Error{Pos: pathErr.Path + ":1", Msg: pathErr.Err.Error(), Kind: packages.ParseError})
		default:
			errs = append(errs, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ParseError})
		}
	}
	return syntax, errs
}

// inspect finds what aslgen needs to know of a loaded package: its
// constructors, its declarations, its generated files and its go:generate
// line.
func inspect(fset *token.FileSet, lp *packages.Package, tags string) *pkg {
	syntax, errs := parseGoFiles(fset, lp)
	p := &pkg{Path: lp.PkgPath, Name: lp.Name, Dir: packageDir(lp), Module: lp.Module, Errors: errs,
		Decls: map[string]decl{}, Types: map[string]bool{}}
	p.Generated = generatedFiles(p.Dir)
	importsDSL := false
	for _, f := range syntax {
		file := fset.File(f.Pos()).Name()
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		if !isOwnFile(file) {
			declaredNames(fset, f, p.Decls, p.Types)
		}
		for _, spec := range f.Imports {
			if path, err := strconv.Unquote(spec.Path.Value); err == nil && !slices.Contains(p.Imports, path) {
				p.Imports = append(p.Imports, path)
			}
		}
		if isListed(p.Generated, file) {
			continue
		}
		cs, imports := findConstructors(fset, f)
		importsDSL = importsDSL || imports
		p.Constructors = append(p.Constructors, cs...)
		p.Calls = append(p.Calls, literalCalls(fset, f)...)
	}
	if importsDSL && len(relevantErrors(p)) > 0 {
		p.Broken = true
	}
	files := append([]string(nil), lp.GoFiles...)
	for _, file := range testFiles(p.Dir, tags) {
		files = append(files, file)
		if isOwnFile(file) {
			continue
		}
		// Names declared by the package's internal tests share its
		// scope with aslgen's test file.
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err == nil && f.Name.Name == p.Name {
			declaredNames(fset, f, p.Decls, nil)
		}
	}
	p.Directives = findDirectives(files)
	if len(p.Directives) > 0 {
		p.Directive = p.Directives[0].Pos
	}
	return p
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
		if path := filepath.Join(dir, name); files.IsGeneratedFile(path) {
			out = append(out, path)
		}
	}
	return out
}

// isOwnFile reports whether file has the name of a Go file that aslgen
// writes: its content is aslgen's to replace (or, without aslgen's header,
// aslgen refuses to touch it), so its declarations do not count as the
// user's.
func isOwnFile(file string) bool {
	base := filepath.Base(file)
	return base == files.GoFile || base == files.GoTestFile
}

// testFiles returns the _test.go files in dir that the build tags select,
// as go test and go generate would read them.
func testFiles(dir, tags string) []string {
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	bctx := build.Default
	if tags != "" {
		bctx.BuildTags = strings.Split(tags, ",")
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := bctx.MatchFile(dir, name); err == nil && ok {
			out = append(out, filepath.Join(dir, name))
		}
	}
	return out
}

// findDirectives returns the //go:generate lines of the files that run
// aslgen, in order.
func findDirectives(files []string) []directive {
	var out []directive
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil || !bytes.Contains(data, []byte("aslgen")) {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for line := 1; sc.Scan(); line++ {
			if text := sc.Text(); runsASLGen(text) {
				rest := strings.TrimPrefix(strings.TrimSuffix(text, "\r"), "//go:generate")
				out = append(out, directive{Pos: token.Position{Filename: file, Line: line, Column: 1}, Text: strings.TrimSpace(rest)})
			}
		}
	}
	return out
}

// runsASLGen reports whether a line of Go source is a //go:generate
// directive that runs aslgen: one of its words, without quotes and an
// @version suffix, is aslgen or a path ending in /aslgen, as in
// "//go:generate go tool aslgen", "//go:generate go run
// github.com/aslgen/aslgen/cmd/aslgen@v1.2.0 -v" or "//go:generate aslgen".
// A package is aslgen's only when one of its Go files has such a line.
func runsASLGen(line string) bool {
	line = strings.TrimSuffix(line, "\r")
	rest, ok := strings.CutPrefix(line, "//go:generate")
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return false
	}
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, `"'`)
		if i := strings.LastIndex(w, "@"); i > 0 {
			w = w[:i]
		}
		if i := strings.LastIndexAny(w, `/\`); i >= 0 {
			w = w[i+1:]
		}
		if strings.TrimSuffix(w, ".exe") == "aslgen" {
			return true
		}
	}
	return false
}

// declaredNames adds the package-level names that f declares to decls, and
// its top-level type names to types (when not nil). A file's import names
// count too: Go forbids a package-level name that a file imports under.
func declaredNames(fset *token.FileSet, f *ast.File, decls map[string]decl, types map[string]bool) {
	add := func(id *ast.Ident, kind string) {
		if id == nil || id.Name == "_" || id.Name == "init" && kind == "func" {
			return
		}
		if _, ok := decls[id.Name]; !ok || kind != "import" {
			decls[id.Name] = decl{Kind: kind, Pos: fset.Position(id.Pos())}
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				add(d.Name, "func")
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					add(spec.Name, "type")
					if types != nil && spec.TypeParams == nil {
						types[spec.Name.Name] = true
					}
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						add(n, d.Tok.String())
					}
				case *ast.ImportSpec:
					if spec.Name != nil && spec.Name.Name != "." {
						add(spec.Name, "import")
					}
				}
			}
		}
	}
}

// literalCalls returns the calls x.Method("literal", ...) in f's top-level
// functions, where a workflow's states are usually created.
func literalCalls(fset *token.FileSet, f *ast.File) []literalCall {
	var out []literalCall
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		fn := fd.Name.Name
		if fd.Recv != nil {
			fn = ""
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			lit, isLit := call.Args[0].(*ast.BasicLit)
			if !ok || !isLit || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, literalCall{Func: fn, Arg: s, Pos: fset.Position(sel.Sel.Pos())})
			}
			return true
		})
	}
	return out
}

// statePositions returns where the constructor c probably creates each of
// the named states: the call x.Method("name", ...) in c's body, else the
// only such call in the package. States not found are absent.
func statePositions(p *pkg, c constructor, states []string) map[string]token.Position {
	want := make(map[string]bool, len(states))
	for _, s := range states {
		want[s] = true
	}
	out := make(map[string]token.Position)
	count := make(map[string]int)
	var only map[string]token.Position
	for _, call := range p.Calls {
		if !want[call.Arg] {
			continue
		}
		if call.Func == c.Func {
			if _, ok := out[call.Arg]; !ok {
				out[call.Arg] = call.Pos
			}
			continue
		}
		if only == nil {
			only = make(map[string]token.Position)
		}
		count[call.Arg]++
		only[call.Arg] = call.Pos
	}
	for name, pos := range only {
		if _, ok := out[name]; !ok && count[name] == 1 {
			out[name] = pos
		}
	}
	return out
}

// findConstructors returns the workflow constructors declared in f, and
// whether f imports the dsl package at all.
//
// A constructor is an exported top-level function without receiver, type
// parameters or parameters whose results are (*dsl.Machine) or
// (*dsl.Machine, error), where dsl is the name under which the file imports
// [dslPath].
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
		if err != nil || path != dslPath {
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

// packageErrors converts go/packages errors to problems, each at its
// position when it has one.
func packageErrors(cwd string, errs []packages.Error) ErrorList {
	list := make(ErrorList, 0, len(errs))
	for _, e := range errs {
		pos, msg := parsePos(cwd, e.Pos), e.Msg
		if !pos.IsValid() && e.Pos != "" && e.Pos != "-" {
			msg = e.Pos + ": " + msg
		}
		list = append(list, &Error{Pos: pos, Msg: msg})
	}
	return list
}

// parsePos parses a go/packages position, "file.go:line" or
// "file.go:line:column", naming the file relative to cwd when that is
// shorter. Anything else ("", "-", another kind of file) gives no position.
func parsePos(cwd, pos string) token.Position {
	i := strings.Index(pos, ".go:")
	if i < 0 {
		return token.Position{}
	}
	line, col, _ := strings.Cut(pos[i+len(".go:"):], ":")
	p := token.Position{Filename: shortPath(cwd, pos[:i+len(".go")])}
	p.Line, _ = strconv.Atoi(line)
	p.Column, _ = strconv.Atoi(col)
	return p
}
