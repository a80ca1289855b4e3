package jsonata

import (
	"errors"
	"strings"
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
		// A path ending at an empty array gives the array, not undefined.
		{`$z.items`, `[]`},
		{`$count($z.items)`, `0`},
		// $clone copies through JSON text, as jsonata-js does: numbers to
		// 15 significant digits, functions as "".
		{`$clone($x[2])`, `{"k":"b","v":5}`},
		{`$clone({"n": 0.1 + 0.2, "f": function(){1}, "a": [1, {"b": null}]})`, `{"n":0.3,"f":"","a":[1,{"b":null}]}`},
		// Tail calls run in constant depth.
		{`($loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; $loop(100000, 0))`, `100000`},
	}
	for _, c := range cases {
		e, err := Parse(c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		v, ok, err := e.Evaluate(nil, map[string]any{"x": x, "y": jsonvalue.MustParse(`[null, 1]`), "z": jsonvalue.MustParse(`{"items": []}`)})
		if err != nil || !ok {
			t.Errorf("%s: %v %v", c.expr, ok, err)
			continue
		}
		if !jsonvalue.Equal(v, jsonvalue.MustParse(c.want)) {
			t.Errorf("%s = %s, want %s", c.expr, jsonvalue.String(v), c.want)
		}
	}
	if e, _ := Parse(`$clone($nothing)`); e == nil {
		t.Error("$clone($nothing) does not parse")
	} else if v, ok, err := e.Evaluate(nil, nil); ok || err != nil {
		t.Errorf("$clone($nothing) = %v, %v, %v; want undefined", v, ok, err)
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
		{`$clone(1)`, "T0410", 0},
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

// varsFunc adapts a function to Vars.
type varsFunc func(string) (any, bool)

func (f varsFunc) Var(name string) (any, bool) { return f(name) }

// TestEvaluateVars checks variables supplied by a Vars: looked up after the
// expression's own bindings and before the built-ins, with no input.
func TestEvaluateVars(t *testing.T) {
	vars := varsFunc(func(name string) (any, bool) {
		switch name {
		case "n":
			return jsonvalue.Int(2), true
		case "string":
			return "shadowed", true
		}
		return nil, false
	})
	cases := []struct {
		expr, want string
		ok         bool
	}{
		{`$n + 1`, `3`, true},
		{`($n := 5; $n)`, `5`, true},
		{`$string`, `"shadowed"`, true},
		{`$sum([$n, 1])`, `3`, true},
		{`$missing`, ``, false},
		{`$`, ``, false},
	}
	for _, c := range cases {
		e, err := Parse(c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		v, ok, err := e.EvaluateVars(NoInput, vars, Limits{})
		if err != nil || ok != c.ok {
			t.Errorf("%s: ok %v, err %v; want ok %v", c.expr, ok, err, c.ok)
			continue
		}
		if ok && !jsonvalue.Equal(v, jsonvalue.MustParse(c.want)) {
			t.Errorf("%s = %s, want %s", c.expr, jsonvalue.String(v), c.want)
		}
	}
}

// TestEvaluateDone checks that closing Limits.Done stops an evaluation that
// would otherwise never end, and one building a large range, with U1001.
func TestEvaluateDone(t *testing.T) {
	for _, src := range []string{
		`($inf := function(){ $inf() }; $inf())`, // a tail call: no depth limit ends it
		`[1..9999999] ~> $count()`,
	} {
		e, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		// Closed before the evaluation starts: it stops at its first check.
		closed := make(chan struct{})
		close(closed)
		_, _, err = e.EvaluateWith(nil, nil, Limits{Done: closed})
		var re *RuntimeError
		if !errors.As(err, &re) || re.Code != "U1001" || !strings.Contains(re.Error(), "stopped") {
			t.Errorf("%s with Done closed: %v, want U1001 stopped", src, err)
		}
	}

	// Closed while the evaluation runs in another goroutine: it ends.
	e, err := Parse(`($inf := function(){ $inf() }; $inf())`)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, _, err := e.EvaluateWith(nil, nil, Limits{Done: stop})
		done <- err
	}()
	close(stop)
	if err := <-done; err == nil {
		t.Error("an endless evaluation ended without an error")
	}
}
