package jsonata

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// lambda is a function defined in an expression: its parameters, body and
// the environment it closes over.
type lambda struct {
	node  *Lambda
	env   *env
	input any
}

func (l *lambda) arity() int { return len(l.node.Params) }

func (l *lambda) call(ev *evaluator, args []any, input any, pos int) (any, error) {
	if l.node.Signature != nil {
		l.node.sigOnce.Do(func() { l.node.sig = newSigMatcher(l.node.Signature) })
		checked, err := l.node.sig.check("lambda", args, input, pos)
		if err != nil {
			return nil, err
		}
		args = checked
	}
	// A call counts toward the depth limit like an expression level.
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > ev.maxDepth {
		return nil, rterr("U1001", pos, "stack overflow: check for non-terminating recursive function; consider rewriting it as tail-recursive")
	}
	for {
		e := l.env.child()
		for i, p := range l.node.Params {
			var v any = undefined
			if i < len(args) {
				v = args[i]
			}
			e.vars[p.Name] = v
		}
		res, err := ev.evalTail(l.node.Body, l.input, e)
		if err != nil {
			return nil, err
		}
		tc, isTail := res.(*tailCall)
		if !isTail {
			return res, nil
		}
		// A call in tail position runs here, in a loop, rather than
		// nesting: tail-recursive functions run in constant depth.
		next, isLambda := tc.fn.(*lambda)
		if !isLambda || next.node.Signature != nil {
			return ev.invoke(tc.fn, tc.args, tc.input, tc.pos)
		}
		l, args = next, tc.args
	}
}

// tailCall is a function call in tail position of a lambda body, returned
// to the calling lambda to run.
type tailCall struct {
	fn    any
	args  []any
	input any
	pos   int
}

// evalTail evaluates n in tail position: a call there is not made but
// returned as a *tailCall.
func (ev *evaluator) evalTail(n Node, input any, e *env) (any, error) {
	switch n := n.(type) {
	case *Condition:
		c, err := ev.eval(n.Cond, input, e)
		if err != nil {
			return nil, err
		}
		if truthy(c) {
			return ev.evalTail(n.Then, input, e)
		}
		if n.Else == nil {
			return undefined, nil
		}
		return ev.evalTail(n.Else, input, e)
	case *Block:
		if n.Tuple || len(n.Exprs) == 0 {
			break
		}
		inner := e.child()
		for _, x := range n.Exprs[:len(n.Exprs)-1] {
			if _, err := ev.eval(x, input, inner); err != nil {
				return nil, err
			}
		}
		return ev.evalTail(n.Exprs[len(n.Exprs)-1], input, inner)
	case *Call:
		if n.Partial() {
			break
		}
		f, err := ev.eval(n.Func, input, e)
		if err != nil {
			return nil, err
		}
		args := make([]any, len(n.Args))
		for i, a := range n.Args {
			v, err := ev.eval(a, input, e)
			if err != nil {
				return nil, err
			}
			args[i] = finish(v)
		}
		if _, ok := finish(f).(*lambda); !ok {
			ev.callEnv = e
			return ev.invoke(finish(f), args, input, n.Pos())
		}
		return &tailCall{fn: finish(f), args: args, input: input, pos: n.Pos()}, nil
	}
	return ev.eval(n, input, e)
}

// partial is a function partially applied: the arguments given, and the
// positions of the placeholders (?) that the call fills.
type partial struct {
	fn    Function
	args  []any
	holes []int
}

func (p *partial) arity() int { return len(p.holes) }

func (p *partial) call(ev *evaluator, args []any, input any, pos int) (any, error) {
	full := append([]any{}, p.args...)
	for i, h := range p.holes {
		if i < len(args) {
			full[h] = args[i]
		} else {
			full[h] = undefined
		}
	}
	return p.fn.call(ev, full, input, pos)
}

// builtin is a built-in function, with the signature that checks its
// arguments.
type builtin struct {
	name string
	// n is the arity that higher-order functions see: the required
	// parameters only, like the length of a JavaScript function with
	// default parameters.
	n  int
	fn func(ev *evaluator, args []any, pos int) (any, error)
	// sig checks the arguments, supplies the context value for "-"
	// parameters and wraps values given for array parameters.
	sig *sigMatcher
}

func (b *builtin) arity() int { return b.n }

func (b *builtin) call(ev *evaluator, args []any, input any, pos int) (any, error) {
	ev.callInput = input
	// The checked arguments have one entry per parameter at least.
	args, err := b.sig.check(b.name, args, input, pos)
	if err != nil {
		return nil, err
	}
	return b.fn(ev, args, pos)
}

