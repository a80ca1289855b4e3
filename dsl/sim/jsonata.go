package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// errQueryEval is the error of a JSONata state whose expression fails,
// returns nothing or returns a value of the wrong type.
const errQueryEval = "States.QueryEvaluationError"

// jsonataTimeout bounds each evaluation of a JSONata expression, so that a
// runaway expression fails its state instead of hanging the test.
const jsonataTimeout = 10 * time.Second

// jExpr is a "{% ... %}" expression in a field of a JSONata state.
type jExpr struct {
	field   string // where it stands in the state: Output, Output/result, Items, ...
	src     string // the expression between the delimiters, as AWS quotes it
	expr    *jsonata.Expr
	context bool // it may read $states.context, which is costly to build
}

func (t *jExpr) eval(e *env) (any, error) {
	e.wantContext = t.context
	// The run's context stops the evaluation when the run is cancelled, and
	// $now is the virtual clock's time.
	x := e.p.x
	lim := jsonata.Limits{Timeout: jsonataTimeout, Done: x.ctx.Done(), Now: x.now}
	v, ok, err := t.expr.EvaluateVars(jsonata.NoInput, e, lim)
	if err != nil {
		return nil, queryError(t.field, "The JSONata expression '%s' specified for the field '%s' threw an error during evaluation: %v", t.src, t.field, err)
	}
	if !ok {
		return nil, queryError(t.field, "The JSONata expression '%s' specified for the field '%s' returned nothing (undefined).", t.src, t.field)
	}
	return v, nil
}

// queryError is a States.QueryEvaluationError about field (empty when it
// concerns no field in particular).
func queryError(field, format string, args ...any) *stateError {
	return &stateError{name: errQueryEval, cause: fmt.Sprintf(format, args...), runtime: true, location: field, evalFailed: true}
}

// Var gives JSONata expressions $states and the workflow variables.
func (e *env) Var(name string) (any, bool) {
	if name == "states" {
		if e.states == nil || e.wantContext && !e.statesContext {
			o := jsonvalue.NewObject(4)
			o.Set("input", e.input)
			if e.hasResult {
				o.Set("result", e.result)
			}
			if e.hasErrOut {
				o.Set("errorOutput", e.errOut)
			}
			if e.wantContext {
				o.Set("context", e.context())
			}
			e.states, e.statesContext = o, e.wantContext
		}
		return e.states, true
	}
	return e.p.vars.get(name)
}

// jtemplate compiles a field of a JSONata state: a JSON value whose strings
// of the form "{% ... %}" are expressions, at any depth.
func (c *compiler) jtemplate(loc, field string, raw []byte) tnode {
	if len(raw) == 0 {
		return nil
	}
	v, err := jsonvalue.Parse(raw)
	if err != nil {
		c.errorf("%s/%s: %v", loc, field, err)
		return nil
	}
	return c.jnode(loc, field, v)
}

func (c *compiler) jnode(loc, field string, v any) tnode {
	switch x := v.(type) {
	case string:
		if n := c.jstring(loc, field, x); n != nil {
			return n
		}
	case *jsonvalue.Object:
		o := &tObject{}
		dynamic := false
		for k, val := range x.All() {
			n := c.jnode(loc, field+"/"+k, val)
			if _, lit := n.(tLiteral); !lit {
				dynamic = true
			}
			o.keys = append(o.keys, k)
			o.vals = append(o.vals, n)
		}
		if dynamic {
			return o
		}
	case []any:
		a := &tArray{}
		dynamic := false
		for i, el := range x {
			n := c.jnode(loc, field+"/"+strconv.Itoa(i), el)
			if _, lit := n.(tLiteral); !lit {
				dynamic = true
			}
			a.elems = append(a.elems, n)
		}
		if dynamic {
			return a
		}
	}
	return tLiteral{v: v}
}

