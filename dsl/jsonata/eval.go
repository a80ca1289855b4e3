package jsonata

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// This file holds the evaluator's core: value representation, sequences,
// paths, operators, bindings and function calls; tuple.go holds the
// paths that bind variables, funcs*.go the built-in functions.
//
// Values inside the evaluator are the jsonvalue types (nil for null, bool,
// string, jsonvalue.Number, []any, *jsonvalue.Object) plus float64 for
// numbers computed here, *sequence for JSONata sequences, Function values
// and undefined, the absence of a value.

// undefinedType is the type of undefined.
type undefinedType struct{}

// undefined is JSONata's undefined: no value at all.
var undefined = &undefinedType{}

// sequence is a JSONata sequence: the result of mapping a path step over
// several values. A sequence of one value stands for that value unless
// keepSingleton is set (the [] operator).
type sequence struct {
	items         []any
	keepSingleton bool
}

// Function is a callable JSONata value: a lambda or a built-in function.
type Function interface {
	arity() int
	call(ev *evaluator, args []any, input any, pos int) (any, error)
}

// RuntimeError is an error raised while evaluating an expression. Code is
// the reference implementation's code for the same problem (T2001, D3030,
// ...); Offset is the byte offset in the expression.
type RuntimeError struct {
	Code   string
	Offset int
	Msg    string
}

// Error returns the code, the message and the column.
func (e *RuntimeError) Error() string {
	return fmt.Sprintf("%s: %s at column %d", e.Code, e.Msg, e.Offset+1)
}

func rterr(code string, pos int, format string, args ...any) *RuntimeError {
	return &RuntimeError{Code: code, Offset: pos, Msg: fmt.Sprintf(format, args...)}
}

// env is a chain of variable bindings.
type env struct {
	vars   map[string]any
	ext    Vars // the caller's variables, under vars (top level only)
	parent *env
}

func (e *env) lookup(name string) (any, bool) {
	for ; e != nil; e = e.parent {
		if v, ok := e.vars[name]; ok {
			return v, true
		}
		if e.ext != nil {
			if v, ok := e.ext.Var(name); ok {
				return v, true
			}
		}
	}
	return nil, false
}

// Vars supplies the values of variables that an expression reads but does
// not bind itself, such as the workflow variables of a Step Functions
// state. Var returns a jsonvalue value (or a Function), and ok=false for
// a name it does not define; built-in functions are looked up after it.
type Vars interface {
	Var(name string) (v any, ok bool)
}

// NoInput is the input of an evaluation that has none: the context value
// "$" is then undefined, as in a Step Functions state, where the state's
// input is $states.input.
var NoInput any = undefined

func (e *env) child() *env { return &env{vars: map[string]any{}, parent: e} }

type evaluator struct {
	root      any
	top       *env // the evaluation's variables, over the built-ins
	callEnv   *env // the environment of the call being made, for $eval
	callInput any  // the context value of the built-in being called
	depth     int
	maxDepth  int
	deadline  time.Time       // zero: none
	done      <-chan struct{} // nil: none
	now       time.Time       // the instant $now and $millis report, fixed at first use
	steps     int
}

// Limits bounds an evaluation. Zero fields take the defaults.
type Limits struct {
	// MaxDepth bounds the nesting of evaluation (expressions within
	// expressions, non-tail function calls); beyond it evaluation fails
	// with U1001. Default 2000.
	MaxDepth int
	// Timeout bounds the evaluation's run time; beyond it evaluation fails
	// with U1001. Default: none.
	Timeout time.Duration
	// Done, when it is closed, stops the evaluation with U1001, as a
	// timeout does: pass a context's Done channel to stop an evaluation
	// whose caller gave up on it. Default: none.
	Done <-chan struct{}
	// Now is the instant that $now and $millis report and that $toMillis
	// defaults from, such as a simulator's virtual clock. Default: the wall
	// clock when the evaluation first asks for it.
	Now time.Time
}

// defaultMaxDepth is the default of Limits.MaxDepth.
const defaultMaxDepth = 2000

// Evaluate evaluates the expression against input (a jsonvalue value) with
// the given variable bindings, which may hold jsonvalue values or Function
// values. The result is a jsonvalue value, or ok=false when the expression
// produces nothing (JSONata's undefined). An Expr is safe for concurrent
// use by several evaluations.
func (e *Expr) Evaluate(input any, bindings map[string]any) (result any, ok bool, err error) {
	return e.EvaluateWith(input, bindings, Limits{})
}

