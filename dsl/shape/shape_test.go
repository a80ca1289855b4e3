package shape

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

type Money struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

type Item struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

type Customer struct {
	Name  string  `json:"name"`
	Email *string `json:"email,omitempty"`
}

type Order struct {
	ID       string            `json:"id"`
	Amount   float64           `json:"amount"`
	Items    []Item            `json:"items"`
	Note     string            `json:"note,omitempty"`
	Customer *Customer         `json:"customer"`
	Created  time.Time         `json:"created"`
	Tags     map[string]string `json:"tags"`
	Total    Money             `json:"total"`
	Paid     bool              `json:"paid"`
	Secret   string            `json:"-"`
	internal int
}

type Base struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

type Audit struct {
	By string `json:"by"`
	At time.Time
}

type Embedding struct {
	Base
	*Audit
	Version string `json:"version"` // shallower: wins over Base.Version
	Name    string
}

type conflictA struct{ X int }
type conflictB struct{ X string }
type tagged struct {
	X bool `json:"X"`
}

type Conflicts struct {
	conflictA
	conflictB // X at the same depth twice, neither tagged: dropped
	Y         int
}

type TaggedWins struct {
	conflictA
	tagged // X tagged here: wins
}

type Named struct {
	Base `json:"base"` // a tag name makes it an ordinary member
}

type Cents int64

type Upper string

func (u Upper) MarshalText() ([]byte, error) { return []byte(strings.ToUpper(string(u))), nil }

type Custom struct{}

func (Custom) MarshalJSON() ([]byte, error) { return []byte(`42`), nil }

type Scalars struct {
	B    bool            `json:"b"`
	I8   int8            `json:"i8"`
	U    uint            `json:"u"`
	F32  float32         `json:"f32"`
	S    string          `json:"s"`
	C    Cents           `json:"c"`
	Raw  json.RawMessage `json:"raw"`
	Num  json.Number     `json:"num"`
	Any  any             `json:"any"`
	Err  error           `json:"err"`
	Data []byte          `json:"data"`
	Arr  [2]int          `json:"arr"`
	Up   Upper           `json:"up"`
	Cu   Custom          `json:"cu"`
	Q    int             `json:"q,string"`
	QP   *bool           `json:"qp,string"`
	IntM map[int]bool    `json:"intm"`
	BadM map[Money]bool  `json:"badm"`
	Ch   chan int        `json:"-"`
	Z    Money           `json:"z,omitzero"`
	PT   *time.Time      `json:"pt"`
}

type Node struct {
	Value    int    `json:"value"`
	Children []Node `json:"children"`
	Next     *Node  `json:"next,omitempty"`
	Pair     *Pair  `json:"pair"`
}

type Pair struct {
	Left  *Node `json:"left"`
	Right *Node `json:"right"`
}

func field(t *testing.T, s *Shape, name string) Field {
	t.Helper()
	f, ok := s.Field(name)
	if !ok {
		t.Fatalf("%s has no field %q", s, name)
	}
	return f
}

func TestFromGoScalars(t *testing.T) {
	s := FromGo(reflect.TypeFor[Scalars]())
	want := map[string]*Shape{
		"b":    Bool(),
		"i8":   Integer(),
		"u":    Integer(),
		"f32":  Number(),
		"s":    String(),
		"c":    Integer(),
		"raw":  Unknown(),
		"num":  Number(),
		"any":  Unknown(),
		"err":  Unknown(),
		"data": String(),
		"arr":  ArrayOf(Integer()),
		"up":   String(),
		"cu":   Unknown(),
		"q":    String(),
		"qp":   Union(String(), Null()),
		"intm": MapOf(Bool()),
		"badm": Unknown(),
		"z":    ObjectOf([]Field{{Name: "amount", Shape: Number()}, {Name: "currency", Shape: String()}}, false),
		"pt":   Union(Timestamp(), Null()),
	}
	if got := len(s.Fields()); got != len(want) {
		t.Errorf("%d fields, want %d: %s", got, len(want), s)
	}
	for name, w := range want {
		f := field(t, s, name)
		if !f.Shape.Equal(w) {
			t.Errorf("field %s: got %s, want %s", name, f.Shape, w)
		}
	}
	if !field(t, s, "z").Optional {
		t.Error("omitzero field not optional")
	}
	if k := field(t, s, "raw").Shape.Kind(); k != KindUnknown {
		t.Errorf("json.RawMessage: kind %v", k)
	}
	if got := field(t, s, "c").Shape.GoType(); got != reflect.TypeFor[Cents]() {
		t.Errorf("Cents GoType = %v", got)
	}
	for _, c := range []struct {
		v    any
		want *Shape
	}{
		{time.Time{}, Timestamp()},
		{"", String()},
		{0.5, Number()},
		{[]string{}, ArrayOf(String())},
		{map[string]int{}, MapOf(Integer())},
	} {
		if got := FromGo(reflect.TypeOf(c.v)); !got.Equal(c.want) {
			t.Errorf("FromGo(%T) = %s, want %s", c.v, got, c.want)
		}
	}
	if got := FromGo(nil); got.Kind() != KindUnknown {
		t.Errorf("FromGo(nil) = %s", got)
	}
}

