package importer

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/intrinsic"
)

// tmplMode says how a payload template's strings are read, as the builder
// writes them.
type tmplMode int

const (
	modePath    tmplMode = iota // JSONPath: "key.$" values are paths or intrinsic calls
	modeStatic                  // a Pass state's Result: everything is literal
	modeJSONata                 // JSONata: strings are kept; a top-level expression is a dsl.Expr
)

// value renders a JSON value given to a builder method that takes a
// payload template (Parameters, Result, Output, Assign, ...).
func (g *gen) value(raw json.RawMessage, mode tmplMode, where string) jen.Code {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		g.gap(where, "the value does not decode: %v", err)
		return jen.Nil()
	}
	if s, ok := v.(string); ok && mode == modeJSONata && isExpr(s) {
		return jen.Qual(dslPath, "Expr").Call(jen.Lit(s))
	}
	return g.jsonCode(v, mode, where)
}

func isExpr(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

func (g *gen) jsonCode(v any, mode tmplMode, where string) jen.Code {
	switch x := v.(type) {
	case nil:
		return jen.Nil()
	case bool:
		return jen.Lit(x)
	case string:
		return jen.Lit(x)
	case json.Number:
		return numberLit(string(x))
	case []any:
		items := make([]jen.Code, len(x))
		for i, e := range x {
			items[i] = g.jsonCode(e, mode, ptr(where, i))
		}
		if len(items) > 1 {
			for i := range items {
				items[i] = jen.Line().Add(items[i])
			}
			items = append(items, jen.Line())
		}
		return jen.Index().Any().Values(items...)
	case map[string]any:
		d := jen.Dict{}
		for k := range x {
			if base, ok := strings.CutSuffix(k, ".$"); ok && mode == modePath {
				// Where ".$" means something, both keys set one field.
				if _, clash := x[base]; clash {
					g.gap(ptr(where, k), "the builder refuses an object with both %q and %q: both set field %q", base, k, base)
				}
			}
		}
		for k, e := range x {
			sub := ptr(where, k)
			if s, ok := e.(string); ok && mode == modePath && strings.HasSuffix(k, ".$") {
				key := strings.TrimSuffix(k, ".$")
				if _, clash := x[key]; clash {
					key = k // the builder keeps a key that ends in ".$"
				}
				d[jen.Lit(key)] = g.dynamic(s, sub)
				continue
			}
			d[jen.Lit(k)] = g.jsonCode(e, mode, sub)
		}
		return jen.Qual(dslPath, "Obj").Values(d)
	}
	return jen.Nil()
}

// numberLit renders a JSON number as a Go constant: an integer when it is
// written as one, else a float.
func numberLit(text string) jen.Code {
	if !strings.ContainsAny(text, ".eE") {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return jen.Lit(int(n))
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) {
		return jen.Qual("encoding/json", "Number").Call(jen.Lit(text))
	}
	return floatLit(f)
}

func floatLit(f float64) jen.Code {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return jen.Lit(int(f))
	}
	return jen.Lit(f)
}

// contextPaths maps the context object paths to their dsl constants.
var contextPaths = map[string]string{
	"$$.Execution.Id":        "ExecutionID",
	"$$.Execution.Name":      "ExecutionName",
	"$$.Execution.Input":     "ExecutionInput",
	"$$.Execution.StartTime": "ExecutionStartTime",
	"$$.Execution.RoleArn":   "ExecutionRoleArn",
	"$$.State.Name":          "StateName",
	"$$.State.EnteredTime":   "StateEnteredTime",
	"$$.State.RetryCount":    "StateRetryCount",
	"$$.StateMachine.Id":     "StateMachineID",
	"$$.StateMachine.Name":   "StateMachineName",
	"$$.Task.Token":          "TaskToken",
	"$$.Map.Item.Index":      "MapItemIndex",
	"$$.Map.Item.Value":      "MapItemValue",
}

// pathValue renders a path as a dsl.Path value (a context constant where
// there is one).
func pathValue(p string) jen.Code {
	if c, ok := contextPaths[p]; ok {
		return jen.Qual(dslPath, c)
	}
	return jen.Qual(dslPath, "Path").Call(jen.Lit(p))
}

// pathArg renders the argument of a method that takes a dsl.Path
// (InputPath, ResultPath, ...): an untyped constant, or dsl.NullPath.
func pathArg(p *asl.Path) jen.Code {
	if p.Null {
		return jen.Qual(dslPath, "NullPath")
	}
	if c, ok := contextPaths[p.Value]; ok {
		return jen.Qual(dslPath, c)
	}
	return jen.Lit(p.Value)
}