// EvaluateWith is Evaluate with limits on depth and time.
func (e *Expr) EvaluateWith(input any, bindings map[string]any, lim Limits) (result any, ok bool, err error) {
	return e.evaluate(input, bindings, nil, lim)
}

// EvaluateVars is EvaluateWith with variables supplied by vars rather than
// copied from a map, for callers that keep their variables elsewhere.
// input may be NoInput.
func (e *Expr) EvaluateVars(input any, vars Vars, lim Limits) (result any, ok bool, err error) {
	return e.evaluate(input, nil, vars, lim)
}

func (e *Expr) evaluate(input any, bindings map[string]any, vars Vars, lim Limits) (result any, ok bool, err error) {
	defer func() {
		// A panic is a bug in this package; report it as an error rather
		// than take the caller down.
		if r := recover(); r != nil {
			result, ok, err = nil, false, rterr("U1000", 0, "internal error evaluating %q: %v", e.Source, r)
		}
	}()
	ev := &evaluator{root: input, maxDepth: lim.MaxDepth, done: lim.Done, now: lim.Now}
	if ev.maxDepth <= 0 {
		ev.maxDepth = defaultMaxDepth
	}
	if lim.Timeout > 0 {
		ev.deadline = time.Now().Add(lim.Timeout)
	}
	top := &env{vars: make(map[string]any, len(bindings)), ext: vars, parent: builtins()}
	for k, v := range bindings {
		top.vars[k] = v
	}
	ev.top = top
	v, err := ev.eval(e.Root, input, top)
	if err != nil {
		return nil, false, err
	}
	v = finish(v)
	if v == undefined {
		return nil, false, nil
	}
	out, err := toJSON(v, e.Root.Pos())
	if err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// finish collapses a sequence result: empty is undefined, a singleton is
// its value unless kept.
func finish(v any) any {
	if ts, ok := v.(*tupleSeq); ok {
		v = ts.values()
	}
	if s, ok := v.(*sequence); ok {
		switch {
		case len(s.items) == 0:
			return undefined
		case len(s.items) == 1 && !s.keepSingleton:
			return s.items[0]
		}
		return s.items
	}
	return v
}

// toJSON converts an evaluator value to a jsonvalue value.
func toJSON(v any, pos int) (any, error) {
	switch v := v.(type) {
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, rterr("D1001", pos, "number out of range: %v", v)
		}
		return jsonvalue.Number(jsNumber(v, false)), nil
	case *sequence:
		return toJSON(finish(v), pos)
	case []any:
		out := make([]any, 0, len(v))
		for _, x := range v {
			x = finish(x)
			if x == undefined {
				continue
			}
			if _, isFn := x.(Function); isFn {
				out = append(out, "")
				continue
			}
			j, err := toJSON(x, pos)
			if err != nil {
				return nil, err
			}
			out = append(out, j)
		}
		return out, nil
	case *jsonvalue.Object:
		out := jsonvalue.NewObject(v.Len())
		for k, x := range v.All() {
			x = finish(x)
			if x == undefined {
				continue
			}
			if _, isFn := x.(Function); isFn {
				out.Set(k, "")
				continue
			}
			j, err := toJSON(x, pos)
			if err != nil {
				return nil, err
			}
			out.Set(k, j)
		}
		return out, nil
	case Function:
		return "", nil
	}
	return v, nil
}

// jsNumber writes a number the way JavaScript does (integers without a
// fraction below 1e21, exponents as e+21 or e-7). With round, it first
// rounds to 15 significant digits, as JSONata does when it turns numbers
// into strings.
func jsNumber(f float64, round bool) string {
	if g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64); err == nil && round {
		f = g
	}
	return jsNumberString(f)
}

// roundNumbers rounds every number in v to 15 significant digits, as
// JSONata does before it writes a value as a string.
func roundNumbers(v any) any {
	switch v := v.(type) {
	case float64, jsonvalue.Number:
		f, _ := num(v)
		if f == math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
			return f
		}
		g, _ := strconv.ParseFloat(jsNumber(f, true), 64)
		return g
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = roundNumbers(x)
		}
		return out
	case *jsonvalue.Object:
		out := jsonvalue.NewObject(v.Len())
		for k, x := range v.All() {
			out.Set(k, roundNumbers(x))
		}
		return out
	}
	return v
}

