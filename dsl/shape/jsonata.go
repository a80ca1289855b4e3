package shape

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aslgen/aslgen/dsl/jsonata"
)

// This file infers the shapes of JSONata expressions, as Step Functions
// evaluates them in the "{% ... %}" strings of JSONata states: $states
// (input, result, errorOutput, context) and the workflow variables are
// typed, paths follow JSONata's rules (a member of an array maps over its
// elements, results are flattened one level, a sequence of one value is
// that value), constructors and the common functions have known results,
// and anything else is Unknown. Paths that the shapes rule out are
// reported like JSONPath ones.

// jval is the abstract value of a JSONata expression.
type jval struct {
	s   *Shape // the shape of the value, when there is one
	def bool   // there always is one: the expression is never undefined
}

var unknownVal = jval{s: unknownShape}

// jframe is a scope of local bindings: $x := value, a lambda's parameters.
type jframe struct {
	vals   map[string]jval
	parent *jframe
}

func (f *jframe) lookup(name string) (jval, bool) {
	for ; f != nil; f = f.parent {
		if v, ok := f.vals[name]; ok {
			return v, true
		}
	}
	return jval{}, false
}

func (f *jframe) child() *jframe { return &jframe{parent: f} }

func (f *jframe) set(name string, v jval) {
	if f.vals == nil {
		f.vals = map[string]jval{}
	}
	f.vals[name] = v
}

// jenv is what the expressions of a JSONata state read.
type jenv struct {
	states *Shape // $states
	vars   *vars  // the workflow variables
}

// jx infers the shapes of one JSONata expression and reports its paths'
// problems at a site.
type jx struct {
	a    *analyzer
	env  jenv
	at   site
	root jsonata.Node // the whole expression: only its value may fail the state
	soft int          // inside $exists: a path that selects nothing is a warning
}

// maxJSONataNodes bounds the nodes of one expression that are analyzed;
// a larger expression is Unknown.
const maxJSONataNodes = 5000

// jexpr returns the shape of a "{% ... %}" template string of a JSONata
// state evaluated in env, reporting its problems at at. A string that does
// not parse is Unknown: syntax is the validator's business.
func (a *analyzer) jexpr(text string, env jenv, at site) jval {
	x := parseTemplate(text)
	if x == nil {
		return unknownVal
	}
	j := &jx{a: a, env: env, at: at, root: x.Root}
	return j.expr(x.Root, nil, &jframe{})
}

// parsed caches the template strings parseTemplate parsed (nil for those
// it cannot analyze), up to maxParsed of them: a program builds the same
// machines again and again, in tests especially. The trees are only read.
var (
	parsed    sync.Map // string → *jsonata.Expr
	parsedLen atomic.Int64
)

const maxParsed = 4096

// parseTemplate parses a "{% ... %}" template string; it returns nil for
// one that does not parse or is too large to analyze.
func parseTemplate(text string) *jsonata.Expr {
	if x, ok := parsed.Load(text); ok {
		return x.(*jsonata.Expr)
	}
	var x *jsonata.Expr
	if e, err := jsonata.ParseTemplate(text); err == nil {
		n := 0
		jsonata.Inspect(e.Root, func(jsonata.Node) bool { n++; return n <= maxJSONataNodes })
		if n <= maxJSONataNodes {
			x = e
		}
	}
	if parsedLen.Load() < maxParsed {
		if _, loaded := parsed.LoadOrStore(text, x); !loaded {
			parsedLen.Add(1)
		}
	}
	return x
}

// exprText is the expression of a template string, as Step Functions
// quotes it in its messages.
func exprText(text string) string {
	if jsonata.IsExpression(text) {
		return strings.TrimSpace(text[2 : len(text)-2])
	}
	return text
}

// report records a problem of a path (text) at the expression's site.
func (x *jx) report(sev Severity, text, msg string) {
	if x.soft > 0 {
		sev = Warning
	}
	x.a.report(x.at, sev, text, text+": "+msg)
}

