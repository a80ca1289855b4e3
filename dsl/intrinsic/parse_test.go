package intrinsic

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// awsNine is the nine-call example from the AWS documentation, with a third
// argument added: the documented version has three {} placeholders but only
// two arguments.
const awsNine = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), $.x)"

func path(s string) *jsonpath.Path { return jsonpath.MustParse(s) }

func TestParseAST(t *testing.T) {
	tests := []struct {
		in   string
		want *Call
	}{
		{"States.UUID()", &Call{Name: "States.UUID"}},
		{"States.Array( )", &Call{Name: "States.Array"}},
		{"States.Format('Hello {}, you owe {}', $.name, States.MathAdd($.a, 1))", &Call{
			Name: "States.Format",
			Args: []Arg{
				&StringLit{Value: "Hello {}, you owe {}", Raw: "Hello {}, you owe {}", Offset: 14},
				&PathArg{Path: path("$.name"), Offset: 38},
				&Call{Name: "States.MathAdd", Offset: 46, Args: []Arg{
					&PathArg{Path: path("$.a"), Offset: 61},
					&NumberLit{Text: "1", Value: 1, Offset: 66},
				}},
			},
		}},
		{`States.Format('I\'m \{x\} \\ {}', $$.Execution.Id)`, &Call{
			Name: "States.Format",
			Args: []Arg{
				&StringLit{Value: `I'm {x} \ {}`, Raw: `I\'m \{x\} \\ {}`, Offset: 14},
				&PathArg{Path: path("$$.Execution.Id"), Offset: 34},
			},
		}},
		{"States.Array(1, -2.5, 1e3, 0, true, false, null, '', $, $$)", &Call{
			Name: "States.Array",
			Args: []Arg{
				&NumberLit{Text: "1", Value: 1, Offset: 13},
				&NumberLit{Text: "-2.5", Value: -2.5, Offset: 16},
				&NumberLit{Text: "1e3", Value: 1000, Offset: 22},
				&NumberLit{Text: "0", Value: 0, Offset: 27},
				&BoolLit{Value: true, Offset: 30},
				&BoolLit{Value: false, Offset: 36},
				&NullLit{Offset: 43},
				&StringLit{Offset: 49},
				&PathArg{Path: path("$"), Offset: 53},
				&PathArg{Path: path("$$"), Offset: 56},
			},
		}},
		{"States.Array(\t$['a,b'] ,$.x[?(@.y == ')')].z\n)", &Call{
			Name: "States.Array",
			Args: []Arg{
				&PathArg{Path: path("$['a,b']"), Offset: 14},
				&PathArg{Path: path("$.x[?(@.y == ')')].z"), Offset: 24},
			},
		}},
		{"States.JsonMerge($.json1, $.json2, false)", &Call{
			Name: "States.JsonMerge",
			Args: []Arg{
				&PathArg{Path: path("$.json1"), Offset: 17},
				&PathArg{Path: path("$.json2"), Offset: 26},
				&BoolLit{Value: false, Offset: 35},
			},
		}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		tt.want.Source = tt.in
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %s, want %s (or offsets differ)", tt.in, got, tt.want)
		}
		checkRoundTrip(t, tt.in, got)
	}
}

