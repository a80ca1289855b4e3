package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
	"golang.org/x/tools/imports"

	"github.com/aslgen/aslgen/dsl/asl"
)

const (
	dslPath  = "github.com/aslgen/aslgen/dsl"
	timePath = "time"
)

// Options says what to generate.
type Options struct {
	// Name names the constructor and its machine; it must be an exported Go
	// identifier. NameFromFile derives one from a file name.
	Name string
	// Package is the package clause of the file ("main" when empty).
	Package string
	// Source, if set, is named in the constructor's doc comment as the file
	// the definition was imported from.
	Source string
}

// Gap is a field of the document that the builder cannot express exactly.
type Gap struct {
	// Location is a JSON pointer to the field, such as /States/Pay/Resource.
	Location string
	// Msg says what the builder cannot express.
	Msg string
}

func (g Gap) String() string { return g.Location + ": " + g.Msg }

// Result is a generated file.
type Result struct {
	// Source is the gofmt-formatted Go file.
	Source []byte
	// Gaps lists the fields the code does not reproduce exactly, in
	// document order; the code carries a comment at each.
	Gaps []Gap
}

// Generate writes the Go file that builds sm. The error is for options
// that cannot make a file (a name that is not an exported identifier, a bad
// package name); a document the builder cannot reproduce exactly still
// gives a file, with the differences in Result.Gaps.
func Generate(sm *asl.StateMachine, opts Options) (*Result, error) {
	if !token.IsIdentifier(opts.Name) || !token.IsExported(opts.Name) {
		return nil, fmt.Errorf("the name %q is not an exported Go identifier", opts.Name)
	}
	pkg := opts.Package
	if pkg == "" {
		pkg = "main"
	}
	if !token.IsIdentifier(pkg) || pkg == "_" {
		return nil, fmt.Errorf("the package name %q is not a Go identifier", pkg)
	}
	first := newGen(sm)
	first.machine(opts.Name)
	g := newGen(sm)
	g.known = first.used
	body := g.machine(opts.Name)
	f := jen.NewFile(pkg)
	f.ImportName(dslPath, "dsl")
	doc := fmt.Sprintf("%s builds the %s workflow", opts.Name, opts.Name)
	if opts.Source != "" {
		doc += fmt.Sprintf(", imported from %s", filepath.ToSlash(opts.Source))
	}
	f.Comment(doc + ".")
	f.Func().Id(opts.Name).Params().Op("*").Qual(dslPath, "Machine").Block(body...)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("rendering the Go file: %v", err)
	}
	// jennifer puts every import in one block; group the standard
	// library's first, as goimports and people do.
	src, err := imports.Process("", buf.Bytes(), &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8})
	if err != nil {
		return nil, fmt.Errorf("formatting the Go file: %v", err)
	}
	return &Result{Source: src, Gaps: g.gaps}, nil
}

// NameFromFile derives a constructor name from the name of a definition
// file: statemachine.asl.json gives Statemachine, order-processing.yaml
// OrderProcessing. A name that would start with a digit gets the prefix
// Machine; an empty one is Machine.
func NameFromFile(file string) string {
	base := filepath.Base(file)
	for _, ext := range []string{".json", ".yaml", ".yml", ".asl"} {
		base = strings.TrimSuffix(base, ext)
	}
	base = strings.TrimSuffix(base, ".asl")
	var b strings.Builder
	for _, w := range words(base) {
		r := []rune(w)
		b.WriteString(string(unicode.ToUpper(r[0])) + string(r[1:]))
	}
	name := b.String()
	if name == "" || !unicode.IsLetter([]rune(name)[0]) {
		name = "Machine" + name
	}
	return name
}

// words splits s at every character that is not a letter or a digit.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	})
}

// gen holds the state of one import.
type gen struct {
	sm    *asl.StateMachine
	gaps  []Gap
	names map[string]bool   // identifiers in use in the constructor
	vars  map[string]string // state name → variable

	// retriers used more than once are declared once, as variables.
	retryUses map[string]int
	retryVars map[string]string
	retryDecl []jen.Code

	// used collects the variables that the code refers to; known holds
	// those of a first pass, so that the states nothing refers to are
	// created without a variable.
	used, known map[string]bool
}

// ref returns the variable of a state, which the code refers to.
func (g *gen) ref(name string) *jen.Statement { return g.refVar(g.vars[name]) }

func (g *gen) refVar(v string) *jen.Statement {
	g.used[v] = true
	return jen.Id(v)
}

func newGen(sm *asl.StateMachine) *gen {
	g := &gen{sm: sm, names: map[string]bool{}, vars: map[string]string{},
		retryUses: map[string]int{}, retryVars: map[string]string{}, used: map[string]bool{}, known: map[string]bool{}}
	for _, n := range []string{"m", "dsl", "time", "json"} {
		g.names[n] = true
	}
	return g
}

