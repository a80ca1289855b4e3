package shape

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
)

var (
	timeType          = reflect.TypeFor[time.Time]()
	jsonNumberType    = reflect.TypeFor[json.Number]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// FromGo returns the shape of the JSON that encoding/json produces for
// values of type t (nil: Unknown), remembering t (see [Shape.GoType]).
//
// It follows encoding/json's rules: exported fields, named by their json
// tag; "-" fields skipped; embedded structs' fields promoted (the
// shallowest wins, a tagged one breaks a tie, a remaining tie drops the
// name); fields of an embedded pointer are Optional (a nil pointer omits
// them). omitempty and omitzero make a field Optional; a pointer is the
// union of its element and null (and Optional with omitempty); the
// ",string" option makes a scalar a string.
//
// Kinds map as follows: bool → Bool; ints and uints → Integer; floats and
// json.Number → Number; string → String; time.Time → Timestamp; []byte →
// String (base64); other slices and arrays → ArrayOf the element; maps with
// string, integer or encoding.TextMarshaler keys → [MapOf] the value;
// structs → closed objects; interfaces, json.RawMessage, other
// json.Marshaler implementations, channels, functions and complex numbers →
// Unknown; other encoding.TextMarshaler implementations → String. Slices
// and maps are not treated as nullable, although a nil one encodes as null:
// doing so would make every path through a slice a warning.
//
// Recursive types terminate: where a type occurs inside itself, the inner
// occurrence is Unknown (remembering its Go type, so String still names
// it). Paths through that point are therefore not checked.
func FromGo(t reflect.Type) *Shape {
	if t == nil {
		return unknownShape
	}
	if s, ok := goShapes.Load(t); ok {
		return s.(*Shape)
	}
	g := goBuilder{active: map[reflect.Type]bool{}, memo: map[reflect.Type]*Shape{}}
	s, _ := g.build(t)
	goShapes.Store(t, s)
	return s
}

// goShapes caches the shapes FromGo built: shapes are immutable, and a
// program declares few types, built again for every Build.
var goShapes sync.Map // reflect.Type → *Shape

type goBuilder struct {
	active map[reflect.Type]bool   // types being built (on the stack)
	memo   map[reflect.Type]*Shape // types built without meeting a cycle
}

// implements reports whether t or *t implements iface.
func implements(t, iface reflect.Type) bool {
	return t.Implements(iface) || t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(iface)
}

// build returns t's shape and whether a recursive occurrence was cut
// below it (in which case it is not memoized).
func (g *goBuilder) build(t reflect.Type) (*Shape, bool) {
	if s, ok := g.memo[t]; ok {
		return s, false
	}
	if g.active[t] {
		return withGoType(unknownShape, t), true
	}
	g.active[t] = true
	s, cut := g.buildNew(t)
	delete(g.active, t)
	if s.goType == nil {
		s = withGoType(s, t)
	}
	if !cut {
		g.memo[t] = s
	}
	return s, cut
}

func (g *goBuilder) buildNew(t reflect.Type) (*Shape, bool) {
	switch {
	case t == timeType:
		return timestampShape, false
	case t == jsonNumberType:
		return numberShape, false
	case t.Kind() == reflect.Pointer:
		elem, cut := g.build(t.Elem())
		return Union(elem, nullShape), cut
	case implements(t, marshalerType):
		return unknownShape, false
	case implements(t, textMarshalerType):
		return stringShape, false
	}
	switch t.Kind() {
	case reflect.Bool:
		return boolShape, false
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return integerShape, false
	case reflect.Float32, reflect.Float64:
		return numberShape, false
	case reflect.String:
		return stringShape, false
	case reflect.Slice:
		if e := t.Elem(); e.Kind() == reflect.Uint8 && !implements(e, marshalerType) && !implements(e, textMarshalerType) {
			return stringShape, false
		}
		elem, cut := g.build(t.Elem())
		return ArrayOf(elem), cut
	case reflect.Array:
		elem, cut := g.build(t.Elem())
		return ArrayOf(elem), cut
	case reflect.Map:
		switch t.Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		default:
			if !implements(t.Key(), textMarshalerType) {
				return unknownShape, false
			}
		}
		elem, cut := g.build(t.Elem())
		return MapOf(elem), cut
	case reflect.Struct:
		return g.object(t)
	}
	return unknownShape, false
}

