package shape

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// inferJSONata infers the value of a JSONata expression with context value
// ctx (nil: undefined) and variables bound to the given shapes.
func inferJSONata(t testing.TB, e *jsonata.Expr, ctx *Shape, bindings map[string]*Shape) jval {
	t.Helper()
	a := &analyzer{info: map[string]*stateInfo{}, res: &Analysis{}}
	f := &jframe{}
	for k, v := range bindings {
		f.set(k, jval{s: v})
	}
	x := &jx{a: a, root: e.Root}
	return x.expr(e.Root, ctx, f)
}

// TestJSONataSuiteSoundness checks the shapes inferred for JSONata
// expressions against the results of the reference implementation's test
// suite: with the shape of each case's input as the context value and the
// shapes of its bindings as variables, the expected result must be a value
// of the inferred shape. The input shape also describes the input with
// every array cut to its first member, or emptied, which changes how
// JSONata's sequences collapse: the results of the evaluator of package
// jsonata on those inputs must be values of the inferred shape too.
func TestJSONataSuiteSoundness(t *testing.T) {
	var datasets map[string]json.RawMessage
	raw, err := os.ReadFile(shareddata.Path(t, "conformance/jsonata/datasets.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &datasets); err != nil {
		t.Fatal(err)
	}
	checked, typed, variants := 0, 0, 0
	for _, line := range shareddata.Lines(t, "conformance/jsonata/cases.jsonl") {
		var c struct {
			ID       string                     `json:"id"`
			Expr     string                     `json:"expr"`
			Data     json.RawMessage            `json:"data"`
			Dataset  *string                    `json:"dataset"`
			Bindings map[string]json.RawMessage `json:"bindings"`
			Result   json.RawMessage            `json:"result"`
		}
		if json.Unmarshal(line, &c) != nil || len(c.Result) == 0 {
			continue
		}
		e, err := jsonata.Parse(c.Expr)
		if err != nil {
			continue
		}
		var ctx *Shape
		switch {
		case len(c.Data) > 0:
			ctx = Literal(c.Data)
		case c.Dataset != nil:
			if d, ok := datasets[*c.Dataset]; ok {
				ctx = Literal(d)
			}
		}
		b := map[string]*Shape{}
		for k, v := range c.Bindings {
			b[k] = Literal(v)
		}
		got := inferJSONata(t, e, ctx, b)
		dec := json.NewDecoder(bytes.NewReader(c.Result))
		dec.UseNumber()
		var want any
		if dec.Decode(&want) != nil {
			continue
		}
		checked++
		if got.s.Kind() != KindUnknown {
			typed++
		}
		if !valueFits(want, got.s) {
			t.Errorf("%s: %s: result %s is not a value of the inferred %s", c.ID, c.Expr, c.Result, got.s)
		}
		var data json.RawMessage
		switch {
		case len(c.Data) > 0:
			data = c.Data
		case c.Dataset != nil:
			data = datasets[*c.Dataset]
		}
		if len(data) == 0 {
			continue
		}
		in, err := jsonvalue.Parse(data)
		if err != nil {
			continue
		}
		vars := map[string]any{}
		for k, v := range c.Bindings {
			if x, err := jsonvalue.Parse(v); err == nil {
				vars[k] = x
			}
		}
		for _, n := range []int{1, 0} {
			if why := evaluatorDeviations[c.ID]; why != "" {
				continue
			}
			// A few large cases take long; they are checked on their
			// recorded result above.
			v, ok, err := e.EvaluateWith(cutArrays(in, n), vars, jsonata.Limits{Timeout: 100 * time.Millisecond})
			if err != nil || !ok {
				continue
			}
			dec := json.NewDecoder(bytes.NewReader([]byte(jsonvalue.String(v))))
			dec.UseNumber()
			var out any
			if dec.Decode(&out) != nil {
				continue
			}
			variants++
			if !valueFits(out, got.s) {
				t.Errorf("%s: %s: with arrays cut to %d members, result %s is not a value of the inferred %s", c.ID, c.Expr, n, jsonvalue.String(v), got.s)
			}
		}
	}
	t.Logf("%d results checked, %d with a known shape; %d results on cut inputs", checked, typed, variants)
}

// evaluatorDeviations lists the cases where the evaluator of package
// jsonata, on a cut input, gives what the reference implementation would
// not, and why.
var evaluatorDeviations = map[string]string{
	// A name looked up in an array of arrays none of whose objects has it:
	// the evaluator keeps the inner empty sequence and gives null, the
	// reference flattens it away and gives nothing.
	"fields/case006": "lookup in nested arrays",
}

// cutArrays returns v with every array cut to its first n members.
func cutArrays(v any, n int) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, 0, n)
		for _, e := range x[:min(n, len(x))] {
			out = append(out, cutArrays(e, n))
		}
		return out
	case *jsonvalue.Object:
		o := jsonvalue.NewObject(x.Len())
		for k, e := range x.All() {
			o.Set(k, cutArrays(e, n))
		}
		return o
	}
	return v
}
