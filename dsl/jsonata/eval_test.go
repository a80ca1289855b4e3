package jsonata

import (
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// TestEvaluateCases covers behaviour the official suite leaves out.
func TestEvaluateCases(t *testing.T) {
	x := jsonvalue.MustParse(`[{"k":"a","v":1},{"k":"a","v":2},{"k":"b","v":5}]`)
	cases := []struct{ expr, want string }{
		// A grouping on a first step that is not a path.
		{`$x{k: $sum(v)}.a`, `3`},
		{`$x{k: $sum(v)}`, `{"a":3,"b":5}`},
		// A group's values include nulls.
		{`$y{'k': $}`, `{"k":[null,1]}`},
		// A focus binding with no following step.
		{`$x@$i`, `[{"k":"a","v":1},{"k":"a","v":2},{"k":"b","v":5}]`},
		// Tail calls run in constant depth.
		{`($loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; $loop(100000, 0))`, `100000`},
	}
	for _, c := range cases {
		e, err := Parse(c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		v, ok, err := e.Evaluate(nil, map[string]any{"x": x, "y": jsonvalue.MustParse(`[null, 1]`)})
		if err != nil || !ok {
			t.Errorf("%s: %v %v", c.expr, ok, err)
			continue
		}
		if !jsonvalue.Equal(v, jsonvalue.MustParse(c.want)) {
			t.Errorf("%s = %s, want %s", c.expr, jsonvalue.String(v), c.want)
		}
	}
}

// TestEvaluateErrors checks error codes and positions.
func TestEvaluateErrors(t *testing.T) {
	cases := []struct {
		expr, code string
		offset     int
	}{
		{`1 + "a"`, "T2002", 2},
		{`$number("x")`, "D3030", 0},
		{`($f := function($n){ $n * $f($n - 1) }; $f(3))`, "U1001", -1},
	}
	for _, c := range cases {
		e, err := Parse(c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		_, _, err = e.EvaluateWith(nil, nil, Limits{MaxDepth: 100})
		re, ok := err.(*RuntimeError)
		if !ok {
			t.Errorf("%s: error %v, want %s", c.expr, err, c.code)
			continue
		}
		if re.Code != c.code || (c.offset >= 0 && re.Offset != c.offset) {
			t.Errorf("%s: %s at %d, want %s at %d", c.expr, re.Code, re.Offset, c.code, c.offset)
		}
	}
}
