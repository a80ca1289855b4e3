package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/aslgen/aslgen/gen/runner"
)

// GoFileName is the Go file aslgen writes into a package whose workflows
// declare Go types.
const GoFileName = "aslgen_gen.go"

const (
	simPath = "github.com/aslgen/aslgen/dsl/sim"
	aslPath = "github.com/aslgen/aslgen/dsl/asl"
)

// typedMachine is one machine of a package, with its ASL file's name.
type typedMachine struct {
	m    runner.Machine
	file string
}

// renderGo writes the Go file of a package: for each machine its ASL,
// embedded, and a simulator for it; for machines that declare Go types, the
// input and output types of the machine and of each task, and typed mock
// helpers.
func renderGo(pkgPath, pkgName string, machines []typedMachine) ([]byte, error) {
	sort.Slice(machines, func(i, j int) bool { return machines[i].m.Name < machines[j].m.Name })
	g := &goGen{pkg: pkgPath, f: jen.NewFilePathName(pkgPath, pkgName), declared: map[string]bool{}}
	g.f.HeaderComment(GeneratedHeader)
	g.f.Anon("embed")

	// A state name used by two machines of the package gets its machine's
	// name in front of its types' names.
	seen := map[string]int{}
	for _, tm := range machines {
		if tm.m.Types != nil {
			for _, task := range tm.m.Types.Tasks {
				seen[ident(task.State)]++
			}
		}
	}
	for _, tm := range machines {
		g.machine(tm, seen)
	}
	var buf bytes.Buffer
	if err := g.f.Render(&buf); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", GoFileName, err)
	}
	return buf.Bytes(), nil
}

type goGen struct {
	pkg      string
	f        *jen.File
	declared map[string]bool // type names declared so far
}

func (g *goGen) machine(tm typedMachine, seen map[string]int) {
	m := tm.m
	name := ident(m.Name)
	data := lowerFirst(name) + "ASL"
	g.f.Comment("//go:embed " + tm.file)
	g.f.Var().Id(data).Index().Byte()
	g.f.Line()
	g.f.Commentf("%sASL returns the ASL of the %s machine, as aslgen wrote it to %s.", name, m.Name, tm.file)
	g.f.Func().Id(name + "ASL").Params().Index().Byte().Block(
		jen.Return(jen.Qual("bytes", "Clone").Call(jen.Id(data))),
	)
	g.f.Line()
	g.f.Commentf("New%sSimulator returns a simulator of the %s machine's committed ASL,", name, m.Name)
	g.f.Comment("named after it; opts add mocks and other options.")
	g.f.Func().Id("New"+name+"Simulator").Params(jen.Id("opts").Op("...").Qual(simPath, "Option")).
		Params(jen.Op("*").Qual(simPath, "Simulator"), jen.Error()).Block(
		jen.List(jen.Id("doc"), jen.Err()).Op(":=").Qual(aslPath, "Unmarshal").Call(jen.Id(data)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Qual(simPath, "New").Call(jen.Id("doc"),
			jen.Append(jen.Index().Qual(simPath, "Option").Values(jen.Qual(simPath, "Name").Call(jen.Lit(m.Name))), jen.Id("opts").Op("...")).Op("..."))),
	)
	t := m.Types
	if t == nil {
		return
	}
	g.f.Line()
	g.named(name+"Input", fmt.Sprintf("%sInput is the input of the %s machine.", name, m.Name), t.Input)
	g.named(name+"Output", fmt.Sprintf("%sOutput is the output of the %s machine.", name, m.Name), t.Output)
	for _, task := range t.Tasks {
		base := ident(task.State)
		if seen[base] > 1 {
			base = name + base
		}
		in, out := base+"Input", base+"Output"
		g.named(in, fmt.Sprintf("%s is what task %s of the %s machine receives.", in, task.State, m.Name), task.Input)
		g.named(out, fmt.Sprintf("%s is what task %s of the %s machine returns.", out, task.State, m.Name), task.Result)
		g.f.Commentf("Mock%s runs f as task %s in the simulator (a typed sim.Func).", base, task.State)
		g.f.Func().Id("Mock"+base).Params(
			jen.Id("f").Func().Params(jen.Qual("context", "Context"), jen.Id(in)).Params(jen.Id(out), jen.Error()),
		).Qual(simPath, "Option").Block(
			jen.Return(jen.Qual(simPath, "OnState").Call(jen.Lit(task.State), jen.Qual(simPath, "Func").Call(jen.Id("f")))),
		)
		g.f.Line()
	}
}