// dynamic renders the value of a "key.$" field: a path, or an intrinsic
// function call with the dsl helpers where they write it back exactly.
func (g *gen) dynamic(s, where string) jen.Code {
	if strings.HasPrefix(s, "$") {
		return pathValue(s)
	}
	return intrinsicCode(s)
}

// intrinsicCode renders an intrinsic function call: the dsl helper call
// that writes s back exactly, or else dsl.Intrinsic(s).
func intrinsicCode(s string) jen.Code {
	c, err := intrinsic.Parse(s)
	if err == nil {
		if code, v, ok := helper(c); ok && string(v) == s {
			return code
		}
	}
	return jen.Qual(dslPath, "Intrinsic").Call(jen.Lit(s))
}

// helpers maps intrinsic function names to their dsl helpers.
var helpers = map[string]string{
	"States.Format": "Format", "States.StringToJson": "StringToJSON", "States.JsonToString": "JSONToString",
	"States.Array": "Array", "States.ArrayPartition": "ArrayPartition", "States.ArrayContains": "ArrayContains",
	"States.ArrayRange": "ArrayRange", "States.ArrayGetItem": "ArrayGetItem", "States.ArrayLength": "ArrayLength",
	"States.ArrayUnique": "ArrayUnique", "States.Base64Encode": "Base64Encode", "States.Base64Decode": "Base64Decode",
	"States.Hash": "Hash", "States.JsonMerge": "JSONMerge", "States.MathRandom": "MathRandom",
	"States.MathAdd": "MathAdd", "States.StringSplit": "StringSplit", "States.UUID": "UUID",
}

var hashConsts = map[string]string{"MD5": "MD5", "SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512"}

// helper returns the code of the dsl helper call for c and the Intrinsic
// that the same call makes, run here, to compare with the source.
func helper(c *intrinsic.Call) (jen.Code, dsl.Intrinsic, bool) {
	name, ok := helpers[c.Name]
	if !ok {
		return nil, "", false
	}
	args := c.Args
	if c.Name == "States.JsonMerge" {
		// dsl.JSONMerge always writes the deep-merge flag false.
		if len(args) != 3 {
			return nil, "", false
		}
		if b, ok := args[2].(*intrinsic.BoolLit); !ok || b.String() != "false" {
			return nil, "", false
		}
		args = args[:2]
	}
	codes := make([]jen.Code, len(args))
	vals := make([]any, len(args))
	for i, a := range args {
		code, v, ok := argCode(a)
		if !ok {
			return nil, "", false
		}
		codes[i], vals[i] = code, v
		if c.Name == "States.Hash" && i == 1 {
			if s, isStr := v.(string); isStr {
				if k, known := hashConsts[s]; known {
					codes[i] = jen.Qual(dslPath, k)
				}
			}
		}
	}
	var out dsl.Intrinsic
	n := len(vals)
	switch c.Name {
	case "States.Format":
		tpl, ok := vals[0].(string)
		if n == 0 || !ok {
			return nil, "", false
		}
		out = dsl.Format(tpl, vals[1:]...)
	case "States.StringToJson", "States.JsonToString", "States.ArrayLength", "States.ArrayUnique",
		"States.Base64Encode", "States.Base64Decode":
		if n != 1 {
			return nil, "", false
		}
		f := map[string]func(any) dsl.Intrinsic{"States.StringToJson": dsl.StringToJSON, "States.JsonToString": dsl.JSONToString,
			"States.ArrayLength": dsl.ArrayLength, "States.ArrayUnique": dsl.ArrayUnique,
			"States.Base64Encode": dsl.Base64Encode, "States.Base64Decode": dsl.Base64Decode}[c.Name]
		out = f(vals[0])
	case "States.ArrayPartition", "States.ArrayContains", "States.ArrayGetItem", "States.JsonMerge",
		"States.MathAdd", "States.StringSplit":
		if n != 2 {
			return nil, "", false
		}
		f := map[string]func(any, any) dsl.Intrinsic{"States.ArrayPartition": dsl.ArrayPartition,
			"States.ArrayContains": dsl.ArrayContains, "States.ArrayGetItem": dsl.ArrayGetItem,
			"States.JsonMerge": dsl.JSONMerge, "States.MathAdd": dsl.MathAdd, "States.StringSplit": dsl.StringSplit}[c.Name]
		out = f(vals[0], vals[1])
	case "States.Hash":
		alg, ok := vals[1].(string)
		if n != 2 || !ok {
			return nil, "", false
		}
		out = dsl.Hash(vals[0], alg)
	case "States.Array":
		out = dsl.Array(vals...)
	case "States.ArrayRange":
		if n != 3 {
			return nil, "", false
		}
		out = dsl.ArrayRange(vals[0], vals[1], vals[2])
	case "States.MathRandom":
		if n < 2 {
			return nil, "", false
		}
		out = dsl.MathRandom(vals[0], vals[1], vals[2:]...)
	case "States.UUID":
		if n != 0 {
			return nil, "", false
		}
		out = dsl.UUID()
	default:
		return nil, "", false
	}
	return jen.Qual(dslPath, name).Call(codes...), out, true
}

