package jsonata

import (
	"errors"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// FuzzEvaluate checks that evaluation never fails with an internal error
// (a recovered panic, code U1000) and that its errors are *RuntimeError
// values with an offset inside the expression.
func FuzzEvaluate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	input := jsonvalue.MustParse(`{"a": {"b": [1, 2, {"c": "x"}]}, "Account": {"Order": [{"OrderID": "o1", "Product": [{"Price": 2, "Quantity": 3}]}]}, "items": [3, 1, 2]}`)
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			return
		}
		_, _, err = e.EvaluateWith(input, map[string]any{"x": jsonvalue.Int(1)}, Limits{MaxDepth: 200, Timeout: 100 * time.Millisecond})
		if err == nil {
			return
		}
		var re *RuntimeError
		if !errors.As(err, &re) {
			return // errors of host functions such as crypto/rand
		}
		if re.Code == "U1000" {
			t.Fatalf("Evaluate(%q): %v", s, err)
		}
		if re.Offset < 0 || re.Offset > len(s) {
			t.Fatalf("Evaluate(%q): offset %d out of range", s, re.Offset)
		}
	})
}
