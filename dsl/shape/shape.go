package shape

import (
	"reflect"
	"strconv"
	"strings"
)

// Kind classifies a [Shape].
type Kind int

// The kinds of shapes.
const (
	// KindUnknown is any JSON value: nothing is known about it.
	KindUnknown Kind = iota
	// KindNull is JSON null.
	KindNull
	// KindBool is true or false.
	KindBool
	// KindNumber is any JSON number.
	KindNumber
	// KindInteger is a JSON number without a fractional part.
	KindInteger
	// KindString is any JSON string.
	KindString
	// KindTimestamp is a JSON string holding an RFC 3339 timestamp.
	KindTimestamp
	// KindObject is a JSON object; see [Shape.Fields] and [Shape.Open].
	KindObject
	// KindArray is a JSON array of any length; see [Shape.Elem].
	KindArray
	// KindTuple is a JSON array of fixed length whose elements have their
	// own shapes (a Parallel state's output); see [Shape.Elems].
	KindTuple
	// KindUnion is one of several shapes; see [Shape.Alternatives].
	KindUnion
)

var kindNames = [...]string{
	KindUnknown:   "unknown",
	KindNull:      "null",
	KindBool:      "boolean",
	KindNumber:    "number",
	KindInteger:   "integer",
	KindString:    "string",
	KindTimestamp: "timestamp",
	KindObject:    "object",
	KindArray:     "array",
	KindTuple:     "tuple",
	KindUnion:     "union",
}

// String returns the kind's name in lower case ("number", "object", ...).
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Field is a member of an object shape.
type Field struct {
	// Name is the member's JSON name.
	Name string
	// Shape is the shape of the member's value.
	Shape *Shape
	// Optional reports that the member may be absent.
	Optional bool
}

// Shape describes the JSON values a payload may hold. Shapes are immutable:
// every function returns a new shape or a shared one, never modifies its
// arguments. A nil *Shape is treated as [Unknown] by every method.
//
// Compare shapes with [Shape.Equal], which compares structure and ignores
// the Go types shapes were built from.
type Shape struct {
	kind   Kind
	fields []Field        // KindObject, in member order
	index  map[string]int // KindObject with more than maxScan members: name → position in fields
	open   bool           // KindObject: members not listed may exist
	elem   *Shape         // KindArray: element; open KindObject: unlisted members
	elems  []*Shape       // KindTuple: elements; KindUnion: alternatives
	goType reflect.Type   // the Go type the shape was built from, if any
	size   int            // nodes in the shape as a tree (0 for scalars)
	label  string         // a name for String, such as "$$.Execution"
	_      [0]func()      // not comparable with ==
}

var (
	unknownShape   = &Shape{kind: KindUnknown}
	nullShape      = &Shape{kind: KindNull}
	boolShape      = &Shape{kind: KindBool}
	numberShape    = &Shape{kind: KindNumber}
	integerShape   = &Shape{kind: KindInteger}
	stringShape    = &Shape{kind: KindString}
	timestampShape = &Shape{kind: KindTimestamp}
)

// Unknown returns the shape of any JSON value. Paths into it are never
// errors and yield Unknown.
func Unknown() *Shape { return unknownShape }

// Null returns the shape of JSON null.
func Null() *Shape { return nullShape }

// Bool returns the shape of true and false.
func Bool() *Shape { return boolShape }

// Number returns the shape of any JSON number.
func Number() *Shape { return numberShape }

// Integer returns the shape of JSON numbers without a fractional part.
func Integer() *Shape { return integerShape }

// String returns the shape of any JSON string.
func String() *Shape { return stringShape }

// Timestamp returns the shape of a JSON string holding an RFC 3339
// timestamp (a Go time.Time).
func Timestamp() *Shape { return timestampShape }

// ArrayOf returns the shape of arrays, of any length, whose elements have
// shape elem (nil: Unknown).
func ArrayOf(elem *Shape) *Shape {
	return sized(&Shape{kind: KindArray, elem: norm(elem)})
}

// TupleOf returns the shape of arrays of exactly len(elems) elements, the
// i-th of shape elems[i] (nil: Unknown). A Parallel state's output is a
// tuple of its branches' outputs.
func TupleOf(elems ...*Shape) *Shape {
	s := &Shape{kind: KindTuple, elems: make([]*Shape, len(elems))}
	for i, e := range elems {
		s.elems[i] = norm(e)
	}
	return sized(s)
}