// expr returns the value of n with context value ctx (nil: undefined, as
// at the top of a Step Functions expression) and local bindings f.
func (x *jx) expr(n jsonata.Node, ctx *Shape, f *jframe) jval {
	switch n := n.(type) {
	case *jsonata.Number:
		return jval{s: numberLiteral(n.Value), def: true}
	case *jsonata.String:
		return jval{s: stringLiteral(n.Value), def: true}
	case *jsonata.Bool:
		return jval{s: boolShape, def: true}
	case *jsonata.Null:
		return jval{s: nullShape, def: true}
	case *jsonata.Variable:
		return x.variable(n.Name, ctx, f)
	case *jsonata.Path:
		return x.path(n, ctx, f)
	case *jsonata.Postfix:
		return x.postfix(n, ctx, f)
	case *jsonata.Negate:
		v := x.expr(n.Expr, ctx, f)
		if v.s.kind == KindInteger {
			return jval{s: integerShape, def: v.def}
		}
		return jval{s: numberShape, def: v.def}
	case *jsonata.Binary:
		return x.binary(n, ctx, f)
	case *jsonata.Apply:
		if c, ok := n.Rhs.(*jsonata.Call); ok && !c.Partial() {
			return x.call(c, ctx, f, n.Lhs)
		}
		x.expr(n.Lhs, ctx, f)
		x.expr(n.Rhs, ctx, f)
		return unknownVal
	case *jsonata.Bind:
		v := x.expr(n.Value, ctx, f)
		f.set(n.Var.Name, v)
		return v
	case *jsonata.Condition:
		x.expr(n.Cond, ctx, f)
		t := x.expr(n.Then, ctx, f)
		if n.Else == nil {
			return jval{s: t.s}
		}
		e := x.expr(n.Else, ctx, f)
		return jval{s: Union(t.s, e.s), def: t.def && e.def}
	case *jsonata.Block:
		inner := f.child()
		v := unknownVal
		for _, e := range n.Exprs {
			v = x.expr(e, ctx, inner)
		}
		return v
	case *jsonata.Array:
		return x.array(n, ctx, f)
	case *jsonata.Object:
		return x.object(n, ctx, f)
	case *jsonata.Call:
		return x.call(n, ctx, f, nil)
	case *jsonata.Lambda:
		x.lambda(n, ctx, f, nil)
		return unknownVal
	case *jsonata.Range:
		x.expr(n.Lo, ctx, f)
		x.expr(n.Hi, ctx, f)
	}
	return unknownVal
}

// numberLiteral is Integer for an integral value, else Number.
func numberLiteral(v float64) *Shape {
	if v == math.Trunc(v) && !math.IsInf(v, 0) {
		return integerShape
	}
	return numberShape
}

// variable returns the value of $name: a local binding, $states, a
// workflow variable, or Unknown (a function, or a variable never assigned
// where this state can see it).
func (x *jx) variable(name string, ctx *Shape, f *jframe) jval {
	switch name {
	case "":
		if ctx == nil {
			return unknownVal
		}
		return jval{s: ctx}
	case "$":
		return unknownVal
	}
	if v, ok := f.lookup(name); ok {
		return v
	}
	if name == "states" && x.env.states != nil {
		return jval{s: x.env.states, def: true}
	}
	if s, ok := x.env.vars.get(name); ok {
		return jval{s: s}
	}
	return unknownVal
}

// flatOne is the shape of the values of v taken as a list, as a path step
// flattens them: an array's elements, anything else itself.
func flatOne(s *Shape) *Shape {
	var out *Shape
	for _, a := range norm(s).alternatives() {
		switch a.kind {
		case KindArray:
			out = join(out, a.elem)
		case KindTuple:
			for _, e := range a.elems {
				out = join(out, e)
			}
		default:
			out = join(out, a)
		}
	}
	return norm(out)
}

// mayBeArray reports whether values of shape s may be arrays.
func mayBeArray(s *Shape) bool {
	for _, a := range norm(s).alternatives() {
		switch a.kind {
		case KindArray, KindTuple, KindUnknown:
			return true
		}
	}
	return false
}

// manyOf is the value of a sequence of values of shape item: one value is
// itself, several an array.
func manyOf(item *Shape) *Shape {
	return Union(item, ArrayOf(item))
}

// jres is what one path step gives for one value: a value (one JSON value,
// possibly an array) and the items of a sequence (a lookup that mapped
// over an array, a filter); nil where there is none.
type jres struct {
	val, seq *Shape
}

func (r jres) add(o jres) jres {
	return jres{val: join(r.val, o.val), seq: join(r.seq, o.seq)}
}

// elements is the shape of the values a predicate considers.
func (r jres) elements() *Shape {
	var out *Shape
	if r.val != nil {
		out = flatOne(r.val)
	}
	if r.seq != nil {
		out = join(out, Union(r.seq, flatOne(r.seq)))
	}
	return norm(out)
}

