package pylambda

import (
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// The expected texts are what CPython 3 prints for json.loads of the
// input: repr(v), str(v) and json.dumps(v).
var pythonCases = []struct {
	json, repr, str, dumps string
}{
	{`{"a": [1, 2.0, null, true, false], "b": "it's"}`,
		`{'a': [1, 2.0, None, True, False], 'b': "it's"}`, "", `{"a": [1, 2.0, null, true, false], "b": "it's"}`},
	{`"say \"hi\" it's"`, `'say "hi" it\'s'`, `say "hi" it's`, `"say \"hi\" it's"`},
	{`"a'b\"c"`, `'a\'b"c'`, `a'b"c`, `"a'b\"c"`},
	{`[1e16, 1e15, 0.0001, 0.00001, 1.5e-5, -0.0, -0, 1E2, 123456789012345678.0, 1e400, -1e400, 0.1, 100.0, 2.5e+20]`,
		`[1e+16, 1000000000000000.0, 0.0001, 1e-05, 1.5e-05, -0.0, 0, 100.0, 1.2345678901234568e+17, inf, -inf, 0.1, 100.0, 2.5e+20]`, "",
		`[1e+16, 1000000000000000.0, 0.0001, 1e-05, 1.5e-05, -0.0, 0, 100.0, 1.2345678901234568e+17, Infinity, -Infinity, 0.1, 100.0, 2.5e+20]`},
	{`"\u00e9\u00a0\u2028\u200b\ud83d\ude00\u0007\u007f\u0085\t\n\r\\"`,
		`'é\xa0\u2028\u200b😀\x07\x7f\x85\t\n\r\\'`, "é\u00a0\u2028\u200b😀\x07\x7f\u0085\t\n\r\\",
		`"\u00e9\u00a0\u2028\u200b\ud83d\ude00\u0007\u007f\u0085\t\n\r\\"`},
	{`"\u0000\u001f\u00ff\u0100\uffff\b\f"`, `'\x00\x1fÿĀ\uffff\x08\x0c'`, "\x00\x1fÿĀ\uffff\b\f", `"\u0000\u001f\u00ff\u0100\uffff\b\f"`},
	{`"\udb40\udc01\u0378"`, `'\U000e0001\u0378'`, "\U000e0001\u0378", `"\udb40\udc01\u0378"`},
	{`{}`, `{}`, "", `{}`},
	{`[]`, `[]`, "", `[]`},
	{`""`, `''`, "", `""`},
	{`12345678901234567890123`, `12345678901234567890123`, "", `12345678901234567890123`},
	{`{"k": {"nested": ["x"]}, "z": null}`, `{'k': {'nested': ['x']}, 'z': None}`, "", `{"k": {"nested": ["x"]}, "z": null}`},
}

func TestPython(t *testing.T) {
	for _, c := range pythonCases {
		v, err := jsonvalue.Parse([]byte(c.json))
		if err != nil {
			t.Fatalf("%s: %v", c.json, err)
		}
		if got := Repr(v); got != c.repr {
			t.Errorf("repr(%s) = %s, want %s", c.json, got, c.repr)
		}
		str := c.str
		if _, isString := v.(string); !isString {
			str = c.repr // str is repr but for a str
		}
		if got := Str(v); got != str {
			t.Errorf("str(%s) = %q, want %q", c.json, got, str)
		}
		if got := string(Dumps(v)); got != c.dumps {
			t.Errorf("json.dumps(%s) = %s, want %s", c.json, got, c.dumps)
		}
	}
}