func TestParseValid(t *testing.T) {
	tests := []struct{ in, want string }{
		{awsNine, awsNine},
		{"States.Format('Hello, my name is {}.', $.name)", ""},
		{"States.Format($.template, $.name)", ""},
		{"States.Format('no placeholders \\{\\}')", ""},
		{"States.StringToJson($.escapedJsonString)", ""},
		{"States.JsonToString($.unescapedJson)", ""},
		{"States.Array($.Id)", ""},
		{"States.ArrayPartition($.inputArray,4)", "States.ArrayPartition($.inputArray, 4)"},
		{"States.ArrayContains($.inputArray, $.lookingFor)", ""},
		{"States.ArrayRange(1, 9, 2)", ""},
		{"States.ArrayRange(0, 999, 1)", ""},
		{"States.ArrayRange(10, 0, -1)", ""},
		{"States.ArrayGetItem($.inputArray, $.index)", ""},
		{"States.ArrayLength($.inputArray)", ""},
		{"States.ArrayUnique($.inputArray)", ""},
		{"States.Base64Encode($.input)", ""},
		{"States.Base64Decode($.base64)", ""},
		{"States.Hash($.Data, $.Algorithm)", ""},
		{"States.Hash($.Data, 'SHA-256')", ""},
		{"States.Hash(States.JsonToString($.x), 'MD5')", ""},
		{"States.MathRandom($.start, $.end)", ""},
		{"States.MathRandom(1, 999, 42)", ""},
		{"States.MathAdd($.value1, $.step)", ""},
		{"States.MathAdd(-2147483648, 2147483647)", ""},
		{"States.StringSplit($.inputString, $.splitter)", ""},
		{"States.StringSplit('a,b', ',')", ""},
		{"States.UUID()", ""},
		{"States.Array($.abc.['def ghi'])", "States.Array($.abc['def ghi'])"},
		{"States.Array($['detail-type'], $.my-key)", "States.Array($['detail-type'], $['my-key'])"},
		{"States.Array($.items.length(), $.items[-1], $..name)", ""},
		{"States.ArrayLength(States.Array(1, 2))", ""},
		{"States.MathAdd(States.ArrayLength($.a), 1)", ""},
		{"States.JsonMerge(States.StringToJson($.a), $.b, false)", ""},
		{"States.ArrayGetItem(States.StringSplit($.s, ' '), 0)", ""},
		{"States.Format('{}', States.Format('{}', 1))", ""},
		{"States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))", ""},
	}
	for _, tt := range tests {
		c, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		want := tt.want
		if want == "" {
			want = tt.in
		}
		if got := c.String(); got != want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, want)
		}
		checkRoundTrip(t, tt.in, c)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		msg    string
		offset int
	}{
		{"", "expected intrinsic function call", 0},
		{"$.a", "expected intrinsic function call", 0},
		{"hello", "expected intrinsic function call", 0},
		{" States.UUID()", "expected intrinsic function call", 0},
		{"States.Foo()", "unknown intrinsic function States.Foo", 0},
		{"States.format('x')", "unknown intrinsic function States.format", 0},
		{"Foo($.a)", "unknown intrinsic function Foo", 0},
		{"States.UUID", "expected ( after States.UUID", 11},
		{"States.UUID ()", "expected ( after States.UUID", 11},
		{"States.UUID() ", "unexpected character ' '", 13},
		{"States.UUID()x", "unexpected character 'x'", 13},
		{"States.Array(", "unterminated parenthesis", 12},
		{"States.Array(1", "unterminated parenthesis", 12},
		{"States.Array(1,", "unterminated parenthesis", 12},
		{"States.Array(States.Array(1)", "unterminated parenthesis", 12},
		{"States.Array(1,)", "expected argument", 15},
		{"States.Array(,1)", "expected argument", 13},
		{"States.Array(1 2)", "unexpected character '2'", 15},
		{"States.Array(1a)", "unexpected character 'a'", 14},
		{"States.Array(\"x\")", "unexpected character '\"'", 13},
		{"States.Array(foo)", "unexpected identifier foo", 13},
		{"States.Array(True)", "unexpected identifier True", 13},
		{"States.Array(States.Nope(1))", "unknown intrinsic function States.Nope", 13},
		{"States.Array('abc)", "unterminated string", 13},
		{`States.Array('abc\`, "unterminated string", 13},
		{`States.Array('a\nb')`, "invalid escape sequence", 15},
		{`States.Array('a\"b')`, "invalid escape sequence", 15},
		{"States.Array(-)", "invalid number", 13},
		{"States.Array(-x)", "invalid number", 13},
		{"States.Array(01)", "unexpected character '1'", 14},
		{"States.Array(1e999)", "number out of range", 13},
		{"States.Array($.a b)", "unexpected character 'b'", 17},
		{"States.Array($.a.)", "empty path segment", 17},
		{"States.Array($.a[)", "unexpected character ')'", 17},
		{"States.Array($.a[0)", "unexpected character ')'", 18},
		{"States.Array($.a[", "unterminated bracket", 16},
		{"States.Array($['x)", "unterminated string", 15},
		{"States.Array($%)", "unexpected character '%'", 14},
		{"States.Array(@.a)", "unexpected character '@'", 13},
		{"States.Array(\xff)", "invalid UTF-8", 13},
		// argument counts
		{"States.Format()", "States.Format expects at least 1 argument, got 0", 0},
		{"States.StringToJson()", "States.StringToJson expects 1 argument, got 0", 0},
		{"States.JsonToString($.a, $.b)", "States.JsonToString expects 1 argument, got 2", 0},
		{"States.ArrayPartition($.a)", "States.ArrayPartition expects 2 arguments, got 1", 0},
		{"States.ArrayContains($.a)", "States.ArrayContains expects 2 arguments, got 1", 0},
		{"States.ArrayRange(1, 2)", "States.ArrayRange expects 3 arguments, got 2", 0},
		{"States.ArrayGetItem($.a)", "States.ArrayGetItem expects 2 arguments, got 1", 0},
		{"States.ArrayLength()", "States.ArrayLength expects 1 argument, got 0", 0},
		{"States.ArrayUnique($.a, $.b)", "States.ArrayUnique expects 1 argument, got 2", 0},
		{"States.Base64Encode()", "States.Base64Encode expects 1 argument, got 0", 0},
		{"States.Base64Decode($.a, $.b)", "States.Base64Decode expects 1 argument, got 2", 0},
		{"States.Hash($.a)", "States.Hash expects 2 arguments, got 1", 0},
		{"States.JsonMerge($.a, $.b)", "States.JsonMerge expects 3 arguments, got 2", 0},
		{"States.MathRandom(1)", "States.MathRandom expects 2 to 3 arguments, got 1", 0},
		{"States.MathRandom(1, 2, 3, 4)", "States.MathRandom expects 2 to 3 arguments, got 4", 0},
		{"States.MathAdd(1, 2, 3)", "States.MathAdd expects 2 arguments, got 3", 0},
		{"States.StringSplit($.a)", "States.StringSplit expects 2 arguments, got 1", 0},
		{"States.UUID(1)", "States.UUID expects 0 arguments, got 1", 0},
		{"States.Array(States.UUID(1))", "States.UUID expects 0 arguments, got 1", 13},
		// literal argument checks
		{"States.Format(1)", "argument 1 of States.Format must be a string", 14},
		{"States.StringToJson(1)", "argument 1 of States.StringToJson must be a string", 20},
		{"States.ArrayLength('abc')", "argument 1 of States.ArrayLength must be an array", 19},
		{"States.ArrayLength(null)", "argument 1 of States.ArrayLength must be an array", 19},
		{"States.ArrayLength(States.Format('x'))", "argument 1 of States.ArrayLength must be an array", 19},
		{"States.ArrayContains(1, 1)", "argument 1 of States.ArrayContains must be an array", 21},
		{"States.ArrayUnique(States.UUID())", "argument 1 of States.ArrayUnique must be an array", 19},
		{"States.ArrayGetItem($.a, '1')", "argument 2 of States.ArrayGetItem must be a number", 25},
		{"States.ArrayPartition($.a, 0)", "States.ArrayPartition chunk size must be positive", 27},
		{"States.ArrayPartition($.a, true)", "argument 2 of States.ArrayPartition must be a number", 27},
		{"States.ArrayRange(1, 9, 0)", "States.ArrayRange step must not be zero", 24},
		{"States.ArrayRange(1, '9', 1)", "argument 2 of States.ArrayRange must be a number", 21},
		{"States.ArrayRange(0, 1000, 1)", "States.ArrayRange would produce more than 1000 elements", 0},
		{"States.Base64Encode(States.ArrayLength($.a))", "argument 1 of States.Base64Encode must be a string", 20},
		{"States.Hash($.a, 'SHA256')", "unsupported hash algorithm 'SHA256' (want MD5, SHA-1, SHA-256, SHA-384 or SHA-512)", 17},
		{"States.Hash($.a, 'sha-1')", "unsupported hash algorithm 'sha-1' (want MD5, SHA-1, SHA-256, SHA-384 or SHA-512)", 17},
		{"States.Hash($.a, 1)", "argument 2 of States.Hash must be a string", 17},
		{"States.JsonMerge($.a, $.b, true)", "States.JsonMerge supports only shallow merging: the third argument must be false", 27},
		{"States.JsonMerge($.a, $.b, 'false')", "argument 3 of States.JsonMerge must be a boolean", 27},
		{"States.JsonMerge('{}', $.b, false)", "argument 1 of States.JsonMerge must be an object", 17},
		{"States.JsonMerge($.a, States.Array(), false)", "argument 2 of States.JsonMerge must be an object", 22},
		{"States.MathRandom('1', 2)", "argument 1 of States.MathRandom must be a number", 18},
		{"States.MathRandom(1, 2, 'seed')", "argument 3 of States.MathRandom must be a number", 24},
		{"States.MathAdd($.a, 'x')", "argument 2 of States.MathAdd must be a number", 20},
		{"States.MathAdd(2147483648, 1)", "States.MathAdd argument out of 32-bit integer range", 15},
		{"States.StringSplit($.a, 1)", "argument 2 of States.StringSplit must be a string", 24},
		// nesting
		{"States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))))",
			"intrinsic functions nested more than 10 deep", 130},
	}
	for _, tt := range tests {
		c, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %s, want error %q", tt.in, c, tt.msg)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error %T, want *SyntaxError", tt.in, err)
			continue
		}
		if se.Msg != tt.msg || se.Offset != tt.offset || se.Input != tt.in {
			t.Errorf("Parse(%q) error = {%q, %d, %q}, want {%q, %d}", tt.in, se.Msg, se.Offset, se.Input, tt.msg, tt.offset)
		}
	}
}

func TestSyntaxErrorIsShared(t *testing.T) {
	_, err := Parse("States.Array($.payment[)")
	var se *jsonpath.SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %T is not a *jsonpath.SyntaxError", err)
	}
	if got, want := err.Error(), "unexpected character ')' at column 24"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestIsIntrinsic(t *testing.T) {
	for s, want := range map[string]bool{
		"States.Format('x')": true,
		"States.":            true,
		"$.a":                false,
		"States":             false,
		" States.UUID()":     false,
	} {
		if got := IsIntrinsic(s); got != want {
			t.Errorf("IsIntrinsic(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	names := Names()
	if len(names) != 18 {
		t.Fatalf("Names() has %d entries, want 18: %v", len(names), names)
	}
	for _, n := range names {
		if !IsKnown(n) || !strings.HasPrefix(n, "States.") {
			t.Errorf("bad name %q", n)
		}
	}
	if IsKnown("States.Foo") {
		t.Error(`IsKnown("States.Foo") = true`)
	}
}

func TestFormatParts(t *testing.T) {
	tests := []struct {
		raw  string
		want []string
	}{
		{"", []string{""}},
		{"{}", []string{"", ""}},
		{"Hello {}, you owe {}", []string{"Hello ", ", you owe ", ""}},
		{`a\{}b{\}c{}`, []string{"a{}b{}c", ""}},
		{`\\{}`, []string{`\`, ""}},
		{`it\'s {{}}`, []string{"it's {", "}"}},
	}
	for _, tt := range tests {
		c := MustParse("States.Array('" + tt.raw + "')")
		s := c.Args[0].(*StringLit)
		if got := s.FormatParts(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FormatParts(%q) = %q, want %q", tt.raw, got, tt.want)
		}
		if got := s.Placeholders(); got != len(tt.want)-1 {
			t.Errorf("Placeholders(%q) = %d, want %d", tt.raw, got, len(tt.want)-1)
		}
	}
}