// argCode renders an intrinsic argument as Go code, and returns the Go
// value that code is, for the helper run.
func argCode(a intrinsic.Arg) (jen.Code, any, bool) {
	switch x := a.(type) {
	case *intrinsic.StringLit:
		return jen.Lit(x.Value), x.Value, true
	case *intrinsic.NumberLit:
		if !strings.ContainsAny(x.Text, ".eE") {
			if n, err := strconv.ParseInt(x.Text, 10, 64); err == nil {
				return jen.Lit(int(n)), int(n), true
			}
		}
		return jen.Lit(x.Value), x.Value, true
	case *intrinsic.BoolLit:
		b := x.String() == "true"
		return jen.Lit(b), b, true
	case *intrinsic.NullLit:
		return jen.Nil(), nil, true
	case *intrinsic.PathArg:
		p := x.String()
		return pathValue(p), dsl.Path(p), true
	case *intrinsic.Call:
		code, v, ok := helper(x)
		return code, v, ok
	}
	return nil, nil, false
}

// duration renders a number of seconds as a time.Duration.
func duration(n int) jen.Code {
	switch {
	case n == 0:
		return jen.Lit(0)
	case n%3600 == 0:
		return unit(n/3600, "Hour")
	case n%60 == 0:
		return unit(n/60, "Minute")
	}
	return unit(n, "Second")
}

func unit(n int, u string) jen.Code {
	if n == 1 {
		return jen.Qual(timePath, u)
	}
	return jen.Lit(n).Op("*").Qual(timePath, u)
}

// secondsValue renders a DurationValue: dsl.Duration, a Path or an Expr.
func secondsValue(v *asl.IntOrExpr, path string) jen.Code {
	switch {
	case path != "":
		return pathValue(path)
	case v == nil:
		return nil
	case v.Expr != "":
		return jen.Qual(dslPath, "Expr").Call(jen.Lit(v.Expr))
	}
	return jen.Qual(dslPath, "Duration").Call(duration(v.Int))
}

// intValue renders an IntValue: dsl.Int, a Path or an Expr.
func intValue(v *asl.IntOrExpr, path string) jen.Code {
	switch {
	case path != "":
		return pathValue(path)
	case v == nil:
		return nil
	case v.Expr != "":
		return jen.Qual(dslPath, "Expr").Call(jen.Lit(v.Expr))
	}
	return jen.Qual(dslPath, "Int").Call(jen.Lit(v.Int))
}

// textValue renders a Fail state's Error or Cause: an error constant or
// dsl.ErrorName (Error), dsl.Text (Cause), a Path or intrinsic call
// (ErrorPath, CausePath), or an Expr.
func textValue(s, path string, jsonata, isError bool) jen.Code {
	switch {
	case path != "" && strings.HasPrefix(path, "$"):
		return pathValue(path)
	case path != "":
		return intrinsicCode(path)
	case s == "":
		return nil
	case jsonata && isExpr(s):
		return jen.Qual(dslPath, "Expr").Call(jen.Lit(s))
	case isError:
		return errorName(s, true)
	}
	return jen.Qual(dslPath, "Text").Call(jen.Lit(s))
}

// isTimestamp reports whether s is an RFC 3339 timestamp, as the builder
// checks a dsl.Timestamp.
func isTimestamp(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// timeCode renders an RFC 3339 timestamp as a time.Time expression, when
// the builder (which formats it with time.RFC3339Nano) writes it back
// exactly.
func timeCode(s string) (jen.Code, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil, false
	}
	_, off := t.Zone()
	loc := jen.Qual(timePath, "UTC")
	if off != 0 || !strings.HasSuffix(s, "Z") {
		t = t.In(time.FixedZone("", off))
		loc = jen.Qual(timePath, "FixedZone").Call(jen.Lit(""), jen.Lit(off))
	} else {
		t = t.UTC()
	}
	if t.Format(time.RFC3339Nano) != s {
		return nil, false
	}
	return jen.Qual(timePath, "Date").Call(jen.Lit(t.Year()), jen.Qual(timePath, t.Month().String()), jen.Lit(t.Day()),
		jen.Lit(t.Hour()), jen.Lit(t.Minute()), jen.Lit(t.Second()), jen.Lit(t.Nanosecond()), loc), true
}