// goField is a candidate JSON member of a struct.
type goField struct {
	name     string
	tagged   bool
	index    []int
	typ      reflect.Type
	omit     bool // omitempty or omitzero
	quoted   bool // ,string
	optional bool // reached through an embedded pointer
}

func (g *goBuilder) object(t reflect.Type) (*Shape, bool) {
	var cands []goField
	collectFields(t, nil, false, map[reflect.Type]bool{t: true}, &cands)
	// Dominance: per name, the shallowest fields; a single tagged one among
	// them wins; otherwise a single one; otherwise none.
	byName := map[string][]goField{}
	var order []string
	for _, c := range cands {
		if _, seen := byName[c.name]; !seen {
			order = append(order, c.name)
		}
		byName[c.name] = append(byName[c.name], c)
	}
	var chosen []goField
	for _, name := range order {
		fs := byName[name]
		depth := len(fs[0].index)
		for _, f := range fs {
			depth = min(depth, len(f.index))
		}
		var top, tagged []goField
		for _, f := range fs {
			if len(f.index) == depth {
				top = append(top, f)
				if f.tagged {
					tagged = append(tagged, f)
				}
			}
		}
		switch {
		case len(tagged) == 1:
			chosen = append(chosen, tagged[0])
		case len(tagged) == 0 && len(top) == 1:
			chosen = append(chosen, top[0])
		}
	}
	slices.SortFunc(chosen, func(a, b goField) int { return slices.Compare(a.index, b.index) })
	var fields []Field
	cut := false
	for _, f := range chosen {
		var s *Shape
		if f.quoted {
			s = stringShape
			if f.typ.Kind() == reflect.Pointer {
				s = Union(stringShape, nullShape)
			}
		} else {
			var c bool
			s, c = g.build(f.typ)
			cut = cut || c
		}
		fields = append(fields, Field{Name: f.name, Shape: s, Optional: f.omit || f.optional})
	}
	return ObjectOf(fields, false), cut
}

// collectFields appends the JSON member candidates of struct type t,
// reached through index, descending into untagged embedded structs.
func collectFields(t reflect.Type, index []int, optional bool, visiting map[reflect.Type]bool, out *[]goField) {
	for i := range t.NumField() {
		sf := t.Field(i)
		ft := sf.Type
		if sf.Anonymous {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if !sf.IsExported() && ft.Kind() != reflect.Struct {
				continue
			}
		} else if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !ValidTagName(name) {
			name = ""
		}
		idx := append(slices.Clone(index), i)
		if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
			if visiting[ft] {
				continue
			}
			visiting[ft] = true
			collectFields(ft, idx, optional || sf.Type.Kind() == reflect.Pointer, visiting, out)
			delete(visiting, ft)
			continue
		}
		f := goField{name: name, tagged: name != "", index: idx, typ: sf.Type, optional: optional}
		if f.name == "" {
			f.name = sf.Name
		}
		for opts != "" {
			var o string
			o, opts, _ = strings.Cut(opts, ",")
			switch o {
			case "omitempty", "omitzero":
				f.omit = true
			case "string":
				st := sf.Type
				if st.Kind() == reflect.Pointer && st.Name() == "" {
					st = st.Elem()
				}
				switch st.Kind() {
				case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
					reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
					reflect.Float32, reflect.Float64, reflect.String:
					f.quoted = true
				}
			}
		}
		*out = append(*out, f)
	}
}

// ValidTagName reports whether encoding/json accepts name as the member
// name of a json struct tag and reads it back unchanged: a member called
// "a,b" or "😀" can only be held by a map.
func ValidTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