// named declares a type for a shape: an alias of the user's own type when
// the shape is one, else a new type.
func (g *goGen) named(name, doc string, s *runner.Shape) {
	if g.declared[name] {
		return
	}
	g.declared[name] = true
	g.f.Comment(doc)
	if s != nil && s.Go != nil {
		g.f.Type().Id(name).Op("=").Add(g.goType(s.Go))
	} else {
		g.f.Type().Id(name).Add(g.typeOf(s, name))
	}
	g.f.Line()
}

func (g *goGen) goType(t *runner.GoType) jen.Code {
	if t.Pkg == g.pkg {
		return jen.Id(t.Name)
	}
	return jen.Qual(t.Pkg, t.Name)
}

// typeOf returns the Go type of a shape; hint names the structs it declares.
func (g *goGen) typeOf(s *runner.Shape, hint string) jen.Code {
	if s == nil {
		return jen.Any()
	}
	if s.Go != nil {
		return g.goType(s.Go)
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
		return jen.Qual("time", "Time")
	case "array":
		return jen.Index().Add(g.typeOf(s.Elem, hint+"Item"))
	case "union":
		var other []*runner.Shape
		for _, e := range s.Elems {
			if e.Kind != "null" {
				other = append(other, e)
			}
		}
		if len(other) == 1 && len(other) < len(s.Elems) {
			return jen.Op("*").Add(g.typeOf(other[0], hint))
		}
		if merged := mergeObjects(other); merged != nil {
			return g.typeOf(merged, hint)
		}
		return jen.Any()
	case "object":
		if len(s.Fields) == 0 {
			return jen.Map(jen.String()).Add(g.typeOf(s.Elem, hint+"Value"))
		}
		return g.structOf(s, hint)
	}
	return jen.Any()
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
			if !sameShape(m.Shape, f.Shape) {
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

func sameShape(a, b *runner.Shape) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// structOf returns a struct type for an object shape's fields.
func (g *goGen) structOf(s *runner.Shape, hint string) jen.Code {
	used := map[string]int{}
	var fields []jen.Code
	for _, f := range s.Fields {
		id := ident(f.Name)
		if id == "" {
			id = "Field"
		}
		if n := used[id]; n > 0 {
			used[id]++
			id = fmt.Sprintf("%s%d", id, n+1)
		} else {
			used[id] = 1
		}
		tag := f.Name
		if f.Optional {
			tag += ",omitempty"
		}
		fields = append(fields, jen.Id(id).Add(g.typeOf(f.Shape, hint+id)).Tag(map[string]string{"json": tag}))
	}
	return jen.Struct(fields...)
}

// initialisms are words Go spells in capitals.
var initialisms = map[string]string{"Id": "ID", "Ids": "IDs", "Url": "URL", "Uri": "URI", "Arn": "ARN", "Json": "JSON",
	"Http": "HTTP", "Https": "HTTPS", "Uuid": "UUID", "Api": "API", "Sql": "SQL", "Ip": "IP", "Html": "HTML", "Xml": "XML"}

// ident turns a name into an exported Go identifier: "process-payment" →
// ProcessPayment, "orderId" → OrderID.
func ident(name string) string {
	words := splitWords(name)
	for i, w := range words {
		if up, ok := initialisms[w]; ok {
			words[i] = up
		}
	}
	return strings.Join(words, "")
}

// splitWords splits a name into capitalized words at separators and at
// lower-to-upper case changes; a leading digit gets an X in front.
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
				if len(words) == 0 && unicode.IsDigit(r) {
					b.WriteByte('X')
				}
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

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
