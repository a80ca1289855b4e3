package gen

import (
	"bytes"
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/aslgen/aslgen/dsl/shape"
	"github.com/aslgen/aslgen/gen/internal/files"
	"github.com/aslgen/aslgen/gen/runner"
)

const (
	simPath = "github.com/aslgen/aslgen/dsl/sim"
	aslPath = "github.com/aslgen/aslgen/dsl/asl"
)

// typedMachine is one machine of a package, with its ASL file's name and
// the positions its generated names are reported at.
type typedMachine struct {
	m    runner.Machine
	file string
	// pos is the constructor's position; states the positions of the
	// builder calls that created the states, where known.
	pos    token.Position
	states map[string]token.Position
}

// statePos returns where a state was created, or the constructor.
func (tm *typedMachine) statePos(state string) token.Position {
	if p, ok := tm.states[state]; ok {
		return p
	}
	return tm.pos
}

// renderGo renders the two Go files of a package (see [files.GoFile] and
// [files.GoTestFile]).
//
// Every generated name depends only on the machine and the state it
// describes: the machine's identifier M (its name as an exported Go
// identifier) prefixes all of them, so M<State>Input, M<State>Output and
// MockM<State> mean the same whatever else the package holds. Nested structs
// are named after their parent type and member (M<State>InputCustomer),
// array elements get Item and map values Value. A name that two states or
// machines need, or that the user's code declares already, is an error at
// the state's (or the constructor's) position: cwd is the directory those
// positions are relative to. Nothing is renamed behind the user's back.
func renderGo(cwd string, p *pkg, machines []typedMachine) (main, test []byte, err error) {
	sort.Slice(machines, func(i, j int) bool { return machines[i].m.Name < machines[j].m.Name })
	g := &goGen{cwd: cwd, pkg: p, names: map[string]owner{}, reported: map[[2]string]bool{}}
	g.main = g.newFile(false)
	g.test = g.newFile(true)
	g.main.f.Anon("embed")
	for _, name := range predeclaredUsed {
		if d, ok := p.Decls[name]; ok && d.Kind != "import" {
			g.problems = append(g.problems, errorAt(cwd, d.Pos.Filename, d.Pos.Line,
				"the package declares %s, which hides the predeclared %s that the generated code uses; rename it", name, name))
		}
	}
	for i := range machines {
		g.machine(&machines[i])
	}
	if len(g.problems) > 0 {
		g.problems.sortByPos()
		return nil, nil, g.problems
	}
	if main, err = g.main.render(); err == nil {
		test, err = g.test.render()
	}
	return main, test, err
}

type goGen struct {
	cwd        string
	pkg        *pkg
	main, test *goFile
	// names are the package-level names generated so far.
	names    map[string]owner
	reported map[[2]string]bool
	problems ErrorList
	// catalog lists the user's types found in the current machine's shapes
	// (see catalogOf), pending the nested types to declare.
	catalog []userType
	pending []jen.Code
	root    string // the top-level type being declared
}

// owner is what a generated name names, for messages.
type owner struct {
	subject string // `state "Pay" of machine "Payments"`, `machine "Payments"`
	at      token.Position
}

func (o owner) String() string {
	return fmt.Sprintf("%s (%s)", o.subject, posString("", o.at.Filename, o.at.Line))
}

func machineOwner(tm *typedMachine) owner {
	return owner{subject: fmt.Sprintf("machine %q", tm.m.Name), at: tm.pos}
}

func stateOwner(tm *typedMachine, state string) owner {
	return owner{subject: fmt.Sprintf("state %q of machine %q", state, tm.m.Name), at: tm.statePos(state)}
}

