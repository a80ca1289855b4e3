package shape

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/intrinsic"
	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// jnode is a decoded JSON value that keeps the order of object members.
type jnode struct {
	kind byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	keys []string
	vals []*jnode
	str  string // string value, or number text
	b    bool
}

// parseJSON decodes raw, keeping member order (a repeated key keeps its
// last value, as Step Functions does).
func parseJSON(raw []byte) (*jnode, error) {
	v, err := jsonvalue.Parse(raw)
	if err != nil {
		return nil, err
	}
	return toNode(v), nil
}

// toNode converts a value decoded by package jsonvalue.
func toNode(v any) *jnode {
	switch x := v.(type) {
	case *jsonvalue.Object:
		n := &jnode{kind: 'o', keys: make([]string, 0, x.Len()), vals: make([]*jnode, 0, x.Len())}
		for k, e := range x.All() {
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, toNode(e))
		}
		return n
	case []any:
		n := &jnode{kind: 'a', vals: make([]*jnode, len(x))}
		for i, e := range x {
			n.vals[i] = toNode(e)
		}
		return n
	case string:
		return &jnode{kind: 's', str: x}
	case jsonvalue.Number:
		return &jnode{kind: 'n', str: string(x)}
	case bool:
		return &jnode{kind: 'b', b: x}
	}
	return &jnode{kind: 'z'}
}

// Literal returns the shape of a JSON value, as a Pass state's Result
// gives it: closed objects with every member required, arrays of the union
// of their elements (an empty array: of Unknown), Integer for numbers
// without a fraction or exponent, Timestamp for strings in RFC 3339 form.
// Invalid JSON gives Unknown.
func Literal(raw json.RawMessage) *Shape {
	n, err := parseJSON(raw)
	if err != nil {
		return unknownShape
	}
	return literalShape(n)
}

func literalShape(n *jnode) *Shape {
	switch n.kind {
	case 'o':
		fields := make([]Field, len(n.keys))
		for i, k := range n.keys {
			fields[i] = Field{Name: k, Shape: literalShape(n.vals[i])}
		}
		return ObjectOf(fields, false)
	case 'a':
		if len(n.vals) == 0 {
			return ArrayOf(unknownShape)
		}
		elems := make([]*Shape, len(n.vals))
		for i, v := range n.vals {
			elems[i] = literalShape(v)
		}
		return ArrayOf(Union(elems...))
	case 's':
		return stringLiteral(n.str)
	case 'n':
		if strings.ContainsAny(n.str, ".eE") {
			return numberShape
		}
		return integerShape
	case 'b':
		return boolShape
	}
	return nullShape
}

func stringLiteral(s string) *Shape {
	if _, err := time.Parse(time.RFC3339, s); err == nil {
		return timestampShape
	}
	return stringShape
}

// env is what a state's expressions are evaluated against.
type env struct {
	dollar *Shape // $
	ctx    *Shape // $$
	vars   *vars  // the workflow variables, read as $name.path
}

// template evaluates a payload template (Parameters, ResultSelector,
// ItemSelector, Credentials): members whose names end in ".$" take the
// shape of their path or intrinsic function, others are literal. It returns
// nil when raw is empty.
func (a *analyzer) template(raw json.RawMessage, e env, at site) *Shape {
	if len(raw) == 0 {
		return nil
	}
	n, err := parseJSON(raw)
	if err != nil {
		return unknownShape
	}
	return a.templateNode(n, e, at, nil)
}

func (a *analyzer) templateNode(n *jnode, e env, at site, keys []string) *Shape {
	switch n.kind {
	case 'o':
		var fields []Field
		for i, k := range n.keys {
			v := n.vals[i]
			sub := append(append([]string(nil), keys...), k)
			if name, ok := strings.CutSuffix(k, ".$"); ok {
				var s *Shape = unknownShape
				if v.kind == 's' {
					s = a.dynamic(v.str, e, at.member(sub))
				}
				fields = append(fields, Field{Name: name, Shape: s})
				continue
			}
			fields = append(fields, Field{Name: k, Shape: a.templateNode(v, e, at, sub)})
		}
		return ObjectOf(fields, false)
	case 'a':
		if len(n.vals) == 0 {
			return ArrayOf(unknownShape)
		}
		elems := make([]*Shape, len(n.vals))
		for i, v := range n.vals {
			elems[i] = a.templateNode(v, e, at, append(append([]string(nil), keys...), strconv.Itoa(i)))
		}
		return ArrayOf(Union(elems...))
	}
	return literalShape(n)
}

// dynamic evaluates the value of a ".$" member, an ErrorPath or a
// CausePath: a path or an intrinsic function call.
func (a *analyzer) dynamic(text string, e env, at site) *Shape {
	if intrinsic.IsIntrinsic(text) {
		c, err := intrinsic.Parse(text)
		if err != nil {
			return unknownShape
		}
		return a.call(c, text, e, at)
	}
	return a.path(text, e, at, pathOpt{})
}