// supported reports whether the analysis follows path p: not the paths
// that bind variables per value (focus and index bindings), group, or
// refer to ancestors.
func supported(p *jsonata.Path) bool {
	if p.Group != nil || p.Tuple {
		return false
	}
	for _, st := range p.Steps {
		if st.Focus != nil || st.Group != nil || st.Ancestor != "" {
			return false
		}
		if _, ok := st.Expr.(*jsonata.Parent); ok {
			return false
		}
		for _, sg := range st.Stages {
			if _, ok := sg.(*jsonata.Predicate); !ok {
				return false
			}
		}
	}
	return true
}

// jpath follows one JSONata path.
type jpath struct {
	x    *jx
	p    *jsonata.Path
	text string // the path as written, for messages; set on first use
	// whole is set when the path is the whole expression, whose value
	// fails the state when there is none: only then are paths that may
	// select nothing (an optional member, a nullable value) warned about.
	whole bool
}

func (w *jpath) pathText() string {
	if w.text == "" {
		w.text = jsonata.Format(w.p)
	}
	return w.text
}

// prefix names the value the first n steps select, for messages: the path
// up to there without its $states.input (or result, errorOutput, context)
// root.
func (w *jpath) prefix(n int) string {
	return shortName(&jsonata.Path{Steps: w.p.Steps[:n]})
}

// bare names the value step i selects before its predicates.
func (w *jpath) bare(i int) string {
	steps := append(append([]*jsonata.Step(nil), w.p.Steps[:i]...), &jsonata.Step{Expr: w.p.Steps[i].Expr})
	return shortName(&jsonata.Path{Steps: steps})
}

// shortName renders a path for a message, without its $states.input (or
// result, errorOutput, context) root.
func shortName(p *jsonata.Path) string {
	t := jsonata.Format(p)
	for _, r := range []string{"$states.input.", "$states.result.", "$states.errorOutput.", "$states.context."} {
		if s, ok := strings.CutPrefix(t, r); ok {
			return s
		}
	}
	return t
}

func (w *jpath) fail(format string, args ...string) {
	w.x.report(Error, w.pathText(), sprintf(format, args...))
}

func (w *jpath) warn(format string, args ...string) {
	if w.whole {
		w.x.report(Warning, w.pathText(), sprintf(format, args...))
	}
}

// path returns the value of a location path.
func (x *jx) path(p *jsonata.Path, ctx *Shape, f *jframe) jval {
	if !supported(p) {
		return unknownVal
	}
	w := &jpath{x: x, p: p, whole: p == x.root}
	var items *Shape // the values reached so far, arrays flattened
	one := true      // at most one of them
	def := true      // at least one of them
	keep := p.KeepSingletonArray
	for i, st := range p.Steps {
		last := i == len(p.Steps)-1
		if st.KeepArray {
			keep = true
		}
		if srt, ok := st.Expr.(*jsonata.Sort); ok {
			if items == nil {
				return unknownVal
			}
			for _, t := range srt.Terms {
				x.expr(t.Expr, items, f)
			}
			one, def = false, false
			if len(st.Stages) > 0 {
				r := w.stages(st, jres{seq: items}, i, f)
				items = r.seq
				if r.val != nil {
					items = join(items, flatOne(r.val))
				}
				items = norm(items)
			}
			if last {
				return w.finish(jres{seq: items}, false, keep, def)
			}
			continue
		}
		var r jres
		cons := false
		switch e := st.Expr.(type) {
		case *jsonata.Name, *jsonata.Wildcard, *jsonata.Descendants:
			if i == 0 {
				if ctx == nil {
					return unknownVal // no context value: nothing is selected, whatever the shapes
				}
				items = ctx
			}
			var ok, d bool
			r, d, ok = w.navigate(e, items, i)
			if !ok {
				return unknownVal
			}
			def = def && d && one
		default:
			_, cons = e.(*jsonata.Array)
			if i == 0 {
				v := x.expr(e, ctx, f)
				r, def = jres{val: v.s}, v.def
			} else {
				v := x.expr(e, items, f)
				r, def = jres{val: v.s}, def && v.def && one
			}
		}
		if len(st.Stages) > 0 {
			r = w.stages(st, r, i, f)
			def = false
		}
		if last {
			switch {
			case i == 0 && cons:
				return w.finish(jres{seq: flatOne(r.val)}, false, keep, def)
			case cons: // the arrays a constructor makes are not flattened
				return w.finish(jres{seq: r.val}, false, keep, def)
			}
			return w.finish(r, one, keep, def)
		}
		switch {
		case i == 0 && cons:
			items, one = flatOne(r.val), false
		case cons:
			items, one = r.val, false
		default:
			var next *Shape
			if r.val != nil {
				next = flatOne(r.val)
				one = one && !mayBeArray(r.val)
			}
			if r.seq != nil {
				next = join(next, r.seq)
				one = false
			}
			items = norm(next)
		}
	}
	return unknownVal
}