func (ev *evaluator) callNode(n *Call, input any, e *env) (any, error) {
	f, err := ev.eval(n.Func, input, e)
	if err != nil {
		return nil, err
	}
	if n.Partial() {
		fn, ok := finish(f).(Function)
		if !ok {
			if name := calledName(n); name != "" {
				return nil, rterr("T1007", n.Pos(), "attempted to partially apply a non-function; did you mean $%s?", name)
			}
			return nil, rterr("T1008", n.Pos(), "attempted to partially apply a non-function")
		}
		p := &partial{fn: fn, args: make([]any, len(n.Args))}
		for i, a := range n.Args {
			if _, hole := a.(*Placeholder); hole {
				p.holes = append(p.holes, i)
				continue
			}
			v, err := ev.eval(a, input, e)
			if err != nil {
				return nil, err
			}
			p.args[i] = finish(v)
		}
		return p, nil
	}
	args := make([]any, len(n.Args))
	for i, a := range n.Args {
		v, err := ev.eval(a, input, e)
		if err != nil {
			return nil, err
		}
		args[i] = finish(v)
	}
	if _, ok := finish(f).(Function); !ok {
		if name := calledName(n); name != "" {
			return nil, rterr("T1005", n.Pos(), "attempted to invoke a non-function; did you mean $%s?", name)
		}
	}
	ev.callEnv = e
	return ev.invoke(finish(f), args, input, n.Pos())
}

// calledName returns the field name a call is made on when it is written
// like a built-in function without its $ (sum(x)), else "".
func calledName(n *Call) string {
	if p, ok := n.Func.(*Path); ok && len(p.Steps) == 1 {
		if nm, ok := p.Steps[0].Expr.(*Name); ok {
			if _, isBuiltin := builtins().vars[nm.Value]; isBuiltin {
				return nm.Value
			}
		}
	}
	return ""
}

// invokeHOF calls a function argument of a higher-order function with as
// many of args as the function takes, as JSONata does: $map(a, λ($v){..})
// gets only the value, λ($v, $i, $a) also the index and the array.
func (ev *evaluator) invokeHOF(f any, args []any, input any, pos int) (any, error) {
	if fn, ok := f.(Function); ok && fn.arity() < len(args) {
		args = args[:fn.arity()]
	}
	return ev.invoke(f, args, input, pos)
}

func (ev *evaluator) invoke(f any, args []any, input any, pos int) (any, error) {
	fn, ok := f.(Function)
	if !ok {
		return nil, rterr("T1006", pos, "attempted to invoke a non-function")
	}
	return fn.call(ev, args, input, pos)
}

// apply evaluates lhs ~> rhs: rhs is called with lhs as its first argument.
func (ev *evaluator) apply(n *Apply, input any, e *env) (any, error) {
	v, err := ev.applyValue(n, input, e)
	if err != nil || !n.KeepArray {
		return v, err
	}
	return &sequence{items: items(finish(v)), keepSingleton: true}, nil
}

func (ev *evaluator) applyValue(n *Apply, input any, e *env) (any, error) {
	l, err := ev.eval(n.Lhs, input, e)
	if err != nil {
		return nil, err
	}
	l = finish(l)
	rhs := n.Rhs
	if pf, ok := rhs.(*Postfix); ok && len(pf.Stages) == 0 && pf.Group == nil && pf.Focus == nil {
		rhs = pf.Expr
	}
	if c, ok := rhs.(*Call); ok && !c.Partial() {
		f, err := ev.eval(c.Func, input, e)
		if err != nil {
			return nil, err
		}
		args := []any{l}
		for _, a := range c.Args {
			v, err := ev.eval(a, input, e)
			if err != nil {
				return nil, err
			}
			args = append(args, finish(v))
		}
		return ev.invoke(finish(f), args, input, c.Pos())
	}
	f, err := ev.eval(n.Rhs, input, e)
	if err != nil {
		return nil, err
	}
	fn, ok := finish(f).(Function)
	if !ok {
		return nil, rterr("T2006", n.OpOffset, "the right side of the function application operator ~> must be a function")
	}
	if first, isFn := l.(Function); isFn {
		// Two functions chained make their composition.
		return &composed{first: first, then: fn}, nil
	}
	return ev.invoke(fn, []any{l}, input, n.OpOffset)
}

// composed is f ~> g for functions f and g: a function that applies f,
// then g to its result.
type composed struct {
	first, then Function
}

func (c *composed) arity() int { return c.first.arity() }

func (c *composed) call(ev *evaluator, args []any, input any, pos int) (any, error) {
	v, err := c.first.call(ev, args, input, pos)
	if err != nil {
		return nil, err
	}
	return c.then.call(ev, []any{finish(v)}, input, pos)
}

// builtinEnv binds the built-in functions; every evaluation's variables
// sit on top of it. It is filled on first use (builtins), not at package
// initialization, so that a program that imports this package without
// evaluating anything, such as a Lambda handler importing a workflow's
// payload types, neither links the built-ins nor pays for defining them.
var builtinEnv = &env{vars: map[string]any{}}

var builtinsOnce sync.Once

// builtins returns builtinEnv, filled.
func builtins() *env {
	builtinsOnce.Do(defineBuiltins)
	return builtinEnv
}

// defineBuiltins defines every built-in function.
func defineBuiltins() {
	defineDateTime()
	defineCore()
	defineAWS()
	defineEval()
	defineExtra()
	defineStd()
	defineRegex()
}