// num returns v as a float64 when it is a number.
func num(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case jsonvalue.Number:
		return v.Float64(), true
	}
	return 0, false
}

// items returns the values of v as a list: a sequence's items, an array's
// elements, nothing for undefined, else v alone.
func items(v any) []any {
	switch v := v.(type) {
	case *sequence:
		return v.items
	case *tupleSeq:
		return v.values().items
	case []any:
		return v
	case *undefinedType:
		return nil
	}
	return []any{v}
}

func truthy(v any) bool {
	v = finish(v)
	switch v := v.(type) {
	case *undefinedType, nil:
		return false
	case bool:
		return v
	case string:
		return v != ""
	case float64, jsonvalue.Number:
		f, _ := num(v)
		return f != 0
	case []any:
		for _, x := range v {
			if truthy(x) {
				return true
			}
		}
		return false
	case *jsonvalue.Object:
		return v.Len() > 0
	case Function:
		return false
	}
	return true
}

func (ev *evaluator) eval(n Node, input any, e *env) (any, error) {
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > ev.maxDepth {
		return nil, rterr("U1001", n.Pos(), "stack overflow: check for non-terminating recursive function; consider rewriting it as tail-recursive")
	}
	if ev.steps++; ev.steps&1023 == 0 {
		if err := ev.stopped(n.Pos()); err != nil {
			return nil, err
		}
	}
	switch n := n.(type) {
	case *Number:
		return n.Value, nil
	case *String:
		return n.Value, nil
	case *Bool:
		return n.Value, nil
	case *Null:
		return nil, nil
	case *Variable:
		switch n.Name {
		case "":
			return input, nil
		case "$":
			return ev.root, nil
		}
		if v, ok := e.lookup(n.Name); ok {
			return v, nil
		}
		return undefined, nil
	case *Path:
		return ev.path(n, input, e)
	case *Name:
		return lookup(input, n.Value), nil
	case *Wildcard:
		var out []any
		in := []any{input}
		if s, ok := input.(*sequence); ok {
			in = s.items
		}
		for _, x := range in {
			// An array's fields are its members.
			if arr, ok := x.([]any); ok {
				out = append(out, flatten(arr)...)
			} else if o, ok := x.(*jsonvalue.Object); ok {
				for _, v := range o.All() {
					if arr, isArr := v.([]any); isArr {
						out = append(out, flatten(arr)...)
					} else {
						out = append(out, v)
					}
				}
			}
		}
		return &sequence{items: out}, nil
	case *Descendants:
		var out []any
		descend(input, &out)
		return &sequence{items: out}, nil
	case *Negate:
		v, err := ev.eval(n.Expr, input, e)
		if err != nil {
			return nil, err
		}
		v = finish(v)
		if v == undefined {
			return undefined, nil
		}
		f, ok := num(v)
		if !ok {
			return nil, rterr("D1002", n.Offset, "cannot negate a non-numeric value")
		}
		return -f, nil
	case *Binary:
		return ev.binary(n, input, e)
	case *Condition:
		c, err := ev.eval(n.Cond, input, e)
		if err != nil {
			return nil, err
		}
		if truthy(c) {
			return ev.eval(n.Then, input, e)
		}
		if n.Else == nil {
			return undefined, nil
		}
		return ev.eval(n.Else, input, e)
	case *Block:
		inner := e.child()
		var v any = undefined
		for _, x := range n.Exprs {
			var err error
			if v, err = ev.eval(x, input, inner); err != nil {
				return nil, err
			}
		}
		return v, nil
	case *Bind:
		v, err := ev.eval(n.Value, input, e)
		if err != nil {
			return nil, err
		}
		e.vars[n.Var.Name] = v
		return v, nil
	case *Array:
		if len(n.Items) == 1 {
			if r, ok := n.Items[0].(*Range); ok {
				// [lo..hi]: the range's fresh array is the result; copying
				// it would double the cost of a large range.
				return ev.rangeOp(r, input, e)
			}
		}
		out := []any{}
		for _, x := range n.Items {
			v, err := ev.eval(x, input, e)
			if err != nil {
				return nil, err
			}
			if _, isArr := x.(*Array); isArr {
				out = append(out, finish(v))
				continue
			}
			out = append(out, items(finish(v))...)
		}
		return out, nil
	case *Range:
		return ev.rangeOp(n, input, e)
	case *Object:
		return ev.object(n.Pairs, input, e)
	case *Lambda:
		return &lambda{node: n, env: e, input: input}, nil
	case *Call:
		return ev.callNode(n, input, e)
	case *Postfix:
		return ev.postfix(n, input, e)
	case *Regex:
		return ev.regexValue(n)
	case *Parent:
		if v, ok := e.lookup(n.Label); ok && n.Label != "" {
			return v, nil
		}
		return undefined, nil
	case *Transform:
		return &transformer{node: n, env: e}, nil
	case *Apply:
		return ev.apply(n, input, e)
	}
	return nil, rterr("U1002", n.Pos(), "%T is not evaluated yet", n)
}