// finish returns the value of a path whose last step gave r for each value
// before it (one: for at most one value, as a single array is the path's
// value as it is).
func (w *jpath) finish(r jres, one, keep, def bool) jval {
	items := r.seq
	if r.val != nil {
		items = join(items, flatOne(r.val))
	}
	items = norm(items)
	if keep {
		return jval{s: ArrayOf(items), def: false}
	}
	var out *Shape
	if one {
		out = r.val
		if r.seq != nil {
			out = join(out, manyOf(r.seq))
		}
	} else {
		out = join(r.val, manyOf(items))
	}
	return jval{s: norm(out), def: def && r.seq == nil}
}

// navigate applies a field name, * or ** step to values of shape s. It
// returns what the step gives, whether it gives a value for each value,
// and false when it cannot give anything (reported).
func (w *jpath) navigate(e jsonata.Node, s *Shape, i int) (jres, bool, bool) {
	switch e := e.(type) {
	case *jsonata.Name:
		r, def, ok := w.lookup(s, e.Value, i)
		return r, def, ok
	case *jsonata.Wildcard:
		return jres{seq: wildcard(s)}, false, true
	}
	return jres{seq: unknownShape}, false, true
}

// wildcard is the shape of the values * selects from values of shape s:
// the members of objects, arrays flattened.
func wildcard(s *Shape) *Shape {
	var out *Shape
	var deep func(s *Shape, depth int) *Shape
	deep = func(s *Shape, depth int) *Shape {
		if depth > 8 {
			return unknownShape
		}
		var o *Shape
		for _, a := range s.alternatives() {
			switch a.kind {
			case KindArray:
				o = join(o, deep(a.elem, depth+1))
			case KindTuple:
				for _, e := range a.elems {
					o = join(o, deep(e, depth+1))
				}
			default:
				o = join(o, a)
			}
		}
		return o
	}
	for _, a := range norm(s).alternatives() {
		switch a.kind {
		case KindUnknown:
			return unknownShape
		case KindObject:
			for _, f := range a.fields {
				out = join(out, deep(f.Shape, 0))
			}
			if a.open {
				out = join(out, deep(a.elem, 0))
			}
		case KindArray, KindTuple:
			out = join(out, deep(a, 0))
		}
	}
	return norm(out)
}

// lookup applies field name to values of shape s, at step i. It reports a
// lookup that can never give a value as an error (a member a closed object
// lacks, a member of a scalar), and one that may not as a warning (an
// optional member, a value that may be null).
func (w *jpath) lookup(s *Shape, name string, i int) (jres, bool, bool) {
	r, def, fail, warns := lookupIn(s, name, 0)
	if fail != "" {
		w.fail(fail, w.prefix(i))
		return jres{}, false, false
	}
	for _, m := range warns {
		w.warn(m, w.prefix(i))
	}
	return r, def, true
}