// claim records a generated name; when another generated name or a
// declaration of the user's package has it already, it records a problem
// and returns false.
func (g *goGen) claim(name string, o owner) bool {
	if prev, ok := g.names[name]; ok {
		if key := [2]string{o.String(), prev.String()}; !g.reported[key] {
			g.reported[key] = true
			if prev.subject == o.subject {
				g.problemf(o, "two of its generated Go names are both %s; rename it", name)
			} else {
				g.problemf(o, "its generated Go name %s is also that of %s (%s); rename one of them",
					name, prev.subject, posString(g.cwd, prev.at.Filename, prev.at.Line))
			}
		}
		return false
	}
	g.names[name] = o
	if d, ok := g.pkg.Decls[name]; ok {
		if key := [2]string{o.String(), name}; !g.reported[key] {
			g.reported[key] = true
			g.problemf(o, "its generated Go name %s is already declared (%s) at %s; rename one of them",
				name, d.Kind, posString(g.cwd, d.Pos.Filename, d.Pos.Line))
		}
		return false
	}
	return true
}

// problemf records a problem of what o names, at its position.
func (g *goGen) problemf(o owner, format string, args ...any) {
	g.problems = append(g.problems, errorAt(g.cwd, o.at.Filename, o.at.Line, "%s: %s", o.subject, fmt.Sprintf(format, args...)))
}