// ObjectOf returns the shape of objects with the given members. When open
// is true the objects may have members not listed, of unknown shape (an
// object from an untyped source): paths to such members are never errors.
// A closed object (open false, as built from a Go struct) has only the
// listed members, and a path to any other is an error. A nil field shape
// stands for Unknown; of several fields with the same name the last wins.
func ObjectOf(fields []Field, open bool) *Shape {
	s := &Shape{kind: KindObject, open: open}
	if open {
		s.elem = unknownShape
	}
	for _, f := range fields {
		s.setField(Field{Name: f.Name, Shape: norm(f.Shape), Optional: f.Optional})
	}
	return sized(s)
}

// MapOf returns the shape of objects with any members, each of shape elem:
// a Go map[string]T. It is an open object: a path to any member is valid
// and yields elem.
func MapOf(elem *Shape) *Shape {
	return sized(&Shape{kind: KindObject, open: true, elem: norm(elem)})
}

// maxScan is the number of members up to which an object's members are
// looked up by scanning them rather than through an index.
const maxScan = 16

// setField adds or replaces a field of an object under construction.
func (s *Shape) setField(f Field) {
	if i := s.fieldIndex(f.Name); i >= 0 {
		s.fields[i] = f
		return
	}
	s.fields = append(s.fields, f)
	switch {
	case s.index != nil:
		s.index[f.Name] = len(s.fields) - 1
	case len(s.fields) > maxScan:
		s.index = make(map[string]int, 2*len(s.fields))
		for i, g := range s.fields {
			s.index[g.Name] = i
		}
	}
}

// fieldIndex returns the position of member name in an object's fields,
// or -1.
func (s *Shape) fieldIndex(name string) int {
	if s.index != nil {
		if i, ok := s.index[name]; ok {
			return i
		}
		return -1
	}
	for i, f := range s.fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// maxShapeSize bounds the size of a shape, counted as a tree; a larger
// shape (from a pathological Go type or data flow) becomes Unknown, so that
// comparing and printing shapes stays cheap.
const maxShapeSize = 10000

// sized records the size of a newly built composite shape s, or returns
// Unknown when it is too large.
func sized(s *Shape) *Shape {
	n := 1
	add := func(c *Shape) {
		n += max(c.size, 1)
	}
	for _, f := range s.fields {
		add(f.Shape)
	}
	for _, e := range s.elems {
		add(e)
	}
	if s.elem != nil {
		add(s.elem)
	}
	if n > maxShapeSize {
		return unknownShape
	}
	s.size = n
	return s
}

// norm maps nil to Unknown.
func norm(s *Shape) *Shape {
	if s == nil {
		return unknownShape
	}
	return s
}

// withGoType returns a copy of s that records t as its Go type.
func withGoType(s *Shape, t reflect.Type) *Shape {
	c := *norm(s)
	c.goType = t
	return &c
}

// labeled returns a copy of s that String renders as label.
func labeled(s *Shape, label string) *Shape {
	c := *norm(s)
	c.label = label
	return &c
}

// maxAlternatives bounds the alternatives of a union; a larger union
// becomes Unknown.
const maxAlternatives = 16

// Union returns the shape of values that have any of the given shapes.
// Nested unions are flattened; nil shapes are skipped; alternatives that
// are Equal are kept once; Unknown absorbs everything; Number absorbs
// Integer and String absorbs Timestamp; arrays are merged into one array of
// the union of their elements. A union of one shape is that shape. Union()
// with no shapes, and a union of more than 16 alternatives, is Unknown.
func Union(shapes ...*Shape) *Shape {
	var alts []*Shape
	var add func(s *Shape) bool
	add = func(s *Shape) bool {
		if s == nil {
			return true
		}
		switch s.kind {
		case KindUnknown:
			return false
		case KindUnion:
			for _, a := range s.elems {
				if !add(a) {
					return false
				}
			}
			return true
		}
		alts = append(alts, s)
		return true
	}
	for _, s := range shapes {
		if !add(s) {
			return unknownShape
		}
	}
	var has [KindUnion + 1]bool
	arrays := 0
	for _, a := range alts {
		has[a.kind] = true
		if a.kind == KindArray {
			arrays++
		}
	}
	out := alts[:0:0]
	arrayAt := -1
	var arrayElems []*Shape
	for _, a := range alts {
		switch {
		case a.kind == KindInteger && has[KindNumber]:
			continue
		case a.kind == KindTimestamp && has[KindString]:
			continue
		case a.kind == KindArray && arrays > 1:
			arrayElems = append(arrayElems, a.elem)
			if arrayAt < 0 {
				arrayAt = len(out)
				out = append(out, a)
			}
			continue
		}
		dup := false
		for _, b := range out {
			if a.Equal(b) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, a)
		}
	}
	if arrayAt >= 0 {
		// Arrays merge into one array of the union of their elements; the
		// first is kept as it is (with its Go type) when they all agree.
		for _, e := range arrayElems[1:] {
			if !e.Equal(arrayElems[0]) {
				out[arrayAt] = ArrayOf(Union(arrayElems...))
				break
			}
		}
	}
	switch {
	case len(out) == 0 || len(out) > maxAlternatives:
		return unknownShape
	case len(out) == 1:
		return out[0]
	}
	return sized(&Shape{kind: KindUnion, elems: out})
}

