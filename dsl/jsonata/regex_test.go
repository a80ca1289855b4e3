package jsonata

import (
	"errors"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// TestTranslateRegex checks the translation of JavaScript regular
// expression syntax: each pattern's first match in the input.
func TestTranslateRegex(t *testing.T) {
	tests := []struct {
		pattern, flags, input string
		want                  string // first match; "-" for none
	}{
		{`\d+`, "", "ab123c", "123"},
		{`a.c`, "", "a\nc abc", "abc"},
		{`a.c`, "", "a\rc", "-"},
		{`a.c`, "", "a\u2028c", "-"},
		{`[^]+`, "", "a\nb", "a\nb"},
		{`x[]`, "", "x", "-"},
		{`\s+`, "", "a \u00a0\u3000\v\ufeffb", " \u00a0\u3000\v\ufeff"},
		{`\S+`, "", " \u00a0ab\u2028", "ab"},
		{`[\S]+`, "", "\vab\v", "ab"},
		{`[\s\d]+`, "", "a1 2b", "1 2"},
		{`[a\-z]+`, "", "b-az", "-az"},
		{`[\w-]+`, "", "!a-b_!", "a-b_"},
		{`[a-\d]+`, "", "b-a1", "-a1"},
		{`[\b]`, "", "a\bb", "\b"},
		{`\bfoo\b`, "", "afoo foo", "foo"},
		{`\x41\u0042\u{43}`, "", "ABC", "ABC"},
		{`\uD83D\uDCA9`, "", "a💩", "💩"},
		{`\cJ`, "", "a\nb", "\n"},
		{`\0`, "", "a\x00", "\x00"},
		{`\1`, "", "a\x01", "\x01"},
		{`\8`, "", "a8", "8"},
		{`\k`, "", "ak", "k"},
		{`\e\p`, "", "ep", "ep"},
		{`\/\.`, "", "a/.", "/."},
		{`a{2}`, "", "a{2} aa", "aa"},
		{`a{,2}`, "", "aa{,2}", "a{,2}"},
		{`{`, "", "a{", "{"},
		{`}]`, "", "a}]", "}]"},
		{`(?<year>\d{4})`, "", "in 2024", "2024"},
		{`HELLO`, "i", "say hello", "hello"},
		{`^b$`, "m", "a\nb\nc", "b"},
		{`^b$`, "", "a\nb\nc", "-"},
		{`a$`, "", "a\n", "-"},
		{`a+?`, "g", "aaa", "a"},
	}
	for _, tc := range tests {
		m, err := compileRegex(&Regex{Pattern: tc.pattern, Flags: tc.flags})
		if err != nil {
			t.Errorf("/%s/%s: %v", tc.pattern, tc.flags, err)
			continue
		}
		loc := m.re.find(tc.input, 0)
		got := "-"
		if loc != nil {
			got = tc.input[loc[0]:loc[1]]
		}
		if got != tc.want {
			t.Errorf("/%s/%s on %q: got %q, want %q (Go pattern %s)", tc.pattern, tc.flags, tc.input, got, tc.want, m.re.re)
		}
	}
}

func TestTranslateRegexUnsupported(t *testing.T) {
	for _, p := range []string{`a(?=b)`, `a(?!b)`, `(?<=a)b`, `(?<!a)b`, `(a)\1`, `(?<x>a)\k<x>`, `a{1001}`} {
		_, err := compileRegex(&Regex{Offset: 7, Pattern: p})
		var re *RuntimeError
		if !errors.As(err, &re) || re.Code != codeRegexUnsupported || re.Offset != 7 {
			t.Errorf("/%s/: got %v, want a %s error at offset 7", p, err, codeRegexUnsupported)
		}
	}
}

// TestFind checks searches from an offset keep the context of ^ and \b.
func TestFind(t *testing.T) {
	tests := []struct {
		pattern, flags, input string
		from                  int
		want                  int // start of the match, -1 for none
	}{
		{`^a`, "", "aa", 1, -1},
		{`^a`, "m", "a\na", 1, 2},
		{`\ba`, "", "aa a", 1, 3},
		{`\Ba`, "", "aa a", 1, 1},
		{`b`, "", "é b", 2, 3},
		{`x*`, "", "ab", 1, 1},
		{`a`, "", "a", 1, -1},
	}
	for _, tc := range tests {
		m, err := compileRegex(&Regex{Pattern: tc.pattern, Flags: tc.flags})
		if err != nil {
			t.Fatal(err)
		}
		got := -1
		if loc := m.re.find(tc.input, tc.from); loc != nil {
			got = loc[0]
		}
		if got != tc.want {
			t.Errorf("/%s/%s on %q from %d: got %d, want %d", tc.pattern, tc.flags, tc.input, tc.from, got, tc.want)
		}
	}
}

// TestRegexValue calls a regex value as a function and walks its matches
// with next.
func TestRegexValue(t *testing.T) {
	ev := &evaluator{}
	v, err := ev.regexValue(&Regex{Pattern: `(\d)(x)?`})
	if err != nil {
		t.Fatal(err)
	}
	fn, ok := v.(Function)
	if !ok {
		t.Fatalf("regex value is %T, not a Function", v)
	}
	r, err := fn.call(ev, []any{"💩a1b2x"}, undefined, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for r != undefined {
		o := r.(*jsonvalue.Object)
		j, _ := toJSON(o, 0)
		o2 := j.(*jsonvalue.Object)
		o2.Delete("next")
		got = append(got, jsonvalue.String(o2))
		next, _ := o.Get("next")
		if r, err = next.(Function).call(ev, nil, undefined, 0); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		`{"match":"1","start":3,"end":4,"groups":["1",null]}`,
		`{"match":"2x","start":5,"end":7,"groups":["2","x"]}`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("match %d: got %s, want %s", i, got[i], want[i])
		}
	}
	if r, _ := fn.call(ev, []any{"abc"}, undefined, 0); r != undefined {
		t.Errorf("no match: got %v", r)
	}
	if r, _ := fn.call(ev, []any{1.0}, undefined, 0); r != undefined {
		t.Errorf("not a string: got %v", r)
	}
	// The second argument is the offset to search from.
	r, _ = fn.call(ev, []any{"1 2", 1.0}, undefined, 0)
	if o, ok := r.(*jsonvalue.Object); !ok {
		t.Errorf("from offset 1: got %v", r)
	} else if m, _ := o.Get("match"); m != "2" {
		t.Errorf("from offset 1: got match %v", m)
	}
}

// TestRegexEvaluate evaluates expressions with regular expressions; the
// expected results are those of jsonata-js 2.2.2.
func TestRegexEvaluate(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`$match("ab12cd345", /\d+/)`, `[{"match":"12","index":2,"groups":[]},{"match":"345","index":6,"groups":[]}]`},
		{`$match("ab12cd345", /(\d)(\d)?/)`, `[{"match":"12","index":2,"groups":["1","2"]},{"match":"34","index":6,"groups":["3","4"]},{"match":"5","index":8,"groups":["5",null]}]`},
		{`$match("💩a💩b", /[ab]/)`, `[{"match":"a","index":2,"groups":[]},{"match":"b","index":5,"groups":[]}]`},
		{`$match("abcabc", /b/, 1)`, `{"match":"b","index":1,"groups":[]}`},
		{`$match("abcabc", /b/, 0)`, `undefined`},
		{`$match("a\nb", /^b/m)`, `{"match":"b","index":2,"groups":[]}`},
		{`$match("a\nb", /^b/)`, `undefined`},
		{`$match("ab", /(?<first>a)(b)/)`, `{"match":"ab","index":0,"groups":["a","b"]}`},
		{`$match("2024-01-15", /(\d{4})-(\d{2})-(\d{2})/).groups`, `["2024","01","15"]`},
		{`$replace("💩a💩b", /[ab]/, function($m){$string($m.start) & "-" & $string($m.end)})`, `"💩2-3💩5-6"`},
		{`$replace("abcabc", /b/, "X", 1.5)`, `"aXcaXc"`},
		{`$replace("abc", /(b)?c/, "[$1]")`, `"a[b]"`},
		{`$replace("ab", /(x)?b/, "[$1]")`, `"a[]"`},
		{`$replace("a b` + "\u00a0" + `c", /\s/, "_")`, `"a_b_c"`},
		{`$replace("aaa", /a/, "$10")`, `"000"`},
		{`$replace("abcdefghijklm", /(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, "$10|$11|$01|$-1|$ 1|$+1")`, `"j|k|abcdefghijk1||a1|a1lm"`},
		{`$replace("x", /(x)/, "$1$1$")`, `"xx$"`},
		{`$replace("abc", "b", "$0")`, `"a$0c"`},
		{`$replace("abc", "b", function($m){$m.match & "!"})`, `"ab!c"`},
		{`$replace("Hello", /l/i, "L")`, `"HeLLo"`},
		{`$split("a1b22c", /\d/)`, `["a","b","","c"]`},
		{`$split("a1b22c", /\d/, 2.5)`, `["a","b",""]`},
		{`$split("abc", /[^]/)`, `["","","",""]`},
		{`$split("a\tb` + "\u2028" + `c", /\s/)`, `["a","b","c"]`},
		{`$split("a💩b💩c", /💩/)`, `["a","b","c"]`},
		{`$split("abc", /b/, 0)`, `[]`},
		{`$contains("abc", /[]/)`, `false`},
		{`$contains("abc", /^b/)`, `false`},
		{`$contains("abc", /B/i)`, `true`},
		{`$contains("abc", nothing)`, `undefined`},
		{`/a/("xa").start`, `1`},
		{`("abc" ~> /b/).match`, `"b"`},
		{`$type(/a/)`, `"function"`},
		{`$string(/a/)`, `""`},
		{`$match("a\rb", /./)`, `[{"match":"a","index":0,"groups":[]},{"match":"b","index":2,"groups":[]}]`},
		// A custom matcher without next: the first "b" only (the
		// reference fails calling the missing next).
		{`$match("abcb", function($s) { {"match": "b", "start": 1, "end": 2, "groups": []} })`, `{"match":"b","index":1,"groups":[]}`},
		{`$split("abcb", function($s) { {"match": "b", "start": 1, "end": 2, "groups": []} })`, `["a","cb"]`},
	}
	for _, tc := range tests {
		got := regexEvalString(t, tc.expr)
		if got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.expr, got, tc.want)
		}
	}
}