func (g *goGen) machine(tm *typedMachine) {
	m := tm.m
	mo := machineOwner(tm)
	name := ident(m.Name)
	if name == "" {
		g.problemf(mo, "its name has no letter or digit to name its Go declarations; rename it")
		return
	}
	if !embeddable(tm.file) {
		g.problemf(mo, "go:embed cannot embed its file %s (a Windows device name or a character Go modules refuse); rename the machine", tm.file)
		return
	}
	data := lowerFirst(name) + "ASL"
	accessor, newSim := name+"ASL", "New"+name+"Simulator"
	g.claim(data, mo)
	g.claim(accessor, mo)
	g.claim(newSim, mo)

	f := g.main.f
	f.Comment("//go:embed " + tm.file)
	f.Var().Id(data).Index().Byte()
	f.Line()
	f.Commentf("%s returns the ASL of the %s machine, as aslgen wrote it to %s.", accessor, display(m.Name), tm.file)
	f.Func().Id(accessor).Params().Index().Byte().Block(
		jen.Return(g.main.qual("bytes", "Clone").Call(jen.Id(data))),
	)
	f.Line()

	t := g.test
	option := t.qual(simPath, "Option")
	t.f.Commentf("%s returns a simulator of the %s machine's committed ASL (%s),", newSim, display(m.Name), tm.file)
	t.f.Comment("named after it; opts add mocks and other options.")
	t.f.Func().Id(newSim).Params(jen.Id("opts").Op("...").Add(option)).
		Params(jen.Op("*").Add(t.qual(simPath, "Simulator")), jen.Error()).Block(
		jen.List(jen.Id("doc"), jen.Err()).Op(":=").Add(t.qual(aslPath, "Unmarshal")).Call(jen.Id(data)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(t.qual(simPath, "New").Call(jen.Id("doc"),
			jen.Append(jen.Index().Add(option).Values(t.qual(simPath, "Name").Call(jen.Lit(m.Name))), jen.Id("opts").Op("...")).Op("..."))),
	)
	t.f.Line()

	types := m.Types
	if types == nil {
		return
	}
	g.catalog = g.catalogOf(types)
	g.declare(name+"Input", fmt.Sprintf("%sInput is the input of the %s machine.", name, display(m.Name)), types.Input, mo)
	g.declare(name+"Output", fmt.Sprintf("%sOutput is the output of the %s machine.", name, display(m.Name)), types.Output, mo)
	for _, task := range types.Tasks {
		so := stateOwner(tm, task.State)
		state := ident(task.State)
		if state == "" {
			g.problemf(so, "its name has no letter or digit to name its Go types; rename it")
			continue
		}
		base := name + state
		in, out, mock := base+"Input", base+"Output", "Mock"+base
		g.declare(in, fmt.Sprintf("%s is what task %q of the %s machine receives.", in, task.State, display(m.Name)), task.Input, so)
		g.declare(out, fmt.Sprintf("%s is what task %q of the %s machine returns.", out, task.State, display(m.Name)), task.Result, so)
		if !g.claim(mock, so) {
			continue
		}
		t.f.Commentf("%s runs f as task %q of the %s machine in the simulator (a typed sim.Func).", mock, task.State, display(m.Name))
		t.f.Func().Id(mock).Params(
			jen.Id("f").Func().Params(t.qual("context", "Context"), jen.Id(in)).Params(jen.Id(out), jen.Error()),
		).Add(option).Block(
			jen.Return(t.qual(simPath, "OnState").Call(jen.Lit(task.State), t.qual(simPath, "Func").Call(jen.Id("f")))),
		)
		t.f.Line()
	}
}

// declare declares the top-level type name for a shape: an alias of the
// user's type when the shape is one, or has exactly its shape, else a new
// type, followed by the nested types it needs.
func (g *goGen) declare(name, doc string, s *runner.Shape, o owner) {
	if !g.claim(name, o) {
		return
	}
	s = topLevel(s)
	g.root = name
	f := g.main.f
	f.Comment(doc)
	switch {
	case g.reuse(s) != nil:
		f.Type().Id(name).Op("=").Add(g.reuse(s))
	case isStruct(s):
		f.Type().Id(name).Add(g.structOf(s, name, o))
	default:
		f.Type().Id(name).Add(g.typeOf(s, name, o))
	}
	f.Line()
	for len(g.pending) > 0 {
		d := g.pending[0]
		g.pending = g.pending[1:]
		f.Add(d)
		f.Line()
	}
}

// topLevel simplifies the shape of a whole payload: a payload that may be
// null becomes its other alternative, and alternative objects merge.
func topLevel(s *runner.Shape) *runner.Shape {
	if inner, ok := nullable(s); ok {
		s = inner
	}
	if s != nil && s.Kind == "union" && s.Go == nil {
		if merged := mergeObjects(s.Elems); merged != nil {
			return merged
		}
	}
	return s
}

// nullable returns the other alternative of a union of one shape and null.
func nullable(s *runner.Shape) (*runner.Shape, bool) {
	if s == nil || s.Kind != "union" {
		return nil, false
	}
	var other []*runner.Shape
	for _, e := range s.Elems {
		if e.Kind != "null" {
			other = append(other, e)
		}
	}
	if len(other) == 1 && len(other) < len(s.Elems) {
		return other[0], true
	}
	return nil, false
}

// isStruct reports whether a shape becomes a struct: an object with listed
// members, each with a name that a json tag can carry.
func isStruct(s *runner.Shape) bool {
	if s == nil || s.Kind != "object" || len(s.Fields) == 0 {
		return false
	}
	for _, f := range s.Fields {
		if !shape.ValidTagName(f.Name) {
			return false
		}
	}
	return true
}

// userType is a type of the user's code that a machine's shapes mention.
type userType struct {
	t *runner.GoType
	s *runner.Shape
}

// catalogOf lists the user's struct types that a machine's shapes mention
// and that the generated file may name: an inferred shape equal to one of
// them is written as that type. The same-package types come first, then by
// import path and name, so that the choice is deterministic and depends on
// this machine alone.
func (g *goGen) catalogOf(t *runner.Types) []userType {
	seen := map[runner.GoType]bool{}
	var out []userType
	var walk func(s *runner.Shape)
	walk = func(s *runner.Shape) {
		if s == nil {
			return
		}
		if s.Go != nil && !seen[*s.Go] && s.Kind == "object" && len(s.Fields) > 0 && g.referable(s.Go) {
			seen[*s.Go] = true
			out = append(out, userType{t: s.Go, s: s})
		}
		for _, f := range s.Fields {
			walk(f.Shape)
		}
		walk(s.Elem)
		for _, e := range s.Elems {
			walk(e)
		}
	}
	walk(t.Input)
	walk(t.Output)
	for _, task := range t.Tasks {
		walk(task.Input)
		walk(task.Result)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].t, out[j].t
		if (a.Pkg == g.pkg.Path) != (b.Pkg == g.pkg.Path) {
			return a.Pkg == g.pkg.Path
		}
		if a.Pkg != b.Pkg {
			return a.Pkg < b.Pkg
		}
		return a.Name < b.Name
	})
	return out
}