// path evaluates a location path: each step maps over the values of the
// previous one and the results are flattened into one sequence.
func (ev *evaluator) path(p *Path, input any, e *env) (any, error) {
	if needsTuples(p) {
		return ev.tuplePath(p, input, e)
	}
	var cur []any
	if s, ok := input.(*sequence); ok {
		cur = s.items
	} else if input == undefined {
		cur = nil
	} else {
		cur = []any{input}
	}
	keep := p.KeepSingletonArray
	for i, st := range p.Steps {
		if srt, isSort := st.Expr.(*Sort); isSort {
			sorted, err := ev.sortBy(srt, cur, e)
			if err != nil {
				return nil, err
			}
			v, err := ev.stages(st, &sequence{items: sorted}, e)
			if err != nil {
				return nil, err
			}
			cur = items(v)
			continue
		}
		// The first step of a path that starts with a variable, literal or
		// constructor is evaluated once against the input, not per value.
		ins := cur
		if i == 0 && !isNavigational(st.Expr) {
			ins = []any{input}
		}
		var results []any
		for _, x := range ins {
			v, err := ev.eval(st.Expr, x, e)
			if err != nil {
				return nil, err
			}
			if v, err = ev.stages(st, v, e); err != nil {
				return nil, err
			}
			if s, isSeq := v.(*sequence); isSeq && len(s.items) == 0 || v == undefined {
				continue
			}
			results = append(results, v)
		}
		_, cons := st.Expr.(*Array)
		var next []any
		if i == 0 && cons {
			// A path that starts with an array constructor maps the
			// following steps over the array's members.
			for _, r := range results {
				next = append(next, items(finish(r))...)
			}
		} else if arr, isArr := singleArray(results); isArr && i == len(p.Steps)-1 && !cons {
			// A path whose last step selects one array gives that array,
			// even when it has a single member.
			next, keep = arr, true
			if len(arr) == 0 && st.Group == nil && p.Group == nil {
				// An empty array is a value, not an empty sequence:
				// {"items": []}.items is [], not undefined.
				return []any{}, nil
			}
		} else {
			// Each step's results are flattened one level, except arrays
			// that an array constructor made.
			for _, r := range results {
				switch r := r.(type) {
				case *sequence:
					next = append(next, r.items...)
				case []any:
					if cons {
						next = append(next, r)
					} else {
						next = append(next, r...)
					}
				default:
					next = append(next, r)
				}
			}
		}
		if st.Group != nil {
			// A grouping on the first step applies to that step's values.
			g, err := ev.group(st.Group, next, e)
			if err != nil {
				return nil, err
			}
			next = []any{g}
		}
		if st.KeepArray {
			keep = true
		}
		cur = next
	}
	if p.Group != nil {
		return ev.group(p.Group, cur, e)
	}
	return &sequence{items: cur, keepSingleton: keep}, nil
}

// postfix evaluates an expression followed by predicates, [] or a
// grouping.
func (ev *evaluator) postfix(n *Postfix, input any, e *env) (any, error) {
	// A focus binding on an expression that no step follows binds a
	// variable nothing can read; the value is the expression's own.
	v, err := ev.eval(n.Expr, input, e)
	if err != nil {
		return nil, err
	}
	for _, sg := range n.Stages {
		if v, err = ev.filter(sg.(*Predicate), v, e); err != nil {
			return nil, err
		}
	}
	if n.Group != nil {
		return ev.group(n.Group, items(finish(v)), e)
	}
	if n.KeepArray {
		return &sequence{items: items(finish(v)), keepSingleton: true}, nil
	}
	return v, nil
}

