package importer

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslgen/aslgen/dsl/asl"
)

// cond renders a Choice rule as a typed condition.
func (g *gen) cond(r asl.ChoiceRule, top bool, where string, jsonata bool) jen.Code {
	c := g.condExpr(r, where, jsonata)
	var calls []jen.Code
	if r.Comment != "" {
		calls = append(calls, call("Comment", jen.Lit(r.Comment)))
	}
	if !top {
		// The spec has Output and Assign on top-level rules only (asl does
		// not decode them elsewhere); a nested rule may have a Comment.
		if r.Output != nil || r.Assign != nil {
			g.gap(where, "the builder puts Output and Assign on top-level rules only")
		}
		return chainInline(c.(*jen.Statement), calls)
	}
	mode := modePath
	if jsonata {
		mode = modeJSONata
	}
	if r.Output != nil {
		calls = append(calls, call("Output", g.value(r.Output, modeJSONata, ptr(where, "Output"))))
	}
	if r.Assign != nil {
		calls = append(calls, call("Assign", g.value(r.Assign, mode, ptr(where, "Assign"))))
	}
	return chainInline(c.(*jen.Statement), calls)
}

func (g *gen) condExpr(r asl.ChoiceRule, where string, jsonata bool) jen.Code {
	sub := func(list []asl.ChoiceRule, field string) []jen.Code {
		out := make([]jen.Code, len(list))
		for i, x := range list {
			out[i] = g.cond(x, false, ptr(where, field, i), jsonata)
		}
		if len(out) > 1 {
			for i := range out {
				out[i] = jen.Line().Add(out[i])
			}
			out = append(out, jen.Line())
		}
		return out
	}
	switch {
	case r.Condition != nil:
		var v any
		if json.Unmarshal(r.Condition, &v) == nil {
			switch v := v.(type) {
			case string:
				return jen.Qual(dslPath, "Condition").Call(jen.Lit(v))
			case bool:
				return jen.Qual(dslPath, "Condition").Call(jen.Lit(v))
			}
		}
		g.gap(ptr(where, "Condition"), "the builder writes a Condition as a string or a boolean (dsl.Condition), not %s", compact(r.Condition))
		return jen.Qual(dslPath, "Condition").Call(jen.Lit(string(bytes.TrimSpace(r.Condition))))
	case r.Operator != "":
		return g.comparison(r, where)
	case r.And != nil:
		return jen.Qual(dslPath, "And").Call(sub(r.And, "And")...)
	case r.Or != nil:
		return jen.Qual(dslPath, "Or").Call(sub(r.Or, "Or")...)
	case r.Not != nil:
		return jen.Qual(dslPath, "Not").Call(g.cond(*r.Not, false, ptr(where, "Not"), jsonata))
	}
	g.gap(where, "the rule has no condition")
	return jen.Qual(dslPath, "And").Call()
}

// comparison renders a comparison rule: dsl.NumericGreaterThan("$.x", 10),
// dsl.StringEquals("$.a", dsl.Path("$.b")) for StringEqualsPath, ...
func (g *gen) comparison(r asl.ChoiceRule, where string) jen.Code {
	op := string(r.Operator)
	fn := strings.TrimSuffix(op, "Path")
	variable := jen.Lit(r.Variable)
	if c, ok := contextPaths[r.Variable]; ok {
		variable = jen.Qual(dslPath, c)
	}
	bad := func() jen.Code {
		g.gap(ptr(where, op), "the builder cannot write the operand %s of %s", compact(r.Operand), op)
		return jen.Qual(dslPath, "And").Call()
	}
	dec := json.NewDecoder(bytes.NewReader(r.Operand))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return bad()
	}
	switch r.Operator.Kind() {
	case asl.OperandPath:
		s, ok := v.(string)
		if !ok {
			return bad()
		}
		return jen.Qual(dslPath, fn).Call(variable, pathValue(s))
	case asl.OperandString:
		s, ok := v.(string)
		if !ok {
			return bad()
		}
		if strings.HasPrefix(op, "Timestamp") {
			if t, ok := timeCode(s); ok {
				return jen.Qual(dslPath, fn).Call(variable, t)
			}
			if isTimestamp(s) {
				// Kept as written: "+00:00" for "Z", trailing zeros, ...
				return jen.Qual(dslPath, fn).Call(variable, jen.Qual(dslPath, "Timestamp").Call(jen.Lit(s)))
			}
			g.gap(ptr(where, op), "the builder takes an RFC 3339 timestamp, not %q", s)
			return jen.Qual(dslPath, "And").Call()
		}
		return jen.Qual(dslPath, fn).Call(variable, jen.Lit(s))
	case asl.OperandNumber:
		n, ok := v.(json.Number)
		if !ok {
			return bad()
		}
		return jen.Qual(dslPath, fn).Call(variable, numberLit(string(n)))
	case asl.OperandBool:
		b, ok := v.(bool)
		if !ok {
			return bad()
		}
		return jen.Qual(dslPath, fn).Call(variable, jen.Lit(b))
	}
	g.gap(ptr(where, op), "unknown operator %s", op)
	return jen.Qual(dslPath, "And").Call()
}