// reuse returns the user's type that a shape is, or has exactly the shape
// of; nil when there is none.
func (g *goGen) reuse(s *runner.Shape) jen.Code {
	if s == nil {
		return nil
	}
	if s.Go != nil && g.referable(s.Go) {
		return g.main.qual(s.Go.Pkg, s.Go.Name)
	}
	if s.Kind == "object" && len(s.Fields) > 0 {
		for _, u := range g.catalog {
			if equalShapes(u.s, s) {
				return g.main.qual(u.t.Pkg, u.t.Name)
			}
		}
	}
	return nil
}

// referable reports whether the generated file may name a Go type: a type
// its package declares at top level, or an exported, non-generic type of a
// package it may import.
func (g *goGen) referable(t *runner.GoType) bool {
	if t == nil || !token.IsIdentifier(t.Name) {
		return false // a generic instantiation such as Box[int], or no name
	}
	if t.Pkg == g.pkg.Path {
		return g.pkg.Types[t.Name]
	}
	return token.IsExported(t.Name) && t.Pkg != "" && t.Pkg != "main" && !strings.HasSuffix(t.Pkg, "_test") &&
		!strings.HasPrefix(t.Pkg, "vendor/") && !strings.Contains(t.Pkg, "/vendor/") && internalAllowed(g.pkg.Path, t.Pkg)
}

