package intrinsic

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
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
		"States.Format('{} {}', $var.a[0], $x_1['k'])",
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

// fuzzInput is the state input FuzzEval evaluates calls against.
const fuzzInput = `{"name":"Ada","n":3,"f":-2.5,"s":"a,b,,c","t":"{} and {}","b64":"aGVsbG8=","arr":[1,2,2,"x",null,[1],{"k":1.50}],` +
	`"obj":{"a":1,"b":[true,false]},"empty":[],"big":12345678901234567890,"nul":null,"json":"{\"a\":[1,2]}"}`

func FuzzEval(f *testing.F) {
	for _, s := range []string{
		"States.Format('Hello {}, you owe {}', $.name, States.MathAdd($.n, 1))",
		"States.Format($.t, $.arr, $.obj)",
		"States.StringToJson($.json)",
		"States.JsonToString($)",
		"States.Array($.arr, $.nul, 1.5e3, 'x')",
		"States.ArrayPartition($.arr, $.n)",
		"States.ArrayContains($.arr, $.obj)",
		"States.ArrayRange($.f, $.n, 1)",
		"States.ArrayGetItem($.arr, $.n)",
		"States.ArrayLength($.empty)",
		"States.ArrayUnique($.arr)",
		"States.Base64Encode($.name)",
		"States.Base64Decode($.b64)",
		"States.Hash($.obj, 'SHA-1')",
		"States.JsonMerge($.obj, States.StringToJson($.json), false)",
		"States.MathRandom($.f, $.big, $.n)",
		"States.MathAdd($.big, $.f)",
		"States.StringSplit($.s, ',')",
		"States.UUID()",
		"States.Format('{}', $.missing)",
		awsNine,
	} {
		f.Add(s)
	}
	input := jsonvalue.MustParse(fuzzInput)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		v, err := c.Eval(Env{Input: input, Context: input, Rand: rand.New(rand.NewPCG(1, 1))})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Name != ErrorRuntime || !strings.HasPrefix(e.Msg, "The function '"+s+"' had the following error: ") {
				t.Fatalf("Eval(%q) error %#v", s, err)
			}
			return
		}
		// The result is a JSON value that round-trips.
		if _, err := jsonvalue.Parse(jsonvalue.Marshal(v)); err != nil {
			t.Fatalf("Eval(%q) = %#v, not JSON: %v", s, v, err)
		}
	})
}