// join is Union for two shapes in which nil means "no value yet" (the
// bottom of the lattice) rather than Unknown.
func join(a, b *Shape) *Shape {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return Union(a, b)
}

// Kind returns the shape's kind.
func (s *Shape) Kind() Kind { return norm(s).kind }

// Fields returns a copy of an object's listed members, in order; nil for
// other kinds.
func (s *Shape) Fields() []Field {
	s = norm(s)
	if len(s.fields) == 0 {
		return nil
	}
	return append([]Field(nil), s.fields...)
}

// Field returns the listed member called name of an object.
func (s *Shape) Field(name string) (Field, bool) {
	s = norm(s)
	if i := s.fieldIndex(name); i >= 0 {
		return s.fields[i], true
	}
	return Field{}, false
}

// Elem returns the element shape of an array, the union of the elements of
// a tuple, and the shape of the unlisted members of an open object
// (Unknown, or a map's value shape). It returns nil for other kinds.
func (s *Shape) Elem() *Shape {
	s = norm(s)
	switch s.kind {
	case KindArray:
		return s.elem
	case KindTuple:
		return Union(s.elems...)
	case KindObject:
		if s.open {
			return s.elem
		}
	}
	return nil
}

// Elems returns a copy of a tuple's element shapes; nil for other kinds.
func (s *Shape) Elems() []*Shape {
	s = norm(s)
	if s.kind != KindTuple {
		return nil
	}
	return append([]*Shape(nil), s.elems...)
}

// Alternatives returns a copy of a union's alternatives; nil for other
// kinds.
func (s *Shape) Alternatives() []*Shape {
	s = norm(s)
	if s.kind != KindUnion {
		return nil
	}
	return append([]*Shape(nil), s.elems...)
}

// Open reports whether an object may have members that are not listed.
func (s *Shape) Open() bool { return norm(s).open }

// GoType returns the Go type the shape was built from by [FromGo], or nil.
// Shapes derived by data flow (a ResultPath adding a member, a payload
// template) have none.
func (s *Shape) GoType() reflect.Type { return norm(s).goType }

// alternatives returns the alternatives of a union, or s itself.
func (s *Shape) alternatives() []*Shape {
	s = norm(s)
	if s.kind == KindUnion {
		return s.elems
	}
	return []*Shape{s}
}