func (g *gen) gap(loc, format string, args ...any) {
	g.gaps = append(g.gaps, Gap{Location: loc, Msg: fmt.Sprintf(format, args...)})
}

// gapComment returns the comment that marks a gap in the code.
func gapComment(format string, args ...any) jen.Code {
	return jen.Comment("aslgen import: " + fmt.Sprintf(format, args...))
}

// ident returns a new identifier for a Go variable named after name.
func (g *gen) ident(name, fallback string) string {
	ws := words(name)
	var b strings.Builder
	for i, w := range ws {
		r := []rune(w)
		if i == 0 {
			// Lower the leading capitals: "SNSPublish" → "snsPublish".
			n := 0
			for n < len(r) && unicode.IsUpper(r[n]) {
				n++
			}
			if n > 1 && n < len(r) && unicode.IsLower(r[n]) {
				n--
			}
			for j := 0; j < n; j++ {
				r[j] = unicode.ToLower(r[j])
			}
			if n == 0 {
				r[0] = unicode.ToLower(r[0])
			}
		} else {
			r[0] = unicode.ToUpper(r[0])
		}
		b.WriteString(string(r))
	}
	id := b.String()
	if id == "" {
		id = fallback
	}
	if !unicode.IsLetter([]rune(id)[0]) {
		id = fallback + string(unicode.ToUpper([]rune(id)[0])) + string([]rune(id)[1:])
	}
	if token.Lookup(id).IsKeyword() || predeclared[id] {
		id += strings.ToUpper(fallback[:1]) + fallback[1:]
	}
	base := id
	for i := 2; g.names[id]; i++ {
		id = fmt.Sprintf("%s%d", base, i)
	}
	g.names[id] = true
	return id
}

var predeclared = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`any append bool byte cap clear close comparable complex complex64 complex128
		copy delete error false float32 float64 imag int int8 int16 int32 int64 iota len make max min new nil
		panic print println real recover rune string true uint uint8 uint16 uint32 uint64 uintptr`) {
		predeclared[n] = true
	}
}

// machine returns the constructor's body.
func (g *gen) machine(name string) []jen.Code {
	sm := g.sm
	m := jen.Qual(dslPath, "NewMachine").Call(jen.Lit(name))
	var calls []jen.Code
	if sm.Comment != "" {
		calls = append(calls, call("Comment", jen.Lit(sm.Comment)))
	}
	if sm.QueryLanguage != "" {
		calls = append(calls, call("QueryLanguage", queryLanguage(sm.QueryLanguage)))
	}
	if sm.TimeoutSeconds != nil {
		calls = append(calls, call("Timeout", duration(*sm.TimeoutSeconds)))
	}
	if sm.Version != "" {
		calls = append(calls, call("Version", jen.Lit(sm.Version)))
	}
	g.countRetriers(sm.States)
	var states []jen.Code
	g.graph(&states, "m", "", sm.StartAt, sm.States, sm.QueryLanguage)
	body := []jen.Code{jen.Id("m").Op(":=").Add(chain(m, calls))}
	body = append(body, g.retryDecl...)
	body = append(body, states...)
	body = append(body, jen.Return(jen.Id("m")))
	return body
}

func queryLanguage(ql asl.QueryLanguage) jen.Code {
	switch ql {
	case asl.JSONata:
		return jen.Qual(dslPath, "JSONata")
	case asl.JSONPath:
		return jen.Qual(dslPath, "JSONPath")
	}
	return jen.Lit(string(ql))
}

// call is one method call of a chain: .Name(args...).
func call(name string, args ...jen.Code) jen.Code {
	return jen.Id(name).Call(args...)
}

// chain renders recv.c1().c2()..., one call a line when there are more
// than one.
func chain(recv *jen.Statement, calls []jen.Code) *jen.Statement {
	s := recv.Clone()
	for _, c := range calls {
		if len(calls) > 1 {
			s = s.Op(".").Line().Add(c)
		} else {
			s = s.Op(".").Add(c)
		}
	}
	return s
}

// countRetriers counts the uses of each distinct retrier, to share those
// used more than once.
func (g *gen) countRetriers(states asl.States) {
	for _, st := range states.All() {
		var rs []asl.Retrier
		switch s := st.(type) {
		case *asl.Task:
			rs = s.Retry
		case *asl.Parallel:
			rs = s.Retry
			for _, b := range s.Branches {
				g.countRetriers(b.States)
			}
		case *asl.Map:
			rs = s.Retry
			if p := s.Processor(); p != nil {
				g.countRetriers(p.States)
			}
		}
		for _, r := range rs {
			g.retryUses[retrierKey(r)]++
		}
	}
}

func retrierKey(r asl.Retrier) string {
	data, _ := json.Marshal(r)
	return string(data)
}

// ptr returns the JSON pointer of key inside ptr.
func ptr(base string, keys ...any) string {
	for _, k := range keys {
		base = asl.Join(base, fmt.Sprint(k))
	}
	return base
}
