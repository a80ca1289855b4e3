package jsonpath

import (
	"strconv"
	"strings"
)

// Path is a parsed JSONPath expression.
type Path struct {
	// Context is true for paths rooted at the context object ($$) and false
	// for paths rooted at the state input ($).
	Context bool
	// Segments are the selectors applied, in order, to the root value.
	// An empty slice denotes the root itself.
	Segments []Segment
}

// String renders p in canonical form. The result parses back to a Path equal
// (by reflect.DeepEqual) to p, provided p is well formed (as every Path
// returned by Parse is).
func (p *Path) String() string {
	var b strings.Builder
	if p.Context {
		b.WriteString("$$")
	} else {
		b.WriteString("$")
	}
	writeSegments(&b, p.Segments)
	return b.String()
}

// Definite reports whether p selects at most one value: every segment is a
// Child or an Index (negative indices included). Wildcards, slices, unions,
// filters, recursive descent and functions make a path indefinite.
func (p *Path) Definite() bool {
	for _, s := range p.Segments {
		switch s.(type) {
		case Child, Index:
		default:
			return false
		}
	}
	return true
}

// IsReference reports whether p is a reference path in the sense of the
// Amazon States Language specification (as required for ResultPath): it is
// rooted at $ (not $$) and consists only of Child segments and Index
// segments with non-negative indices.
func (p *Path) IsReference() bool {
	if p.Context {
		return false
	}
	for _, s := range p.Segments {
		switch s := s.(type) {
		case Child:
		case Index:
			if s.I < 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func writeSegments(b *strings.Builder, segs []Segment) {
	for _, s := range segs {
		b.WriteString(s.String())
	}
}

// Segment is one step of a path. The concrete types are Child, Index,
// Wildcard, Slice, Union, Descend, Filter and Func.
type Segment interface {
	// String renders the segment in canonical form, including its leading
	// '.' or '['.
	String() string
	isSegment()
}

// Child selects the member Name of an object ($.name or $['name']).
type Child struct {
	Name string
}

// Index selects element I of an array ($[0]); negative values count from
// the end ($[-1] is the last element).
type Index struct {
	I int
}

// Wildcard selects every member of an object or every element of an array
// ($.* or $[*]).
type Wildcard struct{}

// Slice selects a range of array elements ($[start:end:step]). A nil field
// was omitted in the source. Step is never zero.
type Slice struct {
	Start, End, Step *int
}

// Union selects several members or elements ($['a','b'] or $[0,1]). Items
// holds at least two segments, all of type Child or all of type Index.
type Union struct {
	Items []Segment
}

// Descend applies Sel to the current value and to all of its descendants
// (recursive descent, $..sel). Sel is a Child, Index, Wildcard, Slice, Union
// or Filter.
type Descend struct {
	Sel Segment
}

// Filter selects the members or elements for which Expr holds
// ($[?(expr)]).
type Filter struct {
	Expr Expr
}

// Func applies a Jayway path function to the value selected so far
// ($.a.length()). It is always the last segment of a path and never the
// selector of a Descend. Name is one of min, max, avg, stddev, sum, length
// and keys.
type Func struct {
	Name string
}

func (Child) isSegment()    {}
func (Index) isSegment()    {}
func (Wildcard) isSegment() {}
func (Slice) isSegment()    {}
func (Union) isSegment()    {}
func (Descend) isSegment()  {}
func (Filter) isSegment()   {}
func (Func) isSegment()     {}

// String renders c as .name when Name is a simple identifier and as
// ['name'] otherwise.
func (c Child) String() string {
	if isSimpleName(c.Name) {
		return "." + c.Name
	}
	return "[" + quoteName(c.Name) + "]"
}

// String renders i as [i].
func (i Index) String() string { return "[" + strconv.Itoa(i.I) + "]" }

// String renders w as [*].
func (Wildcard) String() string { return "[*]" }

// String renders s as [start:end] or [start:end:step], omitting nil fields.
func (s Slice) String() string {
	var b strings.Builder
	b.WriteByte('[')
	if s.Start != nil {
		b.WriteString(strconv.Itoa(*s.Start))
	}
	b.WriteByte(':')
	if s.End != nil {
		b.WriteString(strconv.Itoa(*s.End))
	}
	if s.Step != nil {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(*s.Step))
	}
	b.WriteByte(']')
	return b.String()
}

// String renders u as ['a','b'] or [0,1].
func (u Union) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, it := range u.Items {
		if i > 0 {
			b.WriteByte(',')
		}
		switch it := it.(type) {
		case Child:
			b.WriteString(quoteName(it.Name))
		case Index:
			b.WriteString(strconv.Itoa(it.I))
		default:
			b.WriteString(it.String())
		}
	}
	b.WriteByte(']')
	return b.String()
}

// String renders d as ..name, ..* or ..[...].
func (d Descend) String() string {
	switch sel := d.Sel.(type) {
	case Wildcard:
		return "..*"
	case nil:
		return ".."
	default:
		return ".." + strings.TrimPrefix(sel.String(), ".")
	}
}

// String renders f as [?(expr)].
func (f Filter) String() string {
	if f.Expr == nil {
		return "[?()]"
	}
	return "[?(" + f.Expr.String() + ")]"
}

// String renders f as .name().
func (f Func) String() string { return "." + f.Name + "()" }

// Expr is a node of a filter expression. The concrete types are Binary, Not,
// Exists (boolean nodes) and RelPath, AbsPath, NumberLit, StringLit,
// BoolLit, NullLit, ArrayLit, RegexLit (operands).
type Expr interface {
	// String renders the expression in canonical form.
	String() string
	isExpr()
}

// Op is a binary filter operator.
type Op string

// Filter operators. OpAnd and OpOr combine boolean expressions; the others
// compare two operands.
const (
	OpOr       Op = "||"
	OpAnd      Op = "&&"
	OpEq       Op = "=="
	OpNe       Op = "!="
	OpLt       Op = "<"
	OpLe       Op = "<="
	OpGt       Op = ">"
	OpGe       Op = ">="
	OpMatch    Op = "=~"
	OpIn       Op = "in"
	OpNin      Op = "nin"
	OpSubsetOf Op = "subsetof"
	OpAnyOf    Op = "anyof"
	OpNoneOf   Op = "noneof"
	OpSize     Op = "size"
	OpEmpty    Op = "empty"
)

// IsLogical reports whether op is OpAnd or OpOr.
func (op Op) IsLogical() bool { return op == OpAnd || op == OpOr }

// Binary is a logical combination (Op is OpAnd or OpOr; L and R are boolean
// nodes) or a comparison (any other Op; L and R are operands). For OpMatch
// exactly one of L and R is a RegexLit.
type Binary struct {
	Op   Op
	L, R Expr
}

// Not negates X (!x). X is a boolean node.
type Not struct {
	X Expr
}

// Exists holds when Path (a RelPath or AbsPath) selects something
// ([?(@.isbn)]).
type Exists struct {
	Path Expr
}

// RelPath is a path relative to the element being filtered (@...).
type RelPath struct {
	Segments []Segment
}

// AbsPath is a path rooted at the document root ($...) used inside a
// filter. Path.Context is always false.
type AbsPath struct {
	Path *Path
}

// NumberLit is a numeric literal. Text is the source spelling and Value its
// float64 value.
type NumberLit struct {
	Text  string
	Value float64
}

// StringLit is a string literal; Value is decoded (escapes resolved).
type StringLit struct {
	Value string
}

// BoolLit is true or false.
type BoolLit struct {
	Value bool
}

// NullLit is null.
type NullLit struct{}

// ArrayLit is a JSON array literal such as ['a','b'] or [1,2]. Elems are
// NumberLit, StringLit, BoolLit, NullLit or ArrayLit values.
type ArrayLit struct {
	Elems []Expr
}

// RegexLit is a regular expression literal /Pattern/Flags. Pattern is the
// source text between the slashes, escapes kept as written (\/ included);
// Flags is a possibly empty string of the letters d, i, m, s, u, x and U
// (Java regex flags, as used by Jayway).
type RegexLit struct {
	Pattern string
	Flags   string
}

func (Binary) isExpr()    {}
func (Not) isExpr()       {}
func (Exists) isExpr()    {}
func (RelPath) isExpr()   {}
func (AbsPath) isExpr()   {}
func (NumberLit) isExpr() {}
func (StringLit) isExpr() {}
func (BoolLit) isExpr()   {}
func (NullLit) isExpr()   {}
func (ArrayLit) isExpr()  {}
func (RegexLit) isExpr()  {}

const (
	precOr = iota + 1
	precAnd
	precCmp
	precAtom
)

func prec(e Expr) int {
	if b, ok := e.(Binary); ok {
		switch b.Op {
		case OpOr:
			return precOr
		case OpAnd:
			return precAnd
		default:
			return precCmp
		}
	}
	return precAtom
}

func exprString(e Expr) string {
	if e == nil {
		return ""
	}
	return e.String()
}

func paren(e Expr, need bool) string {
	if need {
		return "(" + exprString(e) + ")"
	}
	return exprString(e)
}

// String renders b with single spaces around the operator, adding
// parentheses where precedence requires them.
func (b Binary) String() string {
	if b.Op.IsLogical() {
		p := prec(b)
		return paren(b.L, prec(b.L) < p) + " " + string(b.Op) + " " + paren(b.R, prec(b.R) <= p)
	}
	return exprString(b.L) + " " + string(b.Op) + " " + exprString(b.R)
}

// String renders n as !x or !(x).
func (n Not) String() string {
	_, isBin := n.X.(Binary)
	return "!" + paren(n.X, isBin)
}

// String renders the tested path.
func (e Exists) String() string { return exprString(e.Path) }

// String renders r as @ followed by its segments.
func (r RelPath) String() string {
	var b strings.Builder
	b.WriteByte('@')
	writeSegments(&b, r.Segments)
	return b.String()
}

// String renders the absolute path.
func (a AbsPath) String() string {
	if a.Path == nil {
		return "$"
	}
	return a.Path.String()
}

// String returns the source spelling of n.
func (n NumberLit) String() string { return n.Text }

// String renders s in single quotes with JSON-style escapes.
func (s StringLit) String() string { return quote(s.Value) }

// String renders true or false.
func (b BoolLit) String() string { return strconv.FormatBool(b.Value) }

// String renders null.
func (NullLit) String() string { return "null" }

// String renders a as [e1,e2,...].
func (a ArrayLit) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range a.Elems {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(exprString(e))
	}
	b.WriteByte(']')
	return b.String()
}

// String renders r as /pattern/flags.
func (r RegexLit) String() string { return "/" + r.Pattern + "/" + r.Flags }