func TestQuote(t *testing.T) {
	v := `it's {x} \ done`
	q := Quote(v)
	if want := `'it\'s \{x\} \\ done'`; q != want {
		t.Fatalf("Quote(%q) = %q, want %q", v, q, want)
	}
	c := MustParse("States.Format(" + q + ")")
	s := c.Args[0].(*StringLit)
	if s.Value != v || s.Placeholders() != 0 {
		t.Errorf("Quote(%q) parsed back as %q with %d placeholders", v, s.Value, s.Placeholders())
	}
	// A StringLit with only a Value renders through Quote.
	if got := (&StringLit{Value: v}).String(); got != q {
		t.Errorf("StringLit{Value}.String() = %q, want %q", got, q)
	}
}

func TestEqual(t *testing.T) {
	a := MustParse("States.Array($.a, 1, 'x', true, null, States.UUID())")
	b := MustParse("States.Array( $.a ,1,'x',true,null,States.UUID( ) )")
	if !a.Equal(b) {
		t.Error("calls differing only in offsets are not Equal")
	}
	for _, s := range []string{
		"States.Array($.b, 1, 'x', true, null, States.UUID())",
		"States.Array($.a, 1.0, 'x', true, null, States.UUID())",
		"States.Array($.a, 1, 'y', true, null, States.UUID())",
		"States.Array($.a, 1, 'x', false, null, States.UUID())",
		"States.Array($.a, 1, 'x', true, 0, States.UUID())",
		"States.Array($.a, 1, 'x', true, null, States.Array())",
		"States.Array($.a, 1, 'x', true, null)",
	} {
		if a.Equal(MustParse(s)) {
			t.Errorf("%s Equal %s", a, s)
		}
	}
	var nilCall *Call
	if nilCall.Equal(a) || !nilCall.Equal(nil) {
		t.Error("nil handling in Equal")
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse did not panic")
		}
	}()
	MustParse("States.Foo()")
}