// want is a class of kinds an operation needs.
type want int

const (
	wantAny want = iota
	wantString
	wantNumber
	wantBool
	wantTimestamp
	wantArray
	wantObject
)

var wantNames = [...]string{
	wantAny:       "a value",
	wantString:    "a string",
	wantNumber:    "a number",
	wantBool:      "a boolean",
	wantTimestamp: "a timestamp string",
	wantArray:     "an array",
	wantObject:    "an object",
}

// admits reports whether values of shape s may be of class w: s is Unknown,
// of the class, or a union with an alternative of the class.
func admits(s *Shape, w want) bool {
	s = norm(s)
	switch s.kind {
	case KindUnknown:
		return true
	case KindUnion:
		for _, a := range s.elems {
			if admits(a, w) {
				return true
			}
		}
		return false
	}
	switch w {
	case wantString, wantTimestamp:
		return s.kind == KindString || s.kind == KindTimestamp
	case wantNumber:
		return s.kind == KindNumber || s.kind == KindInteger
	case wantBool:
		return s.kind == KindBool
	case wantArray:
		return s.kind == KindArray || s.kind == KindTuple
	case wantObject:
		return s.kind == KindObject
	}
	return true
}

// intrinsicParams lists the classes of the leading arguments of the
// intrinsic functions, as far as they are checked against path arguments.
var intrinsicParams = map[string][]want{
	"States.Format":         {wantString},
	"States.StringToJson":   {wantString},
	"States.ArrayPartition": {wantArray, wantNumber},
	"States.ArrayContains":  {wantArray},
	"States.ArrayRange":     {wantNumber, wantNumber, wantNumber},
	"States.ArrayGetItem":   {wantArray, wantNumber},
	"States.ArrayLength":    {wantArray},
	"States.ArrayUnique":    {wantArray},
	"States.Base64Encode":   {wantString},
	"States.Base64Decode":   {wantString},
	"States.Hash":           {wantAny, wantString},
	"States.JsonMerge":      {wantObject, wantObject, wantBool},
	"States.MathRandom":     {wantNumber, wantNumber, wantNumber},
	"States.MathAdd":        {wantNumber, wantNumber},
	"States.StringSplit":    {wantString, wantString},
}

// call returns the shape of an intrinsic function's result, checking its
// path arguments. source is the text c was parsed from (for path texts).
func (a *analyzer) call(c *intrinsic.Call, source string, e env, at site) *Shape {
	args := make([]*Shape, len(c.Args))
	params := intrinsicParams[c.Name]
	for i, arg := range c.Args {
		switch x := arg.(type) {
		case *intrinsic.PathArg:
			text := x.String()
			if off := x.Offset; off >= 0 && off < len(source) {
				if n := pathLen(source[off:]); n > 0 {
					text = source[off : off+n]
				}
			}
			args[i] = a.path(text, e, at, pathOpt{})
			if i < len(params) && !admits(args[i], params[i]) {
				a.report(at, Error, text, text+": argument "+strconv.Itoa(i+1)+" of "+c.Name+" must be "+
					wantNames[params[i]]+", but "+displayName(text)+" is "+args[i].String())
			}
		case *intrinsic.Call:
			args[i] = a.call(x, source, e, at)
		case *intrinsic.StringLit:
			args[i] = stringShape
		case *intrinsic.NumberLit:
			if x.Value == math.Trunc(x.Value) && !math.IsInf(x.Value, 0) {
				args[i] = integerShape
			} else {
				args[i] = numberShape
			}
		case *intrinsic.BoolLit:
			args[i] = boolShape
		default:
			args[i] = nullShape
		}
	}
	arg := func(i int) *Shape {
		if i < len(args) {
			return args[i]
		}
		return unknownShape
	}
	switch c.Name {
	case "States.Format", "States.JsonToString", "States.Base64Encode", "States.Base64Decode",
		"States.Hash", "States.UUID":
		return stringShape
	case "States.StringToJson":
		return unknownShape
	case "States.Array":
		if len(args) == 0 {
			return ArrayOf(unknownShape)
		}
		return ArrayOf(Union(args...))
	case "States.ArrayPartition":
		return ArrayOf(ArrayOf(elemOf(arg(0))))
	case "States.ArrayContains":
		return boolShape
	case "States.ArrayRange":
		return ArrayOf(integerShape)
	case "States.ArrayGetItem":
		return elemOf(arg(0))
	case "States.ArrayLength", "States.MathRandom", "States.MathAdd":
		return integerShape
	case "States.ArrayUnique":
		return ArrayOf(elemOf(arg(0)))
	case "States.JsonMerge":
		return merge(arg(0), arg(1))
	case "States.StringSplit":
		return ArrayOf(stringShape)
	}
	return unknownShape
}