func TestFromGoStruct(t *testing.T) {
	s := FromGo(reflect.TypeFor[Order]())
	if s.Kind() != KindObject || s.Open() {
		t.Fatalf("Order: kind %v open %v", s.Kind(), s.Open())
	}
	var names []string
	for _, f := range s.Fields() {
		names = append(names, f.Name)
	}
	if got, want := strings.Join(names, " "), "id amount items note customer created tags total paid"; got != want {
		t.Errorf("fields %q, want %q", got, want)
	}
	if !field(t, s, "note").Optional || field(t, s, "id").Optional {
		t.Error("omitempty must make note, and only note, optional")
	}
	cust := field(t, s, "customer").Shape
	if cust.Kind() != KindUnion || len(cust.Alternatives()) != 2 || cust.String() != "*shape.Customer" {
		t.Errorf("customer = %s (%v)", cust, cust.Kind())
	}
	email := field(t, cust.Alternatives()[0], "email")
	if !email.Optional || !email.Shape.Equal(Union(String(), Null())) {
		t.Errorf("email = %+v", email)
	}
	if got := field(t, s, "tags").Shape; !got.Open() || !got.Elem().Equal(String()) {
		t.Errorf("tags = %s", got)
	}
	if got := field(t, s, "items").Shape; got.Kind() != KindArray || got.String() != "[]shape.Item" {
		t.Errorf("items = %s", got)
	}
	if s.GoType() != reflect.TypeFor[Order]() || s.String() != "shape.Order" {
		t.Errorf("GoType %v, String %s", s.GoType(), s)
	}
}