// Equal reports whether s and t describe the same values: the same kind
// and, recursively, the same members (in any order), optionality,
// openness, elements and alternatives (in any order). The Go types the
// shapes were built from are ignored.
func (s *Shape) Equal(t *Shape) bool {
	s, t = norm(s), norm(t)
	if s == t {
		return true
	}
	if s.kind != t.kind {
		return false
	}
	switch s.kind {
	case KindObject:
		if s.open != t.open || len(s.fields) != len(t.fields) {
			return false
		}
		if s.open && !s.elem.Equal(t.elem) {
			return false
		}
		for _, f := range s.fields {
			g, ok := t.Field(f.Name)
			if !ok || f.Optional != g.Optional || !f.Shape.Equal(g.Shape) {
				return false
			}
		}
	case KindArray:
		return s.elem.Equal(t.elem)
	case KindTuple:
		if len(s.elems) != len(t.elems) {
			return false
		}
		for i := range s.elems {
			if !s.elems[i].Equal(t.elems[i]) {
				return false
			}
		}
	case KindUnion:
		if len(s.elems) != len(t.elems) {
			return false
		}
		for _, a := range s.elems {
			found := false
			for _, b := range t.elems {
				if a.Equal(b) {
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

// maxStringDepth bounds the nesting String renders in full.
const maxStringDepth = 4

// String renders the shape readably: the Go type's name when the shape
// came from a named Go type (orders.Order, []orders.Item), the kind for
// scalars (number, integer, string, timestamp, boolean, null, unknown),
// and otherwise a structural form such as {amount: number, items?:
// []string}, {id: string, ...} for an open object, {...: integer} for a
// map, [string, number] for a tuple and string | null for a union.
func (s *Shape) String() string {
	var b strings.Builder
	norm(s).write(&b, 0)
	return b.String()
}

func (s *Shape) write(b *strings.Builder, depth int) {
	s = norm(s)
	if s.label != "" {
		b.WriteString(s.label)
		return
	}
	switch s.kind {
	case KindObject, KindArray, KindTuple, KindUnion, KindUnknown:
		if name := goTypeName(s.goType); name != "" {
			b.WriteString(name)
			return
		}
	}
	switch s.kind {
	case KindObject:
		if depth >= maxStringDepth {
			b.WriteString("{...}")
			return
		}
		b.WriteByte('{')
		for i, f := range s.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(fieldName(f.Name))
			if f.Optional {
				b.WriteByte('?')
			}
			b.WriteString(": ")
			f.Shape.write(b, depth+1)
		}
		if s.open {
			if len(s.fields) > 0 {
				b.WriteString(", ")
			}
			b.WriteString("...")
			if s.elem.kind != KindUnknown {
				b.WriteString(": ")
				s.elem.write(b, depth+1)
			}
		}
		b.WriteByte('}')
	case KindArray:
		b.WriteString("[]")
		if s.elem.kind == KindUnion && goTypeName(s.elem.goType) == "" {
			b.WriteByte('(')
			s.elem.write(b, depth+1)
			b.WriteByte(')')
			return
		}
		s.elem.write(b, depth+1)
	case KindTuple:
		if depth >= maxStringDepth {
			b.WriteString("[...]")
			return
		}
		b.WriteByte('[')
		for i, e := range s.elems {
			if i > 0 {
				b.WriteString(", ")
			}
			e.write(b, depth+1)
		}
		b.WriteByte(']')
	case KindUnion:
		for i, a := range s.elems {
			if i > 0 {
				b.WriteString(" | ")
			}
			a.write(b, depth+1)
		}
	default:
		b.WriteString(s.kind.String())
	}
}

// fieldName quotes a member name that is not a plain identifier.
func fieldName(n string) string {
	plain := n != ""
	for _, r := range n {
		if !(r == '_' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return n
	}
	return strconv.Quote(n)
}

// goTypeName names a Go type for String: a named type as reflect prints
// it, composite types of named types ([]orders.Item, *orders.Order,
// map[string]orders.Item), and "" for anything involving an unnamed struct.
func goTypeName(t reflect.Type) string {
	if t == nil {
		return ""
	}
	if t.Name() != "" {
		return t.String()
	}
	switch t.Kind() {
	case reflect.Pointer:
		if n := goTypeName(t.Elem()); n != "" {
			return "*" + n
		}
	case reflect.Slice:
		if n := goTypeName(t.Elem()); n != "" {
			return "[]" + n
		}
	case reflect.Array:
		if n := goTypeName(t.Elem()); n != "" {
			return "[" + strconv.Itoa(t.Len()) + "]" + n
		}
	case reflect.Map:
		k, v := goTypeName(t.Key()), goTypeName(t.Elem())
		if k != "" && v != "" {
			return "map[" + k + "]" + v
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any"
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

func quote(s string) string { return strconv.Quote(s) }

// memberPath renders a member name for a position in a message: the name
// itself when it is a plain identifier, else the quoted name in brackets.
func memberPath(n string) string {
	if fieldName(n) == n {
		return n
	}
	return "[" + strconv.Quote(n) + "]"
}