// lookupIn is lookup without reporting: the messages have %s for the name
// of the value looked into.
func lookupIn(s *Shape, name string, depth int) (r jres, def bool, fail string, warns []string) {
	s = norm(s)
	if depth > 8 {
		return jres{seq: unknownShape}, false, "", nil
	}
	switch s.kind {
	case KindUnknown:
		return jres{val: unknownShape}, false, "", nil
	case KindObject:
		if f, ok := s.Field(name); ok {
			if f.Optional {
				warns = append(warns, "field "+strconv.Quote(name)+" of "+s.String()+" may be absent")
			}
			return jres{val: f.Shape}, !f.Optional, "", warns
		}
		if s.open {
			return jres{val: s.elem}, false, "", nil
		}
		return jres{}, false, "no field " + strconv.Quote(name) + " in " + s.String() + didYouMean(name, s), nil
	case KindArray, KindTuple:
		elems := []*Shape{s.elem}
		if s.kind == KindTuple {
			elems = s.elems
		}
		var out *Shape
		var first string
		for _, e := range elems {
			er, _, f, _ := lookupIn(e, name, depth+1)
			if f != "" {
				if first == "" {
					first = f
				}
				continue
			}
			if er.val != nil {
				out = join(out, flatOne(er.val))
			}
			if er.seq != nil {
				out = join(out, manyOf(er.seq))
			}
		}
		if out == nil && first != "" {
			return jres{}, false, first, nil
		}
		return jres{seq: norm(out)}, false, "", nil
	case KindUnion:
		var out jres
		var fails []string
		null, selected := false, false
		def = true
		for _, a := range s.elems {
			if a.kind == KindNull {
				null = true
				continue
			}
			ar, d, f, ws := lookupIn(a, name, depth)
			if f != "" {
				fails = append(fails, f)
				continue
			}
			selected = true
			def = def && d
			out = out.add(ar)
			warns = append(warns, ws...)
		}
		switch {
		case !selected && len(fails) > 0:
			return jres{}, false, fails[0], nil
		case !selected:
			return jres{}, false, "%s is null", nil
		}
		var pre []string
		if null {
			pre = append(pre, "%s may be null")
		}
		if len(fails) > 0 {
			pre = append(pre, "may be absent: "+fails[0])
		}
		return out, def && !null && len(fails) == 0, "", append(pre, warns...)
	case KindNull:
		return jres{}, false, "%s is null, not an object", nil
	}
	return jres{}, false, "%s is " + s.String() + ", not an object", nil
}

// stages applies step st's predicates to r, the step's result for one
// value (step i).
func (w *jpath) stages(st *jsonata.Step, r jres, i int, f *jframe) jres {
	for _, sg := range st.Stages {
		r = w.x.predicate(sg.(*jsonata.Predicate), r, f, func() string { return w.bare(i) }, w.pathText)
	}
	return r
}

// predicate applies a [predicate] to r: a number literal selects by index,
// anything else filters (and is analyzed with each value as context).
func (x *jx) predicate(p *jsonata.Predicate, r jres, f *jframe, name, text func() string) jres {
	n, isNum := p.Expr.(*jsonata.Number)
	if !isNum {
		el := r.elements()
		x.expr(p.Expr, el, f)
		return jres{seq: el}
	}
	idx := int(math.Floor(n.Value))
	if r.seq == nil && r.val != nil && r.val.kind == KindTuple {
		j := idx
		if j < 0 {
			j += len(r.val.elems)
		}
		if j < 0 || j >= len(r.val.elems) {
			x.report(Error, text(), sprintf("%s has %s elements, so no index %s", name(), strconv.Itoa(len(r.val.elems)), strconv.Itoa(idx)))
			return jres{val: unknownShape}
		}
		return jres{val: r.val.elems[j]}
	}
	if (idx == 0 || idx == -1) || r.seq != nil {
		return jres{val: r.elements()}
	}
	var out *Shape
	for _, a := range norm(r.val).alternatives() {
		switch a.kind {
		case KindArray:
			out = join(out, a.elem)
		case KindTuple:
			out = join(out, flatOne(a))
		case KindUnknown:
			return jres{val: unknownShape}
		}
	}
	if out == nil {
		x.report(Error, text(), sprintf("%s is %s, not an array", name(), r.val.String()))
		return jres{val: unknownShape}
	}
	return jres{val: out}
}

// postfix returns the value of an expression followed by predicates, []
// or a grouping.
func (x *jx) postfix(n *jsonata.Postfix, ctx *Shape, f *jframe) jval {
	v := x.expr(n.Expr, ctx, f)
	if n.Group != nil {
		return unknownVal
	}
	r := jres{val: v.s}
	text := func() string { return jsonata.Format(n) }
	name := func() string { return jsonata.Format(n.Expr) }
	for _, sg := range n.Stages {
		if p, ok := sg.(*jsonata.Predicate); ok {
			r = x.predicate(p, r, f, name, text)
		}
	}
	if n.KeepArray {
		return jval{s: ArrayOf(r.elements())}
	}
	if len(n.Stages) == 0 {
		return v
	}
	out := r.val
	if r.seq != nil {
		out = join(out, manyOf(r.seq))
	}
	return jval{s: norm(out)}
}