func TestFromGoEmbedded(t *testing.T) {
	s := FromGo(reflect.TypeFor[Embedding]())
	want := ObjectOf([]Field{
		{Name: "id", Shape: String()},
		{Name: "by", Shape: String(), Optional: true},
		{Name: "At", Shape: Timestamp(), Optional: true},
		{Name: "version", Shape: String()},
		{Name: "Name", Shape: String()},
	}, false)
	if !s.Equal(want) {
		t.Errorf("Embedding = %s, want %s", ObjectOf(s.Fields(), false), want)
	}
	var names []string
	for _, f := range s.Fields() {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "id by At version Name" {
		t.Errorf("order %q", got)
	}
	c := FromGo(reflect.TypeFor[Conflicts]())
	if _, ok := c.Field("X"); ok || len(c.Fields()) != 1 {
		t.Errorf("Conflicts = %s: ambiguous X must be dropped", ObjectOf(c.Fields(), false))
	}
	tw := FromGo(reflect.TypeFor[TaggedWins]())
	if f := field(t, tw, "X"); !f.Shape.Equal(Bool()) {
		t.Errorf("TaggedWins.X = %s, want the tagged boolean", f.Shape)
	}
	n := FromGo(reflect.TypeFor[Named]())
	if f := field(t, n, "base"); f.Shape.Kind() != KindObject {
		t.Errorf("Named.base = %s", f.Shape)
	}
}

func TestFromGoRecursive(t *testing.T) {
	s := FromGo(reflect.TypeFor[Node]())
	children := field(t, s, "children").Shape
	if children.Kind() != KindArray || children.Elem().Kind() != KindUnknown || children.Elem().GoType() != reflect.TypeFor[Node]() {
		t.Errorf("children = %s (elem %v)", children, children.Elem().Kind())
	}
	if got := children.String(); got != "[]shape.Node" {
		t.Errorf("children renders %q", got)
	}
	pair := field(t, s, "pair").Shape.Alternatives()[0]
	left := field(t, pair, "left").Shape
	if left.Kind() != KindUnknown {
		t.Errorf("pair.left = %s (%v), want the cut recursion", left, left.Kind())
	}
	// Built from Pair, Node is expanded once and Pair cut inside it.
	p := FromGo(reflect.TypeFor[Pair]())
	node := field(t, p, "left").Shape.Alternatives()[0]
	if node.Kind() != KindObject || field(t, node, "pair").Shape.Kind() != KindUnknown {
		t.Errorf("Pair.left = %s", node)
	}
}

func TestUnion(t *testing.T) {
	obj := ObjectOf([]Field{{Name: "a", Shape: Integer()}}, false)
	cases := []struct {
		name string
		got  *Shape
		want *Shape
	}{
		{"single", Union(String()), String()},
		{"dedup", Union(String(), String(), obj, ObjectOf([]Field{{Name: "a", Shape: Integer()}}, false)), Union(String(), obj)},
		{"flatten", Union(Union(String(), Bool()), Union(Null(), Bool())), Union(String(), Bool(), Null())},
		{"unknown absorbs", Union(String(), Unknown(), obj), Unknown()},
		{"number absorbs integer", Union(Integer(), Number()), Number()},
		{"string absorbs timestamp", Union(Timestamp(), String()), String()},
		{"arrays merge", Union(ArrayOf(String()), ArrayOf(Integer())), ArrayOf(Union(String(), Integer()))},
		{"nil skipped", Union(nil, Bool()), Bool()},
		{"empty", Union(), Unknown()},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
	u := Union(String(), Null())
	if u.Kind() != KindUnion || len(u.Alternatives()) != 2 {
		t.Errorf("string|null = %s", u)
	}
	var many []*Shape
	for i := range maxAlternatives + 1 {
		many = append(many, ObjectOf([]Field{{Name: strings.Repeat("x", i+1), Shape: Bool()}}, false))
	}
	if Union(many...).Kind() != KindUnknown {
		t.Error("a union of too many alternatives must widen to Unknown")
	}
}

func TestEqual(t *testing.T) {
	a := ObjectOf([]Field{{Name: "a", Shape: Integer()}, {Name: "b", Shape: String()}}, false)
	b := ObjectOf([]Field{{Name: "b", Shape: String()}, {Name: "a", Shape: Integer()}}, false)
	if !a.Equal(b) {
		t.Error("member order must not matter")
	}
	if a.Equal(ObjectOf([]Field{{Name: "a", Shape: Integer()}, {Name: "b", Shape: String(), Optional: true}}, false)) {
		t.Error("optionality must matter")
	}
	if a.Equal(ObjectOf(a.Fields(), true)) {
		t.Error("openness must matter")
	}
	if !Union(String(), Bool()).Equal(Union(Bool(), String())) {
		t.Error("alternative order must not matter")
	}
	if TupleOf(String(), Bool()).Equal(TupleOf(Bool(), String())) {
		t.Error("tuple order must matter")
	}
	if !FromGo(reflect.TypeFor[Money]()).Equal(ObjectOf([]Field{{Name: "amount", Shape: Number()}, {Name: "currency", Shape: String()}}, false)) {
		t.Error("the Go type must not matter")
	}
	var nilShape *Shape
	if !nilShape.Equal(Unknown()) || nilShape.Kind() != KindUnknown {
		t.Error("nil must be Unknown")
	}
	if MapOf(String()).Equal(MapOf(Integer())) {
		t.Error("map element must matter")
	}
}

func TestFits(t *testing.T) {
	money := FromGo(reflect.TypeFor[Money]())
	cases := []struct {
		name string
		s, t *Shape
		ok   bool
		why  string
	}{
		{"same", money, money, true, ""},
		{"unknown source", Unknown(), money, true, ""},
		{"unknown target", money, Unknown(), true, ""},
		{"integer into number", Integer(), Number(), true, ""},
		{"number into integer", Number(), Integer(), false, "number may not be an integer"},
		{"timestamp into string", Timestamp(), String(), true, ""},
		{"string into timestamp", String(), Timestamp(), false, "string may not be an RFC 3339 timestamp"},
		{"null into pointer", Null(), Union(String(), Null()), true, ""},
		{"nullable into value", Union(String(), Null()), String(), false, "may be null, which does not fit string"},
		{"extra member", ObjectOf([]Field{{Name: "amount", Shape: Integer()}, {Name: "currency", Shape: String()}, {Name: "x", Shape: Bool()}}, false), money, true, ""},
		{"missing member", ObjectOf([]Field{{Name: "amount", Shape: Integer()}}, false), money, false, `missing field "currency" of shape.Money`},
		{"missing member of open", ObjectOf([]Field{{Name: "amount", Shape: Integer()}}, true), money, true, ""},
		{"optional into required", ObjectOf([]Field{{Name: "amount", Shape: Integer(), Optional: true}, {Name: "currency", Shape: String()}}, false), money, true, ""},
		{"wrong member", ObjectOf([]Field{{Name: "amount", Shape: String()}, {Name: "currency", Shape: String()}}, false), money, false, ".amount: string does not fit number"},
		{"array", ArrayOf(Integer()), ArrayOf(Number()), true, ""},
		{"array element", ArrayOf(String()), ArrayOf(Number()), false, "[]: string does not fit number"},
		{"tuple into array", TupleOf(Integer(), Number()), ArrayOf(Number()), true, ""},
		{"array into tuple", ArrayOf(Integer()), TupleOf(Integer()), false, "[]integer does not fit [integer]"},
		{"union into union", Union(String(), Integer()), Union(Number(), String(), Null()), true, ""},
		{"union member fails", Union(String(), Bool()), Union(Number(), String()), false, "boolean does not fit number | string"},
		{"object into map", ObjectOf([]Field{{Name: "a", Shape: Integer()}}, false), MapOf(Number()), true, ""},
		{"object into map, bad value", ObjectOf([]Field{{Name: "a", Shape: String()}}, false), MapOf(Number()), false, ".a: string does not fit number"},
		{"scalar into object", String(), money, false, "string does not fit shape.Money"},
	}
	for _, c := range cases {
		ok, why := c.s.Fits(c.t)
		if ok != c.ok || why != c.why {
			t.Errorf("%s: %s fits %s = %v %q, want %v %q", c.name, c.s, c.t, ok, why, c.ok, c.why)
		}
	}
}

func TestString(t *testing.T) {
	cases := []struct {
		s    *Shape
		want string
	}{
		{ObjectOf([]Field{{Name: "amount", Shape: Number()}, {Name: "items", Shape: ArrayOf(String()), Optional: true}}, false), "{amount: number, items?: []string}"},
		{ObjectOf([]Field{{Name: "a b", Shape: Bool()}}, true), `{"a b": boolean, ...}`},
		{MapOf(Integer()), "{...: integer}"},
		{TupleOf(String(), Null()), "[string, null]"},
		{ArrayOf(Union(String(), Null())), "[](string | null)"},
		{FromGo(reflect.TypeFor[[]Order]()), "[]shape.Order"},
		{FromGo(reflect.TypeFor[map[string]Item]()), "map[string]shape.Item"},
		{FromGo(reflect.TypeFor[struct{ A int }]()), "{A: integer}"},
		{Timestamp(), "timestamp"},
		{Unknown(), "unknown"},
	}
	for _, c := range cases {
		if got := c.s.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	if KindTuple.String() != "tuple" || Kind(99).String() != "kind(99)" {
		t.Error("Kind.String")
	}
}

func TestLiteral(t *testing.T) {
	got := Literal(json.RawMessage(`{"n": 1, "f": 1.5, "s": "x", "t": "2024-01-02T03:04:05Z", "b": true, "z": null, "a": [1, "x"], "e": []}`))
	want := ObjectOf([]Field{
		{Name: "n", Shape: Integer()},
		{Name: "f", Shape: Number()},
		{Name: "s", Shape: String()},
		{Name: "t", Shape: Timestamp()},
		{Name: "b", Shape: Bool()},
		{Name: "z", Shape: Null()},
		{Name: "a", Shape: ArrayOf(Union(Integer(), String()))},
		{Name: "e", Shape: ArrayOf(Unknown())},
	}, false)
	if !got.Equal(want) {
		t.Errorf("got %s, want %s", got, want)
	}
	if Literal(json.RawMessage(`{`)).Kind() != KindUnknown {
		t.Error("invalid JSON must be Unknown")
	}
}

func TestSelectTable(t *testing.T) {
	order := FromGo(reflect.TypeFor[Order]())
	tuple := TupleOf(order, ArrayOf(String()))
	union := Union(ObjectOf([]Field{{Name: "a", Shape: Integer()}}, false), ObjectOf([]Field{{Name: "a", Shape: String()}, {Name: "b", Shape: Bool()}}, false))
	cases := []struct {
		root  *Shape
		path  string
		want  *Shape
		probs []string
	}{
		{tuple, "$[0].id", String(), nil},
		{tuple, "$[-1][3]", String(), nil},
		{tuple, "$[-3]", Unknown(), []string{"error: $ has 2 elements, so no index -3"}},
		{tuple, "$[*]", ArrayOf(Union(order, ArrayOf(String()))), nil},
		{tuple, "$[0:1]", ArrayOf(Union(order, ArrayOf(String()))), nil},
		{tuple, "$[0,1]", ArrayOf(Union(order, ArrayOf(String()))), nil},
		{tuple, "$[?(@.id)]", ArrayOf(Union(order, ArrayOf(String()))), nil},
		{tuple, "$.length()", Integer(), nil},
		{tuple, "$.x", Unknown(), []string{"error: $ is [shape.Order, []string], not an object"}},
		{order, "$.items[1:]", ArrayOf(FromGo(reflect.TypeFor[Item]())), nil},
		{order, "$.items[0,1].qty", ArrayOf(Integer()), nil},
		{order, "$.id[1:]", Unknown(), []string{"error: id is string, not an array"}},
		{order, "$.items[*].x[1:]", Unknown(), []string{`error: no field "x" in shape.Item`}},
		{order, "$.items[*].sku[1:]", ArrayOf(Unknown()), nil},
		{order, "$.id[0,1]", Unknown(), []string{"error: id is string, not an array"}},
		{order, "$.items[*].qty.sum()", Number(), nil},
		{order, "$.tags.keys()", ArrayOf(String()), nil},
		{order, "$['id','nope']", ObjectOf([]Field{{Name: "id", Shape: String()}}, false), []string{`error: no field "nope" in shape.Order (did you mean "note"?)`}},
		{order, "$['id','amount'].x", Unknown(), []string{"error: $['id','amount'] is string, not an object"}},
		{order, "$.id['a','b']", Unknown(), []string{"error: id is string, not an object"}},
		{order, "$.*.currency", ArrayOf(String()), nil},
		{order, "$.paid[?(@ > 1)]", ArrayOf(Unknown()), nil},
		{order, "$..qty", ArrayOf(Union(Integer(), String())), nil}, // tags may have a "qty" key
		{FromGo(reflect.TypeFor[[]Item]()), "$..qty", ArrayOf(Integer()), nil},
		{order, "$..[0]", ArrayOf(FromGo(reflect.TypeFor[Item]())), nil},
		{ObjectOf([]Field{{Name: "x", Shape: Unknown()}}, false), "$..qty", ArrayOf(Unknown()), nil},
		{union, "$.a", Union(Integer(), String()), nil},
		{union, "$.b", Bool(), []string{`warning: may be absent: no field "b" in {a: integer}`}},
		{union, "$.c", Unknown(), []string{`error: no field "c" in {a: integer}`}},
		{Union(union, Null()), "$.a", Union(Integer(), String()), []string{"warning: $ may be null"}},
		{Null(), "$.a", Unknown(), []string{"error: $ is null, not an object"}},
		{Union(Null(), Null()), "$[0]", Unknown(), []string{"error: $ is null, not an array"}},
		{Unknown(), "$.a.length()", Integer(), nil},
		{Unknown(), "$[*].a", ArrayOf(Unknown()), nil},
		{MapOf(order), "$.any.id", String(), nil},
		{order, "$.customer", Union(FromGo(reflect.TypeFor[Customer]()), Null()), nil},
	}
	for _, c := range cases {
		p := mustPath(t, c.path)
		got, probs := selectPath(c.root, p)
		var ps []string
		for _, pr := range probs {
			ps = append(ps, pr.sev.String()+": "+pr.msg)
		}
		if !got.Equal(c.want) || strings.Join(ps, "\n") != strings.Join(c.probs, "\n") {
			t.Errorf("%s on %s = %s %q, want %s %q", c.path, c.root, got, ps, c.want, c.probs)
		}
	}
}

func TestPlace(t *testing.T) {
	money := FromGo(reflect.TypeFor[Money]())
	r := Bool()
	cases := []struct {
		root *Shape
		path string
		want *Shape
		prob string
	}{
		{money, "$.ok", ObjectOf([]Field{{Name: "amount", Shape: Number()}, {Name: "currency", Shape: String()}, {Name: "ok", Shape: r}}, false), ""},
		{money, "$.amount", ObjectOf([]Field{{Name: "amount", Shape: r}, {Name: "currency", Shape: String()}}, false), ""},
		{money, "$.a.b", ObjectOf([]Field{{Name: "amount", Shape: Number()}, {Name: "currency", Shape: String()}, {Name: "a", Shape: ObjectOf([]Field{{Name: "b", Shape: r}}, false)}}, false), ""},
		{money, "$.list[0]", ObjectOf([]Field{{Name: "amount", Shape: Number()}, {Name: "currency", Shape: String()}, {Name: "list", Shape: ArrayOf(r)}}, false), ""},
		{Unknown(), "$.a.b", ObjectOf([]Field{{Name: "a", Shape: ObjectOf([]Field{{Name: "b", Shape: r}}, true)}}, true), ""},
		{Unknown(), "$[0]", Unknown(), ""},
		{ObjectOf(nil, true), "$.x", ObjectOf([]Field{{Name: "x", Shape: r}}, true), ""},
		{ArrayOf(String()), "$[0]", ArrayOf(Union(String(), r)), ""},
		{TupleOf(String(), Null()), "$[1]", TupleOf(String(), r), ""},
		{TupleOf(String()), "$[1]", TupleOf(String(), r), ""},
		{TupleOf(String()), "$[2]", Unknown(), "error: $ has 1 elements, so no index 2"},
		{Union(money, Null()), "$.ok", ObjectOf([]Field{{Name: "amount", Shape: Number()}, {Name: "currency", Shape: String()}, {Name: "ok", Shape: r}}, false), ""},
		{Null(), "$.ok", Unknown(), "error: $ is null, not an object"},
		{Null(), "$[0]", Unknown(), "error: $ is null, not an array"},
		{money, "$.amount[0]", Unknown(), "error: amount is number, not an array"},
		{money, "$[0]", Unknown(), "error: $ is shape.Money, not an array"},
	}
	if got, _ := place(MapOf(Integer()), mustPath(t, "$.x"), r); got.String() != "{x: boolean, ...: integer}" {
		t.Errorf("into a map: %s", got)
	}
	for _, c := range cases {
		got, probs := place(c.root, mustPath(t, c.path), r)
		var ps []string
		for _, pr := range probs {
			ps = append(ps, pr.sev.String()+": "+pr.msg)
		}
		if !got.Equal(c.want) || strings.Join(ps, "\n") != c.prob {
			t.Errorf("%s into %s = %s %q, want %s %q", c.path, c.root, got, ps, c.want, c.prob)
		}
	}
}

func TestAccessors(t *testing.T) {
	tu := TupleOf(String(), nil)
	if e := tu.Elems(); len(e) != 2 || e[1].Kind() != KindUnknown {
		t.Errorf("Elems = %v", e)
	}
	if !tu.Elem().Equal(Unknown()) || String().Elems() != nil || String().Alternatives() != nil || String().Fields() != nil {
		t.Error("accessors on the wrong kind")
	}
	if ObjectOf(nil, false).Elem() != nil || !ObjectOf(nil, true).Elem().Equal(Unknown()) {
		t.Error("Elem of objects")
	}
	f := Finding{Severity: Warning, Location: "/States/A/InputPath", State: "A", Field: "InputPath", Message: "$.x: m"}
	if got := f.String(); got != `/States/A/InputPath: warning: state "A": InputPath: $.x: m` {
		t.Errorf("Finding.String = %q", got)
	}
	if ok, why := ObjectOf([]Field{{Name: "a b", Shape: String()}}, false).Fits(MapOf(Integer())); ok || why != `.["a b"]: string does not fit integer` {
		t.Errorf("Fits = %v %q", ok, why)
	}
}