// group evaluates a grouping object constructor over a sequence: values
// are grouped by each pair's key, and the pair's value is evaluated with
// the group as context.
func (ev *evaluator) group(g *Group, in []any, e *env) (any, error) {
	return ev.groupWith(g, in, nil, e)
}

// groupWith groups values each evaluated in its own environment (envs[i]
// for in[i]; e for all when envs is nil).
func (ev *evaluator) groupWith(g *Group, in []any, binds []map[string]any, e *env) (any, error) {
	type bucket struct {
		pair    int
		members []int
	}
	var order []string
	groups := map[string]*bucket{}
	if len(in) == 0 {
		in = []any{undefined}
		if binds != nil {
			binds = []map[string]any{nil}
		}
	}
	envOf := func(i int) *env {
		if binds == nil {
			return e
		}
		return tupleEnv(e, binds[i])
	}
	for xi, x := range in {
		xe := envOf(xi)
		for i, p := range g.Pairs {
			k, err := ev.eval(p.Key, x, xe)
			if err != nil {
				return nil, err
			}
			k = finish(k)
			if k == undefined {
				continue
			}
			ks, ok := k.(string)
			if !ok {
				return nil, rterr("T1003", p.Key.Pos(), "key in object structure must evaluate to a string; got: %s", jsonKind(k))
			}
			b, seen := groups[ks]
			if !seen {
				groups[ks] = &bucket{pair: i, members: []int{xi}}
				order = append(order, ks)
				continue
			}
			if b.pair != i {
				return nil, rterr("D1009", p.Key.Pos(), "multiple key definitions evaluate to same key: %q", ks)
			}
			b.members = append(b.members, xi)
		}
	}
	out := jsonvalue.NewObject(len(order))
	for _, k := range order {
		b := groups[k]
		// The group's value is evaluated with the group's values as context
		// and, in a tuple stream, each variable bound to the values it has
		// across the group.
		var ctx any = undefined
		var merged map[string]any
		for _, m := range b.members {
			ctx = appendValues(ctx, in[m])
			if binds != nil {
				if merged == nil {
					merged = make(map[string]any, len(binds[m]))
					for name, v := range binds[m] {
						merged[name] = v
					}
					continue
				}
				for name, v := range binds[m] {
					acc, ok := merged[name]
					if !ok {
						acc = undefined
					}
					merged[name] = appendValues(acc, v)
				}
			}
		}
		ge := e
		if binds != nil {
			ge = tupleEnv(e, merged)
		}
		v, err := ev.eval(g.Pairs[b.pair].Value, ctx, ge)
		if err != nil {
			return nil, err
		}
		if v = finish(v); v != undefined {
			out.Set(k, v)
		}
	}
	return out, nil
}

// appendValues is $append for values being collected, starting from
// undefined: the first value as it is, then a sequence of all of them,
// arrays contributing their members.
func appendValues(acc, v any) any {
	if acc == undefined {
		return v
	}
	out := append(append([]any{}, items(acc)...), items(v)...)
	return &sequence{items: out}
}

func jsonKind(v any) string {
	switch v.(type) {
	case float64:
		return "number"
	case Function:
		return "function"
	}
	return jsonvalue.Kind(v)
}

// sortBy sorts a sequence by the order-by terms, stably.
func (ev *evaluator) sortBy(s *Sort, in []any, e *env) ([]any, error) {
	envs := make([]*env, len(in))
	for i := range envs {
		envs[i] = e
	}
	order, err := ev.sortOrder(s, in, envs)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(in))
	for i, k := range order {
		out[i] = in[k]
	}
	return out, nil
}