func def(name string, fn func(ev *evaluator, args []any, pos int) (any, error)) {
	text, ok := builtinSignatures[name]
	if !ok {
		panic("jsonata: built-in function " + name + " has no signature")
	}
	if _, dup := builtinEnv.vars[name]; dup {
		panic("jsonata: built-in function " + name + " defined twice")
	}
	b := &builtin{name: name, fn: fn, sig: newSigMatcher(parseSigText(text))}
	for _, p := range b.sig.sig.Params {
		if !p.Optional {
			b.n++
		}
	}
	builtinEnv.vars[name] = b
}

// defineCore defines built-in functions; builtins calls it, once.
func defineCore() {
	def("string", func(_ *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		s, err := stringify(a[0], pos)
		if err != nil || a[1] != true {
			return s, err
		}
		if _, isStr := a[0].(string); isStr {
			return s, nil
		}
		// Pretty-printed as JSON.stringify(v, null, 2) does.
		var b bytes.Buffer
		if json.Indent(&b, []byte(s), "", "  ") != nil {
			return s, nil
		}
		return b.String(), nil
	})
	def("length", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			if a[0] == undefined {
				return undefined, nil
			}
			return nil, rterr("T0410", pos, "argument 1 of function \"length\" does not match function signature")
		}
		return float64(utf8.RuneCountInString(s)), nil
	})
	def("uppercase", stringFn(strings.ToUpper))
	def("lowercase", stringFn(strings.ToLower))
	def("trim", stringFn(func(s string) string { return strings.Join(strings.Fields(s), " ") }))
	def("count", func(_ *evaluator, a []any, _ int) (any, error) {
		return float64(len(items(a[0]))), nil
	})
	def("exists", func(_ *evaluator, a []any, _ int) (any, error) {
		return a[0] != undefined, nil
	})
	def("boolean", func(_ *evaluator, a []any, _ int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		return truthy(a[0]), nil
	})
	def("not", func(_ *evaluator, a []any, _ int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		return !truthy(a[0]), nil
	})
	agg := func(name string, f func([]float64) any) {
		def(name, func(_ *evaluator, a []any, pos int) (any, error) {
			if a[0] == undefined {
				return undefined, nil
			}
			var fs []float64
			for _, x := range items(a[0]) {
				v, ok := num(x)
				if !ok {
					return nil, rterr("T0412", pos, "argument 1 of function %q must be an array of numbers", name)
				}
				fs = append(fs, v)
			}
			return f(fs), nil
		})
	}
	agg("sum", func(fs []float64) any {
		s := 0.0
		for _, f := range fs {
			s += f
		}
		return s
	})
	agg("max", func(fs []float64) any {
		if len(fs) == 0 {
			return undefined
		}
		m := math.Inf(-1)
		for _, f := range fs {
			m = math.Max(m, f)
		}
		return m
	})
	agg("min", func(fs []float64) any {
		if len(fs) == 0 {
			return undefined
		}
		m := math.Inf(1)
		for _, f := range fs {
			m = math.Min(m, f)
		}
		return m
	})
	agg("average", func(fs []float64) any {
		if len(fs) == 0 {
			return undefined
		}
		s := 0.0
		for _, f := range fs {
			s += f
		}
		return s / float64(len(fs))
	})
	def("keys", func(_ *evaluator, a []any, _ int) (any, error) {
		var out []any
		seen := map[string]bool{}
		for _, x := range items(a[0]) {
			if o, ok := x.(*jsonvalue.Object); ok {
				for _, k := range o.Keys() {
					if !seen[k] {
						seen[k] = true
						out = append(out, k)
					}
				}
			}
		}
		return &sequence{items: out}, nil
	})
	def("append", func(_ *evaluator, a []any, _ int) (any, error) {
		if a[0] == undefined {
			return a[1], nil
		}
		if a[1] == undefined {
			return a[0], nil
		}
		out := append(append([]any{}, items(a[0])...), items(a[1])...)
		return out, nil
	})
	def("map", func(ev *evaluator, a []any, pos int) (any, error) {
		var out []any
		for i, x := range items(a[0]) {
			v, err := ev.invokeHOF(a[1], []any{x, float64(i), a[0]}, x, pos)
			if err != nil {
				return nil, err
			}
			if v = finish(v); v != undefined {
				out = append(out, v)
			}
		}
		return &sequence{items: out}, nil
	})
	def("filter", func(ev *evaluator, a []any, pos int) (any, error) {
		var out []any
		for i, x := range items(a[0]) {
			v, err := ev.invokeHOF(a[1], []any{x, float64(i), a[0]}, x, pos)
			if err != nil {
				return nil, err
			}
			if truthy(v) {
				out = append(out, x)
			}
		}
		return &sequence{items: out}, nil
	})
}

func stringFn(f func(string) string) func(*evaluator, []any, int) (any, error) {
	return func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			if a[0] == undefined {
				return undefined, nil
			}
			return nil, rterr("T0410", pos, "argument 1 of the function does not match its signature")
		}
		return f(s), nil
	}
}