// binary returns the value of a binary operator expression.
func (x *jx) binary(n *jsonata.Binary, ctx *Shape, f *jframe) jval {
	l := x.expr(n.Lhs, ctx, f)
	r := x.expr(n.Rhs, ctx, f)
	switch n.Op {
	case jsonata.OpAdd, jsonata.OpSub, jsonata.OpMul, jsonata.OpMod:
		if l.s.kind == KindInteger && r.s.kind == KindInteger {
			return jval{s: integerShape, def: l.def && r.def}
		}
		return jval{s: numberShape, def: l.def && r.def}
	case jsonata.OpDiv:
		return jval{s: numberShape, def: l.def && r.def}
	case jsonata.OpEq, jsonata.OpNe, jsonata.OpAnd, jsonata.OpOr, jsonata.OpIn:
		return jval{s: boolShape, def: true}
	case jsonata.OpLt, jsonata.OpLe, jsonata.OpGt, jsonata.OpGe:
		return jval{s: boolShape}
	case jsonata.OpConcat:
		return jval{s: stringShape, def: true}
	case jsonata.OpDefault, jsonata.OpCoalesce:
		return jval{s: Union(l.s, r.s), def: r.def}
	}
	return unknownVal
}

// array returns the value of an array constructor: its items' values,
// arrays spread except those built by a nested constructor.
func (x *jx) array(n *jsonata.Array, ctx *Shape, f *jframe) jval {
	var elem *Shape
	for _, it := range n.Items {
		switch it := it.(type) {
		case *jsonata.Range:
			x.expr(it.Lo, ctx, f)
			x.expr(it.Hi, ctx, f)
			elem = join(elem, integerShape)
		case *jsonata.Array:
			elem = join(elem, x.expr(it, ctx, f).s)
		default:
			elem = join(elem, flatOne(x.expr(it, ctx, f).s))
		}
	}
	return jval{s: ArrayOf(elem), def: true}
}

// object returns the value of an object constructor. A member whose value
// may be undefined is optional (the constructor leaves it out); a member
// with a computed name makes the object open (a computed name equal to a
// listed one fails the expression, so the listed members keep their
// shapes).
func (x *jx) object(n *jsonata.Object, ctx *Shape, f *jframe) jval {
	var fields []Field
	open := false
	for _, p := range n.Pairs {
		k, lit := p.Key.(*jsonata.String)
		if !lit {
			x.expr(p.Key, ctx, f)
			open = true
		}
		v := x.expr(p.Value, ctx, f)
		if lit {
			fields = append(fields, Field{Name: k.Value, Shape: v.s, Optional: !v.def})
		}
	}
	return jval{s: ObjectOf(fields, open), def: true}
}

// lambda analyzes a function's body with parameters of the given shapes
// (Unknown where none is given) and returns the shape of its result. The
// parameters a built-in function passes are always given.
func (x *jx) lambda(l *jsonata.Lambda, ctx *Shape, f *jframe, params []*Shape) jval {
	inner := f.child()
	for i, p := range l.Params {
		v := unknownVal
		if i < len(params) && params[i] != nil && l.Signature == nil {
			v = jval{s: params[i], def: true}
		}
		inner.set(p.Name, v)
	}
	return x.expr(l.Body, ctx, inner)
}

// call returns the value of a function call; pre, when set, is the value
// inserted as the first argument by the ~> operator.
func (x *jx) call(c *jsonata.Call, ctx *Shape, f *jframe, pre jsonata.Node) jval {
	argNodes := c.Args
	if pre != nil {
		argNodes = append([]jsonata.Node{pre}, c.Args...)
	}
	name := ""
	if v, ok := c.Func.(*jsonata.Variable); ok && v.Name != "" && v.Name != "$" {
		if _, local := f.lookup(v.Name); !local {
			if _, wf := x.env.vars.get(v.Name); !wf {
				name = v.Name
			}
		}
	}
	if name == "" || c.Partial() {
		x.expr(c.Func, ctx, f)
		for _, a := range argNodes {
			x.expr(a, ctx, f)
		}
		return unknownVal
	}
	if name == "exists" {
		x.soft++
	}
	args := make([]jval, len(argNodes))
	hof := hofParams[name]
	for i, a := range argNodes {
		if _, ok := a.(*jsonata.Lambda); ok && hof != nil && i == 1 {
			continue // analyzed below, with its parameters' shapes
		}
		args[i] = x.expr(a, ctx, f)
	}
	if name == "exists" {
		x.soft--
	}
	if hof != nil && len(argNodes) > 1 {
		if l, ok := argNodes[1].(*jsonata.Lambda); ok {
			args[1] = x.lambda(l, ctx, f, hof(args[0].s))
		}
	}
	return builtin(name, args)
}