// sortOrder returns the order of in sorted by the order-by terms, stably;
// in[i] is evaluated in envs[i].
func (ev *evaluator) sortOrder(s *Sort, in []any, envs []*env) ([]int, error) {
	keys := make([][]any, len(in))
	for i, x := range in {
		keys[i] = make([]any, len(s.Terms))
		for j, t := range s.Terms {
			v, err := ev.eval(t.Expr, x, envs[i])
			if err != nil {
				return nil, err
			}
			keys[i][j] = finish(v)
		}
	}
	// Check the types of each term's keys.
	for j, t := range s.Terms {
		kind := ""
		for i := range in {
			k := keys[i][j]
			if k == undefined {
				continue
			}
			var kk string
			if _, ok := num(k); ok {
				kk = "number"
			} else if _, ok := k.(string); ok {
				kk = "string"
			} else {
				return nil, rterr("T2008", t.Expr.Pos(), "the expressions within an order-by clause must evaluate to numeric or string values")
			}
			if kind != "" && kind != kk {
				return nil, rterr("T2007", t.Expr.Pos(), "type mismatch within order-by clause: all values must be of the same type")
			}
			kind = kk
		}
	}
	idx := make([]int, len(in))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		for j, t := range s.Terms {
			x, y := keys[idx[a]][j], keys[idx[b]][j]
			if x == undefined || y == undefined {
				if x == y {
					continue
				}
				return y == undefined
			}
			var c int
			if xf, ok := num(x); ok {
				yf, _ := num(y)
				switch {
				case xf < yf:
					c = -1
				case xf > yf:
					c = 1
				}
			} else {
				c = strings.Compare(x.(string), y.(string))
			}
			if c == 0 {
				continue
			}
			if t.Descending {
				c = -c
			}
			return c < 0
		}
		return false
	})
	return idx, nil
}

// singleArray returns the array when results is exactly one array (not a
// sequence).
func singleArray(results []any) ([]any, bool) {
	if len(results) != 1 {
		return nil, false
	}
	arr, ok := results[0].([]any)
	return arr, ok
}

// isNavigational reports whether a step expression navigates the context
// value (a field name, wildcard or descendants).
func isNavigational(n Node) bool {
	switch n.(type) {
	case *Name, *Wildcard, *Descendants:
		return true
	}
	return false
}

// lookup selects a field of an object, or of every object in an array.
func lookup(v any, name string) any {
	switch v := v.(type) {
	case *jsonvalue.Object:
		if x, ok := v.Get(name); ok {
			return x
		}
	case []any:
		var out []any
		for _, x := range v {
			r := lookup(x, name)
			if arr, isArr := r.([]any); isArr {
				out = append(out, arr...)
			} else if r != undefined {
				out = append(out, r)
			}
		}
		return &sequence{items: out}
	case *sequence:
		return lookup(v.items, name)
	}
	return undefined
}

// descend appends v and all values nested in it, arrays flattened.
func descend(v any, out *[]any) {
	if arr, ok := v.([]any); ok {
		for _, x := range arr {
			descend(x, out)
		}
		return
	}
	if v == undefined {
		return
	}
	*out = append(*out, v)
	if o, ok := v.(*jsonvalue.Object); ok {
		for _, x := range o.All() {
			descend(x, out)
		}
	}
}

func flatten(a []any) []any {
	var out []any
	for _, x := range a {
		if arr, ok := x.([]any); ok {
			out = append(out, flatten(arr)...)
			continue
		}
		out = append(out, x)
	}
	return out
}