// equalShapes reports whether two shapes describe the same JSON: the same
// kinds, members (in any order) with the same optionality, elements and
// alternatives (in any order). Go types are ignored.
func equalShapes(a, b *runner.Shape) bool {
	if a == nil || b == nil {
		return (a == nil || a.Kind == "unknown") && (b == nil || b.Kind == "unknown")
	}
	if a.Kind != b.Kind || a.Open != b.Open || len(a.Fields) != len(b.Fields) || len(a.Elems) != len(b.Elems) {
		return false
	}
	for _, f := range a.Fields {
		found := false
		for _, h := range b.Fields {
			if h.Name == f.Name {
				found = f.Optional == h.Optional && equalShapes(f.Shape, h.Shape)
				break
			}
		}
		if !found {
			return false
		}
	}
	if (a.Kind == "array" || a.Open) && !equalShapes(a.Elem, b.Elem) {
		return false
	}
	switch a.Kind {
	case "tuple":
		for i := range a.Elems {
			if !equalShapes(a.Elems[i], b.Elems[i]) {
				return false
			}
		}
	case "union":
		for _, x := range a.Elems {
			found := false
			for _, y := range b.Elems {
				if equalShapes(x, y) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// typeOf returns the Go type of a shape; name names the nested structs it
// declares, o is reported when a name is taken.
func (g *goGen) typeOf(s *runner.Shape, name string, o owner) jen.Code {
	if s == nil {
		return jen.Any()
	}
	if t := g.reuse(s); t != nil {
		return t
	}
	switch s.Kind {
	case "boolean":
		return jen.Bool()
	case "number":
		return jen.Float64()
	case "integer":
		return jen.Int64()
	case "string":
		return jen.String()
	case "timestamp":
		return g.main.qual("time", "Time")
	case "array":
		return jen.Index().Add(g.typeOf(s.Elem, name+"Item", o))
	case "union":
		if inner, ok := nullable(s); ok {
			if pointable(inner) {
				return jen.Op("*").Add(g.typeOf(inner, name, o))
			}
			return g.typeOf(inner, name, o)
		}
		if merged := mergeObjects(s.Elems); merged != nil {
			return g.typeOf(merged, name, o)
		}
		return jen.Any()
	case "object":
		if len(s.Fields) == 0 {
			return jen.Map(jen.String()).Add(g.typeOf(s.Elem, name+"Value", o))
		}
		if !isStruct(s) {
			return jen.Map(jen.String()).Any()
		}
		if !g.claim(name, o) {
			return jen.Id(name)
		}
		// Declared after its parent, in the order met.
		i := len(g.pending)
		g.pending = append(g.pending, nil)
		st := g.structOf(s, name, o)
		g.pending[i] = jen.Commentf("%s is part of %s.", name, g.root).Line().Type().Id(name).Add(st)
		return jen.Id(name)
	}
	return jen.Any()
}

// pointable reports whether a shape's Go type gets a pointer to say "absent"
// or "null": scalars and structs do; slices, maps and interfaces have nil.
func pointable(s *runner.Shape) bool {
	if s == nil {
		return false
	}
	switch s.Kind {
	case "boolean", "number", "integer", "string", "timestamp":
		return true
	case "object":
		return len(s.Fields) > 0 && (s.Go != nil || isStruct(s))
	case "union":
		merged := mergeObjects(s.Elems)
		return s.Go == nil && merged != nil && isStruct(merged)
	}
	return false
}

// mergeObjects merges alternative object shapes (the inputs of a state
// reached from several places) into one object whose members missing from
// some alternatives are optional; nil when an alternative is not a plain
// object.
func mergeObjects(alts []*runner.Shape) *runner.Shape {
	if len(alts) < 2 {
		return nil
	}
	merged := &runner.Shape{Kind: "object"}
	index := map[string]int{}
	count := map[string]int{}
	for _, a := range alts {
		if a.Kind != "object" || a.Go != nil || len(a.Fields) == 0 {
			return nil
		}
		merged.Open = merged.Open || a.Open
		for _, f := range a.Fields {
			count[f.Name]++
			i, ok := index[f.Name]
			if !ok {
				index[f.Name] = len(merged.Fields)
				merged.Fields = append(merged.Fields, f)
				continue
			}
			m := &merged.Fields[i]
			m.Optional = m.Optional || f.Optional
			if !equalShapes(m.Shape, f.Shape) {
				m.Shape = &runner.Shape{Kind: "union", Elems: []*runner.Shape{m.Shape, f.Shape}}
			}
		}
	}
	for i := range merged.Fields {
		if count[merged.Fields[i].Name] < len(alts) {
			merged.Fields[i].Optional = true
		}
	}
	return merged
}

// structOf returns a struct type for an object shape's members. An optional
// member is a pointer with omitempty, so that absent and zero differ, or,
// for slices, maps and interfaces, whose nil says absent, omitzero.
func (g *goGen) structOf(s *runner.Shape, name string, o owner) jen.Code {
	used := map[string]bool{}
	var fields []jen.Code
	for _, f := range s.Fields {
		id := ident(f.Name)
		if id == "" {
			id = "Field"
		}
		base := id
		for n := 2; used[id]; n++ {
			id = base + strconv.Itoa(n)
		}
		used[id] = true
		typ := g.typeOf(f.Shape, name+id, o)
		tag := f.Name
		if f.Optional {
			_, isNullable := nullable(f.Shape)
			switch {
			case isNullable && pointable(topLevel(f.Shape)):
				tag += ",omitempty" // already a pointer
			case pointable(f.Shape):
				typ = jen.Op("*").Add(typ)
				tag += ",omitempty"
			default:
				tag += ",omitzero"
			}
		}
		fields = append(fields, jen.Id(id).Add(typ).Tag(map[string]string{"json": tag}))
	}
	return jen.Struct(fields...)
}

// goFile is one generated file, with the import names it chose.
type goFile struct {
	f       *jen.File
	pkg     *pkg
	aliases map[string]string // import path → name in the file
	taken   map[string]bool   // names given to imports
}

func (g *goGen) newFile(test bool) *goFile {
	f := jen.NewFilePathName(g.pkg.Path, g.pkg.Name)
	f.HeaderComment(files.GeneratedHeader)
	if test {
		f.HeaderComment("// The simulator helpers: only the package's tests compile this file.")
	}
	return &goFile{f: f, pkg: g.pkg, aliases: map[string]string{}, taken: map[string]bool{}}
}

// predeclaredUsed are the predeclared identifiers that generated code may
// use; a package-level declaration of the same name would hide them.
var predeclaredUsed = []string{"any", "append", "bool", "byte", "error", "float64", "int64", "nil", "string"}

// localNames are the names that the generated functions declare inside
// their bodies or parameter lists, which an import name must not shadow.
var localNames = map[string]bool{"f": true, "opts": true, "doc": true, "err": true}

// knownNames are the package names of the import paths aslgen itself uses.
var knownNames = map[string]string{"bytes": "bytes", "context": "context", "time": "time", simPath: "sim", aslPath: "asl"}

// qual refers to name in the package at path, importing it under a name
// that nothing else in the package uses: not a name the user's package
// declares, a predeclared identifier, a local of the generated functions
// or another import's name.
func (gf *goFile) qual(path, name string) *jen.Statement {
	if path == gf.pkg.Path {
		return jen.Id(name)
	}
	if _, ok := gf.aliases[path]; !ok {
		base, known := knownNames[path]
		if !known {
			base = importBase(path)
		}
		alias := base
		for n := 2; !gf.freeImportName(alias); n++ {
			alias = base + strconv.Itoa(n)
		}
		gf.aliases[path], gf.taken[alias] = alias, true
		if known && alias == base {
			gf.f.ImportName(path, alias)
		} else {
			gf.f.ImportAlias(path, alias)
		}
	}
	return jen.Qual(path, name)
}

func (gf *goFile) freeImportName(name string) bool {
	if gf.taken[name] || localNames[name] || token.IsKeyword(name) || types.Universe.Lookup(name) != nil {
		return false
	}
	d, declared := gf.pkg.Decls[name]
	return !declared || d.Kind == "import"
}

// importBase guesses a package's name from its import path: the last
// element, without a major version suffix, lower-cased letters and digits.
func importBase(path string) string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = elems[len(elems)-2]
	}
	if i := strings.Index(last, ".v"); i > 0 { // gopkg.in/yaml.v3
		last = last[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(last) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) && b.Len() > 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "pkg"
	}
	return b.String()
}

func (gf *goFile) render() ([]byte, error) {
	var buf bytes.Buffer
	if err := gf.f.Render(&buf); err != nil {
		return nil, fmt.Errorf("rendering Go: %w", err)
	}
	return buf.Bytes(), nil
}

// embeddable reports whether go:embed accepts a file of this name: Go
// modules refuse names with some characters (non-ASCII digits among them)
// and Windows device names (aux.asl.json).
func embeddable(name string) bool {
	for _, r := range name {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("!#$%&()+,-.=@[]^_{}~", r)) ||
			r >= unicode.MaxASCII && unicode.IsLetter(r)) {
			return false
		}
	}
	short, _, _ := strings.Cut(name, ".")
	switch strings.ToUpper(short) {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return false
	}
	return true
}