// jstring compiles a string field that may be an expression; it returns nil
// for a plain string.
func (c *compiler) jstring(loc, field, s string) tnode {
	if !jsonata.IsExpression(s) {
		return nil
	}
	x, err := jsonata.ParseTemplate(s)
	if err != nil {
		c.errorf("%s/%s: %v", loc, field, err)
		return tLiteral{}
	}
	src := strings.TrimSpace(s[2 : len(s)-2])
	return &jExpr{field: field, src: src, expr: x, context: readsContext(src)}
}

// readsContext reports whether an expression may read $states.context:
// whether it names $states other than as $states.input, $states.result or
// $states.errorOutput.
func readsContext(src string) bool {
	for rest := src; ; {
		i := strings.Index(rest, "$states")
		if i < 0 {
			return false
		}
		rest = rest[i+len("$states"):]
		field := ""
		for _, f := range []string{".input", ".result", ".errorOutput"} {
			if strings.HasPrefix(rest, f) {
				field = f
			}
		}
		after := strings.TrimPrefix(rest, field)
		if field == "" || after != "" && isNameByte(after[0]) {
			return true
		}
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c == '$' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// jint compiles an integer field that may be an expression.
func (c *compiler) jint(loc, field string, f *asl.IntOrExpr) tnode {
	switch {
	case f == nil:
		return nil
	case f.Expr != "":
		return c.jstring(loc, field, f.Expr)
	}
	return tLiteral{v: jsonvalue.Int(int64(f.Int))}
}

// jfloat compiles a number field that may be an expression.
func (c *compiler) jfloat(loc, field string, f *asl.FloatOrExpr) tnode {
	switch {
	case f == nil:
		return nil
	case f.Expr != "":
		return c.jstring(loc, field, f.Expr)
	}
	return tLiteral{v: jsonvalue.Number(strconv.FormatFloat(f.Float, 'g', -1, 64))}
}

// jtext compiles a string field that may be an expression (Fail's Error and
// Cause, Wait's Timestamp).
func (c *compiler) jtext(loc, field, s string) tnode {
	if s == "" {
		return nil
	}
	if n := c.jstring(loc, field, s); n != nil {
		return n
	}
	return tLiteral{v: s}
}

// wrongType is the error of an expression whose value has the wrong type.
func wrongType(n tnode, field, want string, v any) *stateError {
	src := ""
	if x, ok := n.(*jExpr); ok {
		src = x.src
	} else {
		src = jsonvalue.String(v)
	}
	return queryError(field, "The JSONata expression '%s' specified for the field '%s' returned an unexpected result type. Expected '%s', but was '%s' for value: %s",
		src, field, want, jsonvalue.Kind(v), jsonvalue.String(v))
}

// evalField evaluates an optional field of a JSONata state; ok is false
// when the field is absent or fails.
func (e *env) evalField(n tnode) (v any, ok bool, err error) {
	if n == nil {
		return nil, false, nil
	}
	v, err = n.eval(e)
	return v, err == nil, err
}

// evalInt evaluates an integer field of a JSONata state; it reports false
// when the field is absent.
func (e *env) evalInt(n tnode, field string) (int64, bool, error) {
	v, ok, err := e.evalField(n)
	if !ok {
		return 0, false, err
	}
	num, isNum := v.(jsonvalue.Number)
	i, isInt := num.Int64()
	if !isNum || !isInt || !num.IsInteger() {
		return 0, false, wrongType(n, field, "integer", v)
	}
	return i, true, nil
}

// evalNumber evaluates a number field of a JSONata state.
func (e *env) evalNumber(n tnode, field string) (float64, bool, error) {
	v, ok, err := e.evalField(n)
	if !ok {
		return 0, false, err
	}
	num, isNum := v.(jsonvalue.Number)
	if !isNum {
		return 0, false, wrongType(n, field, "number", v)
	}
	return num.Float64(), true, nil
}

// evalString evaluates a string field of a JSONata state.
func (e *env) evalString(n tnode, field string) (string, bool, error) {
	v, ok, err := e.evalField(n)
	if !ok {
		return "", false, err
	}
	str, isStr := v.(string)
	if !isStr {
		return "", false, wrongType(n, field, "string", v)
	}
	return str, true, nil
}