func TestRegexErrors(t *testing.T) {
	tests := []struct{ expr, code string }{
		{`$match("abc", /x*/)`, "D1004"},
		{`$match("aab", /a*/)`, "D1004"},
		{`$replace("a\nb", /^/m, "> ")`, "D1004"},
		{`$split("abc", /x*/)`, "D1004"},
		{`$match("abc", /b/, -1)`, "D3040"},
		{`$split("abc", /b/, -1)`, "D3020"},
		{`$replace("abc", /b/, "x", -1)`, "D3011"},
		{`$replace("abc", "", "x")`, "D3010"},
		{`$replace("abc", /b/, function($m) { 1 })`, "D3012"},
		{`$split("abc", $uppercase)`, "T1010"},
		{`$contains("abc", function($s) { "x" })`, "T1010"},
		{`$match("abc", "b")`, "T0410"},
		{`$match("abc", /(?=b)/)`, codeRegexUnsupported},
		{`$replace("aa", /(a)\1/, "x")`, codeRegexUnsupported},
	}
	for _, tc := range tests {
		e, err := Parse(tc.expr)
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		_, _, err = e.Evaluate(nil, nil)
		var re *RuntimeError
		if !errors.As(err, &re) || re.Code != tc.code {
			t.Errorf("%s: got %v, want error %s", tc.expr, err, tc.code)
		}
	}
}

// regexEvalString evaluates expr without input and renders the result as JSON,
// or "undefined", or the error.
func regexEvalString(t *testing.T, expr string) string {
	t.Helper()
	e, err := Parse(expr)
	if err != nil {
		return "parse error: " + err.Error()
	}
	v, ok, err := e.Evaluate(nil, nil)
	switch {
	case err != nil:
		return "error: " + err.Error()
	case !ok:
		return "undefined"
	}
	return jsonvalue.String(v)
}