// elemOf returns the shape of the elements of arrays of shape s: Unknown
// unless s is (or is a union of) arrays or tuples.
func elemOf(s *Shape) *Shape {
	var out *Shape
	for _, a := range norm(s).alternatives() {
		switch a.kind {
		case KindArray:
			out = join(out, a.elem)
		case KindTuple:
			out = join(out, Union(a.elems...))
		case KindUnknown:
			return unknownShape
		}
	}
	return norm(out)
}

// admitsItems reports whether values of shape s may be the items of a Map
// state: an array, or an object, whose members AWS iterates over.
func admitsItems(s *Shape) bool { return admits(s, wantArray) || admits(s, wantObject) }

// itemOf returns the shape of the items a Map state iterates over when its
// items have shape s: the elements of an array, and for an object the
// pairs {"key": name, "value": value} that AWS makes of its members (the
// value's shape is the union of the members' shapes). It is Unknown unless
// s is (or is a union of) arrays, tuples and objects.
func itemOf(s *Shape) *Shape {
	var out *Shape
	for _, a := range norm(s).alternatives() {
		switch a.kind {
		case KindArray:
			out = join(out, a.elem)
		case KindTuple:
			out = join(out, Union(a.elems...))
		case KindObject:
			out = join(out, pairOf(a))
		case KindUnknown:
			return unknownShape
		}
	}
	return norm(out)
}

// pairOf returns the shape of the Map items made of the members of objects
// of shape o: {"key": string, "value": any member's shape}.
func pairOf(o *Shape) *Shape {
	values := make([]*Shape, 0, len(o.fields)+1)
	for _, f := range o.fields {
		values = append(values, f.Shape)
	}
	if o.open {
		values = append(values, o.elem)
	}
	return ObjectOf([]Field{{Name: "key", Shape: stringShape}, {Name: "value", Shape: Union(values...)}}, false)
}

// merge is the shallow merge of States.JsonMerge: b's members override a's.
func merge(a, b *Shape) *Shape {
	a, b = norm(a), norm(b)
	if a.kind != KindObject || b.kind != KindObject {
		return unknownShape
	}
	c := &Shape{kind: KindObject, open: a.open || b.open}
	if c.open {
		c.elem = unknownShape
	}
	for _, f := range a.fields {
		c.setField(f)
	}
	for _, f := range b.fields {
		if old, ok := c.Field(f.Name); ok && f.Optional {
			f = Field{Name: f.Name, Shape: Union(old.Shape, f.Shape), Optional: old.Optional}
		}
		c.setField(f)
	}
	return sized(c)
}

// pathOpt adjusts how a path's problems are reported.
type pathOpt struct {
	quiet map[string]bool // prefixes whose warnings are dropped
	soft  bool            // errors become warnings (IsPresent)
}

// pathLen returns the length of the path (from $, $$ or a variable) at
// the start of s, or 0.
func pathLen(s string) int {
	start := 0
	if name, _, ok := jsonpath.SplitVariable(s); ok {
		start = 1 + len(name)
		if _, n, err := jsonpath.ParsePrefix("$" + s[start:]); err == nil {
			return start + n - 1
		}
		return 0
	}
	if _, n, err := jsonpath.ParsePrefix(s); err == nil {
		return n
	}
	return 0
}

// path evaluates a path against e and reports its problems at at. A path
// that starts with a workflow variable ($name.a.b) selects from the
// variable's shape, Unknown when the variable is not known here. A path
// that does not parse yields Unknown without findings: syntax is the
// validator's business.
func (a *analyzer) path(text string, e env, at site, opt pathOpt) *Shape {
	rest, varName := text, ""
	if name, r, ok := jsonpath.SplitVariable(text); ok {
		rest, varName = r, name
	}
	p, err := jsonpath.Parse(rest)
	if err != nil {
		return unknownShape
	}
	root := e.dollar
	switch {
	case varName != "":
		s, ok := e.vars.get(varName)
		if !ok {
			return unknownShape
		}
		root = s
	case p.Context:
		root = e.ctx
	}
	res, probs := selectPathVar(root, p, varName)
	for _, pr := range probs {
		sev := pr.sev
		if sev == Warning && opt.quiet[pr.at] {
			continue
		}
		if opt.soft {
			sev = Warning
		}
		a.report(at, sev, text, text+": "+pr.msg)
	}
	return res
}

// site is where findings about one field go.
type site struct {
	state string
	ptr   string // JSON pointer of the field
	field string // readable name of the field
	key   []int  // sort key: document order
}

// sub returns the site of member name (pointer key and label suffix) of at.
func (at site) sub(ptrKey, label string, key ...int) site {
	return site{
		state: at.state,
		ptr:   asl.Join(at.ptr, ptrKey),
		field: at.field + label,
		key:   append(append([]int(nil), at.key...), key...),
	}
}

// member returns the site of a template entry reached through keys.
func (at site) member(keys []string) site {
	s := at
	s.ptr = at.ptr
	for _, k := range keys {
		s.ptr = asl.Join(s.ptr, k)
	}
	s.field = at.field + " " + strconv.Quote(strings.Join(keys, "/"))
	return s
}