// hofParams gives, for the built-in functions that call a function given
// as their second argument, the shapes of that function's parameters from
// the shape of the first argument.
var hofParams = map[string]func(s *Shape) []*Shape{
	"map":    func(s *Shape) []*Shape { return []*Shape{flatOne(s), integerShape, ArrayOf(flatOne(s))} },
	"filter": func(s *Shape) []*Shape { return []*Shape{flatOne(s), integerShape, ArrayOf(flatOne(s))} },
	"single": func(s *Shape) []*Shape { return []*Shape{flatOne(s), integerShape, ArrayOf(flatOne(s))} },
	"sort":   func(s *Shape) []*Shape { return []*Shape{flatOne(s), flatOne(s)} },
	"reduce": func(s *Shape) []*Shape { return []*Shape{unknownShape, flatOne(s), integerShape, ArrayOf(flatOne(s))} },
	"each":   func(s *Shape) []*Shape { return []*Shape{unknownShape, stringShape, s} },
	"sift":   func(s *Shape) []*Shape { return []*Shape{unknownShape, stringShape, s} },
}

// builtin returns the value of a call of a built-in function of JSONata or
// Step Functions with arguments args; Unknown for any other name.
func builtin(name string, args []jval) jval {
	arg := func(i int) *Shape {
		if i < len(args) && args[i].s != nil {
			return args[i].s
		}
		return unknownShape
	}
	numeric := func(s *Shape) *Shape {
		if flatOne(s).kind == KindInteger {
			return integerShape
		}
		return numberShape
	}
	switch name {
	case "count":
		return jval{s: integerShape, def: true}
	case "exists":
		return jval{s: boolShape, def: true}
	case "sum":
		return jval{s: numeric(arg(0))}
	case "max", "min":
		return jval{s: numeric(arg(0))}
	case "average", "number", "abs", "power", "sqrt", "random":
		return jval{s: numberShape, def: name == "random"}
	case "floor", "ceil", "length", "millis", "toMillis", "parseInteger":
		return jval{s: integerShape, def: name == "millis"}
	case "round":
		if len(args) <= 1 {
			return jval{s: integerShape}
		}
		return jval{s: numberShape}
	case "string", "substring", "substringBefore", "substringAfter", "uppercase", "lowercase",
		"trim", "pad", "join", "replace", "formatNumber", "formatBase", "formatInteger",
		"encodeUrl", "encodeUrlComponent", "decodeUrl", "decodeUrlComponent",
		"base64encode", "base64decode", "type", "hash", "uuid":
		return jval{s: stringShape, def: name == "uuid"}
	case "now":
		if len(args) == 0 {
			return jval{s: timestampShape, def: true}
		}
		return jval{s: stringShape}
	case "fromMillis":
		if len(args) <= 1 {
			return jval{s: timestampShape}
		}
		return jval{s: stringShape}
	case "boolean", "not", "contains":
		return jval{s: boolShape}
	case "split":
		return jval{s: ArrayOf(stringShape)}
	case "keys":
		return jval{s: manyOf(stringShape)}
	case "append":
		return jval{s: Union(arg(0), arg(1), ArrayOf(Union(flatOne(arg(0)), flatOne(arg(1)))))}
	case "reverse", "shuffle", "sort":
		return jval{s: ArrayOf(flatOne(arg(0)))}
	case "distinct":
		return jval{s: Union(arg(0), ArrayOf(flatOne(arg(0))))}
	case "zip":
		var e *Shape
		for i := range args {
			e = join(e, flatOne(arg(i)))
		}
		return jval{s: ArrayOf(ArrayOf(e)), def: true}
	case "map":
		return jval{s: manyOf(arg(1))}
	case "filter":
		return jval{s: manyOf(flatOne(arg(0)))}
	case "single":
		return jval{s: flatOne(arg(0))}
	case "partition":
		return jval{s: ArrayOf(ArrayOf(flatOne(arg(0))))}
	case "range":
		return jval{s: manyOf(numberShape)} // a sequence: one number is itself
	case "clone":
		return jval{s: arg(0)}
	}
	return unknownVal
}