// initialisms are words Go spells in capitals.
var initialisms = map[string]string{"Id": "ID", "Ids": "IDs", "Url": "URL", "Uri": "URI", "Arn": "ARN", "Json": "JSON",
	"Http": "HTTP", "Https": "HTTPS", "Uuid": "UUID", "Api": "API", "Sql": "SQL", "Ip": "IP", "Html": "HTML", "Xml": "XML"}

// ident turns a name into an exported Go identifier, or "" when it has no
// letter or digit: "process-payment" → ProcessPayment, "orderId" → OrderID,
// "9lives" → X9lives, "注文" → X注文 (a name that cannot start an exported
// identifier gets an X in front).
func ident(name string) string {
	words := splitWords(name)
	for i, w := range words {
		if up, ok := initialisms[w]; ok {
			words[i] = up
		}
	}
	id := strings.Join(words, "")
	if id != "" && !token.IsExported(id) {
		id = "X" + id
	}
	return id
}

// splitWords splits a name into capitalized words at separators and at
// lower-to-upper case changes.
func splitWords(name string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	prevLower := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.IsUpper(r) && prevLower {
				flush()
			}
			if b.Len() == 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
		default:
			flush()
			prevLower = false
		}
	}
	flush()
	return words
}

// display returns a name as a comment shows it: as it is, or quoted when
// it holds characters that Go would escape.
func display(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name || name == "" {
		return q
	}
	return name
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