// stages applies a step's predicates to its values.
func (ev *evaluator) stages(st *Step, v any, e *env) (any, error) {
	for _, sg := range st.Stages {
		p, ok := sg.(*Predicate)
		if !ok {
			return nil, rterr("U1002", sg.Pos(), "index bindings are not evaluated yet")
		}
		var err error
		if v, err = ev.filter(p, v, e); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// filter applies one predicate: a number selects by index (negative counts
// from the end), anything else keeps the values for which it is truthy.
func (ev *evaluator) filter(p *Predicate, v any, e *env) (any, error) {
	in := items(finish(v))
	if n, ok := p.Expr.(*Number); ok {
		i := int(math.Floor(n.Value))
		if i < 0 {
			i += len(in)
		}
		if i < 0 || i >= len(in) {
			return undefined, nil
		}
		return in[i], nil
	}
	var out []any
	for i, x := range in {
		r, err := ev.eval(p.Expr, x, e)
		if err != nil {
			return nil, err
		}
		if keeps(finish(r), i, len(in)) {
			out = append(out, x)
		}
	}
	return &sequence{items: out}, nil
}

// keeps reports whether a predicate whose value is r keeps the i-th of n
// values: a number keeps the value at that index (negative counts from the
// end), an array of numbers the values at any of them, anything else the
// values for which it is truthy.
func keeps(r any, i, n int) bool {
	at := func(f float64) bool {
		idx := int(math.Floor(f))
		if idx < 0 {
			idx += n
		}
		return idx == i
	}
	if f, isNum := num(r); isNum {
		return at(f)
	}
	if arr, isArr := r.([]any); isArr && len(arr) > 0 && allNumbers(arr) {
		for _, y := range arr {
			if f, _ := num(y); at(f) {
				return true
			}
		}
		return false
	}
	return truthy(r)
}

func allNumbers(a []any) bool {
	for _, x := range a {
		if _, ok := num(x); !ok {
			return false
		}
	}
	return true
}

func (ev *evaluator) binary(n *Binary, input any, e *env) (any, error) {
	l, err := ev.eval(n.Lhs, input, e)
	if err != nil {
		return nil, err
	}
	l = finish(l)
	switch n.Op {
	case OpAnd:
		if !truthy(l) {
			return false, nil
		}
		r, err := ev.eval(n.Rhs, input, e)
		if err != nil {
			return nil, err
		}
		return truthy(r), nil
	case OpOr:
		if truthy(l) {
			return true, nil
		}
		r, err := ev.eval(n.Rhs, input, e)
		if err != nil {
			return nil, err
		}
		return truthy(r), nil
	case OpDefault:
		if truthy(l) {
			return l, nil
		}
		return ev.eval(n.Rhs, input, e)
	case OpCoalesce:
		if l != undefined {
			return l, nil
		}
		return ev.eval(n.Rhs, input, e)
	}
	r, err := ev.eval(n.Rhs, input, e)
	if err != nil {
		return nil, err
	}
	r = finish(r)
	switch n.Op {
	case OpAdd, OpSub, OpMul, OpDiv, OpMod:
		return arith(n, l, r)
	case OpConcat:
		ls, err := stringify(l, n.OpOffset)
		if err != nil {
			return nil, err
		}
		rs, err := stringify(r, n.OpOffset)
		if err != nil {
			return nil, err
		}
		return ls + rs, nil
	case OpEq, OpNe:
		if l == undefined || r == undefined {
			return false, nil
		}
		eq := deepEqual(l, r)
		if n.Op == OpNe {
			return !eq, nil
		}
		return eq, nil
	case OpLt, OpLe, OpGt, OpGe:
		return compare(n, l, r)
	case OpIn:
		if l == undefined || r == undefined {
			return false, nil
		}
		for _, x := range items(r) {
			if deepEqual(l, x) {
				return true, nil
			}
		}
		return false, nil
	}
	return nil, rterr("U1002", n.OpOffset, "operator %s is not evaluated yet", n.Op)
}

func arith(n *Binary, l, r any) (any, error) {
	lf, lok := num(l)
	rf, rok := num(r)
	if l != undefined && !lok {
		return nil, rterr("T2001", n.OpOffset, "the left side of the %q operator must evaluate to a number", n.Op)
	}
	if r != undefined && !rok {
		return nil, rterr("T2002", n.OpOffset, "the right side of the %q operator must evaluate to a number", n.Op)
	}
	if l == undefined || r == undefined {
		return undefined, nil
	}
	if math.IsInf(lf, 0) || math.IsInf(rf, 0) {
		// An operand that overflowed earlier, as in 1/(10e300*10e100).
		return nil, rterr("D1001", n.OpOffset, "number out of range")
	}
	switch n.Op {
	case OpAdd:
		return lf + rf, nil
	case OpSub:
		return lf - rf, nil
	case OpMul:
		return lf * rf, nil
	case OpDiv:
		return lf / rf, nil
	}
	return math.Mod(lf, rf), nil
}

func compare(n *Binary, l, r any) (any, error) {
	lf, lnum := num(l)
	rf, rnum := num(r)
	ls, lstr := l.(string)
	rs, rstr := r.(string)
	lok := lnum || lstr
	rok := rnum || rstr
	if (l != undefined && !lok) || (r != undefined && !rok) {
		return nil, rterr("T2010", n.OpOffset, "the expressions either side of operator %q must evaluate to numeric or string values", n.Op)
	}
	if l == undefined || r == undefined {
		return undefined, nil
	}
	if lnum != rnum {
		return nil, rterr("T2009", n.OpOffset, "the values either side of operator %q must be of the same data type", n.Op)
	}
	var c int
	if lnum {
		switch {
		case lf < rf:
			c = -1
		case lf > rf:
			c = 1
		}
	} else {
		c = strings.Compare(ls, rs)
	}
	switch n.Op {
	case OpLt:
		return c < 0, nil
	case OpLe:
		return c <= 0, nil
	case OpGt:
		return c > 0, nil
	}
	return c >= 0, nil
}

// deepEqual compares two evaluator values as JSONata's = does.
func deepEqual(a, b any) bool {
	a, b = finish(a), finish(b)
	af, aok := num(a)
	bf, bok := num(b)
	if aok || bok {
		return aok && bok && af == bf
	}
	switch av := a.(type) {
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for i := range av {
			if !deepEqual(av[i], bv[i]) {
				return false
			}
		}
		return true
	case *jsonvalue.Object:
		bv, ok := b.(*jsonvalue.Object)
		if !ok || av.Len() != bv.Len() {
			return false
		}
		for k, x := range av.All() {
			y, ok := bv.Get(k)
			if !ok || !deepEqual(x, y) {
				return false
			}
		}
		return true
	}
	return a == b
}

// stopped returns U1001 once the evaluation is past its deadline or its
// Done channel is closed. Evaluation checks it every 1024 steps, and loops
// that run long without evaluating, such as building a large range, check
// it as they go.
func (ev *evaluator) stopped(pos int) error {
	if !ev.deadline.IsZero() && time.Now().After(ev.deadline) {
		return rterr("U1001", pos, "expression evaluation timeout: check for an infinite loop")
	}
	if ev.done != nil {
		select {
		case <-ev.done:
			return rterr("U1001", pos, "expression evaluation stopped: its caller gave up on it")
		default:
		}
	}
	return nil
}

func (ev *evaluator) rangeOp(n *Range, input any, e *env) (any, error) {
	lo, err := ev.eval(n.Lo, input, e)
	if err != nil {
		return nil, err
	}
	hi, err := ev.eval(n.Hi, input, e)
	if err != nil {
		return nil, err
	}
	lo, hi = finish(lo), finish(hi)
	lf, lok := num(lo)
	if lo != undefined && (!lok || lf != math.Trunc(lf)) {
		return nil, rterr("T2003", n.Lo.Pos(), "the left side of the range operator (..) must evaluate to an integer")
	}
	hf, hok := num(hi)
	if hi != undefined && (!hok || hf != math.Trunc(hf)) {
		return nil, rterr("T2004", n.Hi.Pos(), "the right side of the range operator (..) must evaluate to an integer")
	}
	if lo == undefined || hi == undefined || lf > hf {
		return []any{}, nil
	}
	if hf-lf >= 1e7 {
		return nil, rterr("D2014", n.Lo.Pos(), "the size of the sequence allocated by the range operator (..) must not exceed 1e7")
	}
	out := make([]any, 0, int(hf-lf)+1)
	for i := lf; i <= hf; i++ {
		if len(out)&0xffff == 0xffff {
			if err := ev.stopped(n.Lo.Pos()); err != nil {
				return nil, err
			}
		}
		out = append(out, i)
	}
	return out, nil
}

func (ev *evaluator) object(pairs []Pair, input any, e *env) (any, error) {
	out := jsonvalue.NewObject(len(pairs))
	for _, p := range pairs {
		k, err := ev.eval(p.Key, input, e)
		if err != nil {
			return nil, err
		}
		ks, ok := finish(k).(string)
		if !ok {
			return nil, rterr("T1003", p.Key.Pos(), "key in object structure must evaluate to a string")
		}
		if _, dup := out.Get(ks); dup {
			return nil, rterr("D1009", p.Key.Pos(), "multiple key definitions evaluate to same key: %q", ks)
		}
		v, err := ev.eval(p.Value, input, e)
		if err != nil {
			return nil, err
		}
		if v = finish(v); v != undefined {
			out.Set(ks, v)
		}
	}
	return out, nil
}

// stringify renders a value for the & operator and $string: strings as
// they are, undefined as "", others as JSON.
func stringify(v any, pos int) (string, error) {
	v = finish(v)
	switch v := v.(type) {
	case *undefinedType:
		return "", nil
	case string:
		return v, nil
	case Function:
		return "", nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return "", rterr("D3001", pos, "attempting to invoke string function on Infinity or NaN")
		}
	}
	j, err := toJSON(roundNumbers(v), pos)
	if err != nil {
		return "", err
	}
	return jsonvalue.String(j), nil
}