// checkRoundTrip verifies that c.String() re-parses to a Call Equal to c.
func checkRoundTrip(t *testing.T, in string, c *Call) {
	t.Helper()
	s := c.String()
	d, err := Parse(s)
	if err != nil {
		t.Errorf("Parse(%q).String() = %q, which does not parse: %v", in, s, err)
		return
	}
	if !c.Equal(d) {
		t.Errorf("Parse(%q).String() = %q, which parses to %s", in, s, d)
	}
	if s2 := d.String(); s2 != s {
		t.Errorf("String not stable for %q: %q then %q", in, s, s2)
	}
}

// TestFormatPlaceholderCount checks that a States.Format whose placeholders
// and arguments do not match parses, as AWS accepts such a definition, and
// fails when evaluated, as AWS fails the execution.
func TestFormatPlaceholderCount(t *testing.T) {
	for _, text := range []string{"States.Format('{} and {}', $.a)", "States.Format('{}')", "States.Format('x', 1)"} {
		c, err := Parse(text)
		if err != nil {
			t.Errorf("Parse(%q): %v", text, err)
			continue
		}
		_, err = c.Eval(Env{Input: jsonvalue.MustParse(`{"a": 1}`)})
		var ie *Error
		if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "number of arguments do not match the occurrences of {}") {
			t.Errorf("Eval(%q) = %v, want the placeholder count error", text, err)
		}
	}
}
