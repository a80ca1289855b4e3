package intrinsic

import (
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"States.UUID()",
		"States.Format('Hello {}, you owe {}', $.name, States.MathAdd($.a, 1))",
		`States.Format('I\'m \{x\} \\ {}', $$.Execution.Id)`,
		"States.Array(1, -2.5, 1e3, true, false, null, '', $, $$)",
		"States.Array($['a,b'], $.x[?(@.y == ')')].z)",
		"States.JsonMerge($.json1, $.json2, false)",
		"States.Hash($.Data, 'SHA-256')",
		"States.ArrayRange(1, 9, 2)",
		"States.MathRandom(1, 999, 42)",
		"States.ArrayGetItem(States.StringSplit($.s, ' '), 0)",
		awsNine,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T, want *SyntaxError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) || se.Input != s {
				t.Fatalf("Parse(%q) error %+v has bad offset or input", s, se)
			}
			return
		}
		checkRoundTrip(t, s, c)
	})
}
