package intrinsic

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// evalCase evaluates expr against input. want is the expected result as
// JSON; with exact, the result must also print exactly as want (key order,
// number spelling). detail, when set, is the expected failure detail: the
// message must be "The function '<expr>' had the following error: <detail>".
type evalCase struct {
	expr   string
	input  string
	want   string
	exact  bool
	detail string
}

func testEnv(input string) Env {
	in := jsonvalue.MustParse(input)
	ctx := jsonvalue.MustParse(`{"Execution":{"Id":"arn:aws:states:us-east-1:111111111111:execution:sm:ex1","Name":"ex1"},` +
		`"StateMachine":{"Id":"arn:aws:states:us-east-1:111111111111:stateMachine:sm-one","Name":"sm-one"}}`)
	exec, _ := ctx.(*jsonvalue.Object).Get("Execution")
	exec.(*jsonvalue.Object).Set("Input", in)
	return Env{Input: in, Context: ctx, Rand: rand.New(rand.NewPCG(1, 2))}
}

func runCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		if tc.input == "" {
			tc.input = "{}"
		}
		c, err := Parse(tc.expr)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.expr, err)
			continue
		}
		got, err := c.Eval(testEnv(tc.input))
		if tc.detail != "" {
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%s on %s: got %s, %v; want error %q", tc.expr, tc.input, jsonvalue.String(got), err, tc.detail)
				continue
			}
			want := "The function '" + tc.expr + "' had the following error: " + tc.detail
			if e.Name != "States.Runtime" || e.Msg != want {
				t.Errorf("%s on %s:\n got error %s: %s\nwant error States.Runtime: %s", tc.expr, tc.input, e.Name, e.Msg, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s on %s: %v", tc.expr, tc.input, err)
			continue
		}
		want := jsonvalue.MustParse(tc.want)
		if !jsonvalue.Equal(got, want) || tc.exact && jsonvalue.String(got) != jsonvalue.String(want) {
			t.Errorf("%s on %s = %s, want %s", tc.expr, tc.input, jsonvalue.String(got), tc.want)
		}
	}
}

func invalid(name string) string { return "Invalid arguments in " + name }

// rangeJSON returns the JSON array [from, from+1, ..., to].
func rangeJSON(from, to int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := from; i <= to; i++ {
		if i > from {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteByte(']')
	return b.String()
}

func TestFormat(t *testing.T) {
	runCases(t, []evalCase{
		{expr: "States.Format('Hello {}', $.name)", input: `{"name":"Ada"}`, want: `"Hello Ada"`},
		{expr: "States.Format('no placeholders')", want: `"no placeholders"`},
		{expr: "States.Format('')", want: `""`},
		{expr: "States.Format('{} {} {} {}', $.a, $.b, $.c, $.d)", input: `{"a":"x","b":2,"c":true,"d":null}`, want: `"x 2 true null"`},
		{expr: "States.Format('{} {} {} {} {} {}', $.a, $.b, $.c, $.d, $.e, $.f)",
			input: `{"a":1.1,"b":1.0,"c":1.50,"d":1e2,"e":1e20,"f":-0}`, want: `"1.1 1.0 1.5 100.0 1.0E20 0"`},
		{expr: "States.Format('{}|{}', $.a, $.b)", input: `{"a":12345678901234567890,"b":0.0001}`, want: `"12345678901234567890|1.0E-4"`},
		{expr: "States.Format('{}', $.o)", input: `{"o":{"Arg1":1,"Arg2":[]}}`, want: `"{Arg1=1, Arg2=[]}"`},
		{expr: "States.Format('{}', $.o)", input: `{"o":["a",{"b":null,"c":[1,2.5]},true]}`, want: `"[a, {b=null, c=[1, 2.5]}, true]"`},
		{expr: "States.Format('{}', $.o)", input: `{"o":{}}`, want: `"{}"`},
		{expr: "States.Format('{}', $$.StateMachine)", want: `"{Id=arn:aws:states:us-east-1:111111111111:stateMachine:sm-one, Name=sm-one}"`},
		{expr: `States.Format('\{{}\} it\'s \\ {}', $.a, 'lit\{')`, input: `{"a":"x"}`, want: `"{x} it's \\ lit{"`},
		{expr: "States.Format('{}{}', 'a', States.Format('{}', 1))", want: `"a1"`},
		{expr: "States.Format($.t, $.a)", input: `{"t":"Hello {}!","a":"x"}`, want: `"Hello x!"`},
		{expr: "States.Format($.t, $.a)", input: `{"t":"\\{{}\\}","a":"x"}`, want: `"{x}"`},
		{expr: "States.Format($.t)", input: `{"t":"back\\slash"}`, want: `"back\\slash"`},
		{expr: "States.Format('{}', $.n)", input: `{"n":null}`, want: `"null"`},
		// A value from States.StringToJson is a Jackson tree: it prints as JSON.
		{expr: "States.Format('{}', States.StringToJson($.j))", input: `{"j":"\"x\""}`, want: `"\"x\""`},
		{expr: "States.Format('{}', States.StringToJson($.j))", input: `{"j":"{\"a\": [1, 1.50]}"}`, want: `"{\"a\":[1,1.5]}"`},
		{expr: "States.Format($.t, 1)", input: `{"t":5}`, detail: invalid("States.Format")},
		{expr: "States.Format($.t, $.a)", input: `{"t":"{} {}","a":1}`,
			detail: "Invalid arguments in States.Format: number of arguments do not match the occurrences of {}."},
		{expr: "States.Format($.t)", input: `{"t":"{}"}`,
			detail: "Invalid arguments in States.Format: number of arguments do not match the occurrences of {}."},
		{expr: "States.Format($.t, $.a)", input: `{"t":"Hello {","a":1}`,
			detail: "Invalid template in States.Format: matching '}' not found for '{'."},
		{expr: "States.Format($.t, $.a)", input: `{"t":"Hello {{}}","a":1}`,
			detail: "Invalid template in States.Format: matching '}' not found for '{'."},
		{expr: "States.Format($.t)", input: `{"t":"}"}`,
			detail: "Invalid template in States.Format: matching '{' not found for '}'."},
		{expr: "States.Format('{}', $.nope)", input: `{"other":1}`,
			detail: `The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'`},
		{expr: "States.Format('{}',$.nope)", input: `{"other":1}`,
			detail: `The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'`},
		{expr: "States.Format('{}', States.Format('{}', $.nope))", input: `{"other":1}`,
			detail: `The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'`},
		{expr: "States.Format('{}', $.items[5])", input: `{"items":[1,2]}`,
			detail: `The JsonPath argument for the field '$.items[5]' could not be found in the input '{"items":[1,2]}'`},
		{expr: "States.Format('{}', $['no pe'])", input: `{}`,
			detail: `The JsonPath argument for the field '$['no pe']' could not be found in the input '{}'`},
		{expr: "States.Format('{}', $.a.b)", input: `{"a":"x"}`,
			detail: `The JsonPath argument for the field '$.a.b' could not be found in the input '{"a":"x"}'`},
		{expr: "States.Format('{}', $.n[0])", input: `{"n":null}`,
			detail: `The JsonPath argument for the field '$.n[0]' could not be found in the input '{"n":null}'`},
		// Indexing a value that is not an array is not "not found": AWS passes
		// on the message of Jayway's InvalidPathException.
		{expr: "States.Format('{}', $.a[0])", input: `{"a":1}`,
			detail: `Filter: [0] can only be applied to arrays. Current context is: 1`},
		// Indefinite paths give the list of their matches, possibly empty.
		{expr: "States.Format('{}', $.a[*].b)", input: `{"a":[{"b":1},{"c":2},{"b":"x"}]}`, want: `"[1, x]"`},
		{expr: "States.ArrayLength($.nope[*])", input: `{}`, want: `0`},
		// A $$ path that is not found still prints the state input.
		{expr: "States.Format('{}', $$.Execution.Nope)", input: `{"a":1}`,
			detail: `The JsonPath argument for the field '$$.Execution.Nope' could not be found in the input '{"a":1}'`},
	})
}

func TestJSONFunctions(t *testing.T) {
	runCases(t, []evalCase{
		{expr: "States.StringToJson($.s)", input: `{"s":""}`, want: `null`},
		{expr: "States.StringToJson($.s)", input: `{"s":" \n"}`, want: `null`},
		{expr: "States.StringToJson($.s)", input: `{"s":"null"}`, want: `null`},
		{expr: "States.StringToJson($.s)", input: `{"s":"-0"}`, want: `0`, exact: true},
		{expr: "States.StringToJson($.s)", input: `{"s":"1.10"}`, want: `1.1`, exact: true},
		{expr: "States.StringToJson($.s)", input: `{"s":"[1, 2e1, \"x\"]"}`, want: `[1,20.0,"x"]`, exact: true},
		{expr: "States.StringToJson($.s)", input: `{"s":"{\"Arg1\": 1, \"Arg2\": []}"}`, want: `{"Arg1":1,"Arg2":[]}`, exact: true},
		{expr: "States.StringToJson($.s)", input: `{"s":"\"HelloWorld\""}`, want: `"HelloWorld"`},
		{expr: "States.StringToJson($.s)", input: `{"s":"{} trailing"}`, want: `{}`},
		{expr: "States.StringToJson($.s)", input: `{"s":"1 2"}`, want: `1`},
		{expr: `States.StringToJson('{"a": true}')`, want: `{"a":true}`},
		{expr: "States.StringToJson($.s)", input: `{"s":"1x"}`, detail: invalid("States.StringToJson")},
		{expr: "States.StringToJson($.s)", input: `{"s":"{"}`, detail: invalid("States.StringToJson")},
		{expr: "States.StringToJson($.s)", input: `{"s":"nope"}`, detail: invalid("States.StringToJson")},
		{expr: "States.StringToJson($.s)", input: `{"s":{"a":1}}`, detail: invalid("States.StringToJson")},

		{expr: "States.JsonToString($.v)", input: `{"v":null}`, want: `"null"`},
		{expr: "States.JsonToString($.v)", input: `{"v":1.1}`, want: `"1.1"`},
		{expr: "States.JsonToString($.v)", input: `{"v":true}`, want: `"true"`},
		{expr: "States.JsonToString($.v)", input: `{"v":"HelloWorld"}`, want: `"\"HelloWorld\""`},
		{expr: "States.JsonToString($.v)", input: `{"v":[1,2,"HelloWorld"]}`, want: `"[1,2,\"HelloWorld\"]"`},
		{expr: "States.JsonToString($.v)", input: `{"v":{"Arg1":1,"Arg2":[]}}`, want: `"{\"Arg1\":1,\"Arg2\":[]}"`},
		{expr: "States.JsonToString($.v)", input: `{"v":{"z":1.50,"a":"\u0001\n\"é/"}}`, want: `"{\"z\":1.5,\"a\":\"\\u0001\\n\\\"é/\"}"`},
		{expr: "States.JsonToString($)", input: `{"b":1,"a":2}`, want: `"{\"b\":1,\"a\":2}"`},

		{expr: "States.JsonMerge($.a, $.b, false)",
			input: `{"a":{"a":{"a1":1,"a2":2},"b":2,"d":3},"b":{"a":{"a3":1,"a4":2},"c":3,"d":4}}`,
			want:  `{"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3}`, exact: true},
		{expr: `States.JsonMerge(States.StringToJson('{"x": "false"}'), $$.Execution.Input.f, false)`,
			input: `{"f":{"y":"v"}}`, want: `{"x":"false","y":"v"}`, exact: true},
		{expr: "States.JsonMerge($.a, $.b, false)", input: `{"a":{},"b":[]}`, detail: invalid("States.JsonMerge")},
		{expr: "States.JsonMerge($.a, $.b, false)", input: `{"a":null,"b":{}}`, detail: invalid("States.JsonMerge")},
		{expr: "States.JsonMerge($.a, $.b, $.deep)", input: `{"a":{},"b":{},"deep":true}`, detail: invalid("States.JsonMerge")},
		{expr: "States.JsonMerge($.a, $.b, $.deep)", input: `{"a":{},"b":{},"deep":"false"}`, detail: invalid("States.JsonMerge")},
	})
}

func TestArrayFunctions(t *testing.T) {
	runCases(t, []evalCase{
		{expr: "States.Array()", want: `[]`},
		{expr: "States.Array('a', 1, 1.5, true, null, $.o, States.Array())", input: `{"o":{"k":1}}`, want: `["a",1,1.5,true,null,{"k":1},[]]`},
		{expr: "States.Array($.a, $.b)", input: `{"a":"","b":" "}`, want: `[""," "]`},

		{expr: "States.ArrayPartition($.a, 4)", input: `{"a":[1,2,3,4,5,6,7,8,9]}`, want: `[[1,2,3,4],[5,6,7,8],[9]]`},
		{expr: "States.ArrayPartition($.a, 2)", input: `{"a":[]}`, want: `[]`},
		{expr: "States.ArrayPartition($.a, 5)", input: `{"a":[0,1]}`, want: `[[0,1]]`},
		{expr: "States.ArrayPartition($.a, 2.6)", input: `{"a":[1,2,3,4,5]}`, want: `[[1,2],[3,4],[5]]`},
		{expr: "States.ArrayPartition($.a, 2147483647)", input: `{"a":[1,2,3]}`, want: `[[1,2,3]]`},
		{expr: "States.ArrayPartition($.a, $.n)", input: `{"a":[1],"n":0.6}`, detail: invalid("States.ArrayPartition")},
		{expr: "States.ArrayPartition($.a, $.n)", input: `{"a":[1],"n":-1}`, detail: invalid("States.ArrayPartition")},
		{expr: "States.ArrayPartition($.a, $.n)", input: `{"a":[1],"n":"2"}`, detail: invalid("States.ArrayPartition")},
		{expr: "States.ArrayPartition($.a, $.n)", input: `{"a":[1],"n":null}`, detail: invalid("States.ArrayPartition")},
		{expr: "States.ArrayPartition($.a, 2)", input: `{"a":"not-array"}`, detail: invalid("States.ArrayPartition")},

		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[1,2,3],"v":2}`, want: `true`},
		{expr: "States.ArrayContains($.a, 5)", input: `{"a":[1,2,3,4,5,6]}`, want: `true`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[],"v":null}`, want: `false`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[null],"v":null}`, want: `true`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[[1,2,3],2],"v":[1,2,3]}`, want: `true`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[[1,2,3],2],"v":null}`, want: `false`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[{"1":2,"2":[]}],"v":{"2":[],"1":2}}`, want: `true`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[{"1":2,"2":[]}],"v":[]}`, want: `false`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[true,false],"v":false}`, want: `true`},
		{expr: "States.ArrayContains($.a, '5')", input: `{"a":[5]}`, want: `false`},
		// Java equality: an Integer never equals a Double.
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[1],"v":1.0}`, want: `false`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[1.0],"v":1.00}`, want: `true`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[-0],"v":0}`, want: `true`},
		{expr: "States.ArrayContains($.a, 1)", input: `{"a":{"x":1}}`, detail: invalid("States.ArrayContains")},

		{expr: "States.ArrayRange(1, 9, 2)", want: `[1,3,5,7,9]`},
		{expr: "States.ArrayRange($.a, $.b, $.c)", input: `{"a":0,"b":10,"c":3}`, want: `[0,3,6,9]`},
		{expr: "States.ArrayRange($.a, $.b, $.c)", input: `{"a":1,"b":9,"c":9}`, want: `[1]`},
		{expr: "States.ArrayRange(-2, 2, 2)", want: `[-2,0,2]`},
		{expr: "States.ArrayRange(5, 1, -2)", want: `[5,3,1]`},
		{expr: "States.ArrayRange(3, 3, -1)", want: `[3]`},
		{expr: "States.ArrayRange(5, 1, 1)", want: `[]`},
		{expr: "States.ArrayRange(1, 5, -1)", want: `[]`},
		{expr: "States.ArrayRange(1.4, 5.6, 2.2)", want: `[1,3,5]`},
		{expr: "States.ArrayRange(1.6, 1.4, 1)", want: `[1]`},
		{expr: "States.ArrayRange(5.4, -0.6, -2.4)", want: `[5,3,1]`},
		{expr: "States.ArrayRange(States.MathAdd($.b, 1), States.MathAdd($.b, 5), 2)", input: `{"b":0}`, want: `[1,3,5]`},
		{expr: "States.ArrayRange(1, $.n, 1)", input: `{"n":1001}`, detail: invalid("States.ArrayRange")},
		{expr: "States.ArrayRange($.n, 1, -1)", input: `{"n":1001}`, detail: invalid("States.ArrayRange")},
		{expr: "States.ArrayRange(1, 10, 0.49)", detail: invalid("States.ArrayRange")},
		{expr: "States.ArrayRange(1, $.n, 1)", input: `{"n":1000}`, want: rangeJSON(1, 1000)},
		{expr: "States.ArrayRange(1, 10, $.s)", input: `{"s":0}`, detail: invalid("States.ArrayRange")},
		{expr: "States.ArrayRange($.a, 5, 1)", input: `{"a":"a"}`, detail: invalid("States.ArrayRange")},
		{expr: "States.ArrayRange($.a, 5, 1)", input: `{"a":2147483648}`, detail: invalid("States.ArrayRange")},

		{expr: "States.ArrayGetItem($.a, $.i)", input: `{"a":[1,2,3,4,5,6,7,8,9],"i":5}`, want: `6`},
		{expr: "States.ArrayGetItem($.a, 1.2)", input: `{"a":[10,20,30]}`, want: `20`},
		{expr: "States.ArrayGetItem($.a, 0)", input: `{"a":[null]}`, want: `null`},
		{expr: "States.ArrayGetItem($.a, 999)", input: `{"a":[]}`, want: `null`},
		{expr: "States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)", want: `"y"`},
		{expr: "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", want: `"sm"`},
		{expr: "States.ArrayGetItem($.a, 3)", input: `{"a":[10,20,30]}`, detail: invalid("States.ArrayGetItem")},
		{expr: "States.ArrayGetItem($.a, -1)", input: `{"a":[10,20,30]}`, detail: invalid("States.ArrayGetItem")},
		{expr: "States.ArrayGetItem($.a, $.i)", input: `{"a":[10,20,30],"i":"1"}`, detail: invalid("States.ArrayGetItem")},
		{expr: "States.ArrayGetItem($.a, 0)", input: `{"a":"not-array"}`, detail: invalid("States.ArrayGetItem")},

		{expr: "States.ArrayLength($.a)", input: `{"a":[1,2,3,4,5,6,7,8,9]}`, want: `9`},
		{expr: "States.ArrayLength($.a)", input: `{"a":[]}`, want: `0`},
		{expr: "States.ArrayLength($.a)", input: `{"a":{}}`, detail: invalid("States.ArrayLength")},

		{expr: "States.ArrayUnique($.a)", input: `{"a":[1,2,2,3,3,4]}`, want: `[1,2,3,4]`},
		{expr: "States.ArrayUnique($.a)",
			input: `{"a":[null,null,true,true,false,false,1,1,1.1,0,0,"HelloWorld","HelloWorld",[],[],[null],[null],{"a":1,"b":2},{"b":2,"a":1},{"a":1,"b":1}]}`,
			want:  `[null,true,false,1,1.1,0,"HelloWorld",[],[null],{"a":1,"b":2},{"a":1,"b":1}]`, exact: true},
		{expr: "States.ArrayUnique($.a)", input: `{"a":[1,1.0,"1"]}`, want: `[1,1.0,"1"]`, exact: true},
		{expr: "States.ArrayUnique($.a)", input: `{"a":"x"}`, detail: invalid("States.ArrayUnique")},
	})
}

func TestEncodingAndHash(t *testing.T) {
	a10000 := strings.Repeat("a", 10000)
	runCases(t, []evalCase{
		{expr: "States.Base64Encode($.s)", input: `{"s":"Data to encode"}`, want: `"RGF0YSB0byBlbmNvZGU="`},
		{expr: "States.Base64Encode($.s)", input: `{"s":""}`, want: `""`},
		{expr: "States.Base64Encode($.s)", input: `{"s":"✓"}`, want: `"4pyT"`},
		{expr: "States.Base64Encode('🚀')", want: `"8J+agA=="`},
		{expr: "States.Base64Encode($.s)", input: `{"s":"` + a10000 + `"}`, want: `"` + strings.Repeat("YWFh", 3333) + `YQ=="`},
		{expr: "States.Base64Encode($.s)", input: `{"s":"` + a10000 + `a"}`, detail: invalid("States.Base64Encode")},
		{expr: "States.Base64Encode($.s)", input: `{"s":123}`, detail: invalid("States.Base64Encode")},
		{expr: "States.Base64Encode($.s)", input: `{"s":["x"]}`, detail: invalid("States.Base64Encode")},

		{expr: "States.Base64Decode($.s)", input: `{"s":"RGF0YSB0byBlbmNvZGU="}`, want: `"Data to encode"`},
		{expr: "States.Base64Decode($.s)", input: `{"s":""}`, want: `""`},
		{expr: "States.Base64Decode('4pyT')", want: `"✓"`},
		{expr: "States.Base64Decode('YWJjAGRlZg==')", want: `"abc\u0000def"`},
		{expr: "States.Base64Decode(States.Base64Encode($.s))", input: `{"s":"こんにちは"}`, want: `"こんにちは"`},
		// Lenient decoding: no padding, junk skipped, the first '=' ends the data.
		{expr: "States.Base64Decode('YWJjZA')", want: `"abcd"`},
		{expr: "States.Base64Decode(' YWJjZA== ')", want: `"abcd"`},
		{expr: "States.Base64Decode('ab==cd')", want: `"i"`},
		{expr: "States.Base64Decode('abc')", want: `"i\ufffd"`},
		{expr: "States.Base64Decode('!!!aGVsbG8!!!')", want: `"hello"`},
		{expr: "States.Base64Decode('-_8')", want: `"\ufffd\ufffd"`},
		{expr: "States.Base64Decode($.s)", input: `{"s":"` + strings.Repeat("A", 10001) + `"}`, detail: invalid("States.Base64Decode")},
		{expr: "States.Base64Decode($.s)", input: `{"s":{}}`, detail: invalid("States.Base64Decode")},

		{expr: "States.Hash($.d, $.a)", input: `{"d":"input data","a":"MD5"}`, want: `"812f45842bc6d66ee14572ce20db8e86"`},
		{expr: "States.Hash($.d, $.a)", input: `{"d":"input data","a":"SHA-1"}`, want: `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{expr: "States.Hash($.d, $.a)", input: `{"d":"input data","a":"SHA-256"}`, want: `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{expr: "States.Hash($.d, $.a)", input: `{"d":"input data","a":"SHA-384"}`,
			want: `"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"`},
		{expr: "States.Hash($.d, $.a)", input: `{"d":"input data","a":"SHA-512"}`,
			want: `"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"`},
		{expr: "States.Hash('', 'SHA-256')", want: `"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`},
		{expr: "States.Hash($.s, 'SHA-256')", input: `{"s":"こんにちは"}`, want: `"125aeadf27b0459b8760c13a3d80912dfa8a81a68261906f60d87f4a0268646c"`},
		{expr: "States.Hash(States.Format('{}:{}', $.a, $.b), 'SHA-256')", input: `{"a":"x","b":"y"}`,
			want: `"1274e286686b54fe765ec40735665b4bf789cee2a5b22124c5e0491a88e15271"`},
		// Data that is not a string is hashed as Java prints it.
		{expr: "States.Hash(123, 'MD5')", want: `"202cb962ac59075b964b07152d234b70"`},
		{expr: "States.Hash($.d, 'MD5')", input: `{"d":{}}`, want: `"99914b932bd37a50b983c5e7c90ae93b"`},
		{expr: "States.Hash($.d, 'SHA-256')", input: `{"d":"` + a10000 + `"}`, want: `"27dd1f61b867b6a0f6e9d8a41c43231de52107e53ae424de8f847b821db4b711"`},
		{expr: "States.Hash($.d, 'SHA-256')", input: `{"d":"` + a10000 + `a"}`, detail: invalid("States.Hash")},
		{expr: "States.Hash($.d, 'SHA-256')", input: `{"d":null}`, detail: invalid("States.Hash")},
		{expr: "States.Hash('data', $.a)", input: `{"a":"sha-256"}`, detail: invalid("States.Hash")},
		{expr: "States.Hash('data', $.a)", input: `{"a":123}`, detail: invalid("States.Hash")},
		{expr: "States.Hash($.missing, 'SHA-256')",
			detail: `The JsonPath argument for the field '$.missing' could not be found in the input '{}'`},
	})
}

func TestMathAndStrings(t *testing.T) {
	runCases(t, []evalCase{
		{expr: "States.MathAdd($.a, $.b)", input: `{"a":-9,"b":3}`, want: `-6`},
		{expr: "States.MathAdd($.a, $.b)", input: `{"a":1.49,"b":1.5}`, want: `3`},
		{expr: "States.MathAdd($.a, $.b)", input: `{"a":1.5,"b":1.51}`, want: `4`},
		{expr: "States.MathAdd($.a, $.b)", input: `{"a":-1.49,"b":-1.5}`, want: `-2`},
		{expr: "States.MathAdd($.a, $.b)", input: `{"a":-1.5,"b":-1.51}`, want: `-3`},
		{expr: "States.MathAdd($.a, $.b)", input: `{"a":-0.5,"b":0.5}`, want: `1`},
		{expr: "States.MathAdd($.a, 0)", input: `{"a":-2.5}`, want: `-2`},
		{expr: "States.MathAdd($.a, 0)", input: `{"a":2.5}`, want: `3`},
		{expr: "States.MathAdd($.a, 0)", input: `{"a":0.49999999999999994}`, want: `0`},
		{expr: "States.MathAdd(2147483647, 2147483647)", want: `4294967294`},
		{expr: "States.MathAdd(States.ArrayLength($.a), -1)", input: `{"a":[1,2]}`, want: `1`, exact: true},
		{expr: "States.MathAdd($.a, 1)", input: `{"a":2147483648}`, detail: invalid("States.MathAdd")},
		{expr: "States.MathAdd($.a, 1)", input: `{"a":"1"}`, detail: invalid("States.MathAdd")},
		{expr: "States.MathAdd($.a, 1)", input: `{"a":{"count.$":1}}`, detail: invalid("States.MathAdd")},

		// Seeded: start + new java.util.Random(seed).nextInt(end - start).
		{expr: "States.MathRandom(-5, 5, 42)", want: `-5`},
		{expr: "States.MathRandom(0, 100, 42)", want: `30`},
		{expr: "States.MathRandom(0, 16, 42)", want: `11`},
		{expr: "States.MathRandom($.a, $.b, $.c)", input: `{"a":0,"b":999,"c":3}`, want: `239`},
		{expr: "States.MathRandom(1, 10, 0)", want: `7`},
		{expr: "States.MathRandom(1, 10, -10)", want: `1`},
		{expr: "States.MathRandom($.a, $.b, 1)", input: `{"a":2147483640,"b":2147483647}`, want: `2147483644`},
		{expr: "States.MathRandom(0, 2147483647, 123456789012)", want: `29712462`},
		{expr: "States.MathRandom(1, 1)", detail: invalid("States.MathRandom")},
		{expr: "States.MathRandom(10, 5)", detail: invalid("States.MathRandom")},
		{expr: "States.MathRandom(1.4, 1.6)", detail: invalid("States.MathRandom")},
		{expr: "States.MathRandom($.a, 10)", input: `{"a":"a"}`, detail: invalid("States.MathRandom")},
		{expr: "States.MathRandom($.a, 10)", input: `{"a":null}`, detail: invalid("States.MathRandom")},
		{expr: "States.MathRandom(1, 10, $.s)", input: `{"s":"seed"}`, detail: invalid("States.MathRandom")},
		{expr: "States.MathRandom(-2147483648, 2147483647)", detail: invalid("States.MathRandom")},

		{expr: "States.StringSplit($.s, $.d)", input: `{"s":"a,b,c","d":","}`, want: `["a","b","c"]`},
		{expr: "States.StringSplit($$.Execution.Input.s, ',')",
			input: `{"s":"Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"}`,
			want:  `["Value1","Value2","Value3\nValue4","Value5","Value6\n","\ntrue","1","'HelloWorld'\nNull","None","\n   \n"]`},
		{expr: "States.StringSplit($.s, $.d)", input: `{"s":"a-b_c--d","d":"_-"}`, want: `["a","b","c","d"]`},
		{expr: "States.StringSplit($.s, $.d)", input: `{"s":" , ","d":","}`, want: `[" "," "]`},
		{expr: "States.StringSplit($.s, $.d)", input: `{"s":",,,","d":","}`, want: `[]`},
		{expr: "States.StringSplit($.s, $.d)", input: `{"s":"","d":","}`, want: `[]`},
		{expr: "States.StringSplit($.s, $.d)", input: `{"s":"a b","d":""}`, want: `["a b"]`},
		{expr: "States.StringSplit($.s, $.d)", input: `{"s":"a✓b","d":"✓"}`, want: `["a","b"]`},
		{expr: "States.StringSplit($.s, ',')", input: `{"s":1}`, detail: invalid("States.StringSplit")},
		{expr: "States.StringSplit('a', $.d)", input: `{"d":null}`, detail: invalid("States.StringSplit")},

		{expr: "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.arn, '/'), 2), '.'), 0)",
			input: `{"arn":"arn:aws:imagebuilder:us-east-1:111:image-recipe/my-recipe/1.0.3"}`, want: `"1"`},
	})
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestRandomness(t *testing.T) {
	c := MustParse("States.Array(States.UUID(), States.UUID(), States.MathRandom(1, 1000), States.MathRandom(1, 10, 42))")
	env := testEnv("{}")
	v1, err := c.Eval(env)
	if err != nil {
		t.Fatal(err)
	}
	a := v1.([]any)
	for _, u := range a[:2] {
		if !uuidRE.MatchString(u.(string)) {
			t.Errorf("UUID %q is not a version 4 UUID", u)
		}
	}
	if a[0] == a[1] {
		t.Errorf("two UUIDs are equal: %v", a[0])
	}
	if n, _ := a[2].(jsonvalue.Number).Int64(); n < 1 || n >= 1000 {
		t.Errorf("MathRandom(1, 1000) = %v", a[2])
	}
	// The same seed gives the same values.
	v2, _ := c.Eval(testEnv("{}"))
	if jsonvalue.String(v1) != jsonvalue.String(v2) {
		t.Errorf("same seed, different results: %s and %s", jsonvalue.String(v1), jsonvalue.String(v2))
	}
	// Without Env.Rand the global generator is used.
	v3, err := c.Eval(Env{})
	if err != nil || !uuidRE.MatchString(v3.([]any)[0].(string)) {
		t.Errorf("without Rand: %v, %v", v3, err)
	}
	// Unseeded values stay in range.
	r := MustParse("States.MathRandom($.a, $.b)")
	env = testEnv(`{"a":-3,"b":2}`)
	seen := map[string]bool{}
	for range 500 {
		v, err := r.Eval(env)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := v.(jsonvalue.Number).Int64()
		if n < -3 || n >= 2 {
			t.Fatalf("MathRandom(-3, 2) = %d", n)
		}
		seen[string(v.(jsonvalue.Number))] = true
	}
	if len(seen) != 5 {
		t.Errorf("MathRandom(-3, 2) produced %v, want all of -3..1", seen)
	}
}

func TestJavaRandom(t *testing.T) {
	// Values printed by OpenJDK 17 for new Random(seed).nextInt(bound).
	tests := []struct {
		seed  int64
		bound int32
		want  int32
	}{
		{42, 10, 0}, {42, 100, 30}, {42, 16, 11}, {42, 99, 62}, {3, 999, 239}, {1, 7, 4},
		{-10, 9, 0}, {0, 9, 6}, {-9223372036854775808, 1000, 360},
		{123456789012, 2147483647, 29712462}, {7, 1 << 30, 784582118},
	}
	for _, tt := range tests {
		if got := newJavaRandom(tt.seed).nextInt(tt.bound); got != tt.want {
			t.Errorf("Random(%d).nextInt(%d) = %d, want %d", tt.seed, tt.bound, got, tt.want)
		}
	}
	r := newJavaRandom(5)
	if a, b := r.nextInt(3), r.nextInt(3); a != 2 || b != 1 {
		t.Errorf("Random(5) draws %d, %d; want 2, 1", a, b)
	}
}

func TestJavaFormatting(t *testing.T) {
	// Double.toString as printed by OpenJDK.
	for in, want := range map[float64]string{
		1e20: "1.0E20", 1: "1.0", 0.001: "0.001", 1e-4: "1.0E-4", 1e7: "1.0E7", 9999999.5: "9999999.5",
		123456789.125: "1.23456789125E8", 1.1: "1.1", 1.7976931348623157e308: "1.7976931348623157E308",
		-2.5: "-2.5", 100: "100.0", 0.5: "0.5", 1234567: "1234567.0",
	} {
		if got := jsonvalue.JavaDouble(in); got != want {
			t.Errorf("jsonvalue.JavaDouble(%v) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[jsonvalue.Number]string{
		"-0": "0", "007": "7", "-12": "-12", "1.0": "1.0", "1e400": "Infinity", "-0.0": "-0.0",
	} {
		if got := jsonvalue.JavaNumber(in); got != want {
			t.Errorf("jsonvalue.JavaNumber(%s) = %q, want %q", in, got, want)
		}
	}
	// new String(bytes, UTF_8) as decoded by OpenJDK 17 (? is U+FFFD).
	for in, want := range map[string]string{
		"\xED\xA0\x80": "?", "\xF0\x9F": "?", "\xC0\x80": "??", "\xF8\x88\x80\x80\x80": "?????",
		"\xE0\x80\x80": "???", "\xF4\x90\x80\x80": "????", "\x80\x80": "??", "\xE2\x82\x41": "?A",
		"\xF0\x9F\x98\x41": "?A", "\xC2\x41": "?A", "\xED\x9F\xBF": "\uD7FF", "\xF0\x90\x80\x80": "\U00010000",
		"\xF0\x80\x80\x80": "????", "\xC1\xBF": "??", "\xFF": "?", "\xF5\x80": "??", "\xED\xA0\x41": "?A",
		"\xED\xBF\xBF\x41": "?A", "ok": "ok",
	} {
		if got := strings.ReplaceAll(javaUTF8([]byte(in)), "\uFFFD", "?"); got != want {
			t.Errorf("javaUTF8(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrorsOfHandBuiltCalls(t *testing.T) {
	// Without Source, the message quotes the canonical form.
	c := &Call{Name: "States.ArrayLength", Args: []Arg{&NumberLit{Text: "1", Value: 1}}}
	_, err := c.Eval(Env{})
	var e *Error
	if !errors.As(err, &e) || e.Msg != "The function 'States.ArrayLength(1)' had the following error: Invalid arguments in States.ArrayLength" {
		t.Errorf("got %v", err)
	}
	if got := e.Error(); got != "States.Runtime: "+e.Msg {
		t.Errorf("Error() = %q", got)
	}
	// A wrong argument count (only possible by hand) is invalid arguments.
	c = &Call{Name: "States.MathAdd", Args: []Arg{&NumberLit{Text: "1", Value: 1}}}
	if _, err := c.Eval(Env{}); err == nil || !strings.HasSuffix(err.Error(), "Invalid arguments in States.MathAdd") {
		t.Errorf("got %v", err)
	}
	// A template literal built with only a Value has no placeholders.
	c = &Call{Name: "States.Format", Args: []Arg{&StringLit{Value: "{}"}}}
	if v, err := c.Eval(Env{}); err != nil || v != "{}" {
		t.Errorf("got %v, %v", v, err)
	}
	c = &Call{Name: "States.Nope"}
	if _, err := c.Eval(Env{}); err == nil {
		t.Error("unknown function evaluated")
	}
}

func TestEveryFunctionEvaluates(t *testing.T) {
	for _, n := range Names() {
		if funcs[n] == nil {
			t.Errorf("%s has no evaluator", n)
		}
	}
	if len(funcs) != len(specs) {
		t.Errorf("%d evaluators for %d functions", len(funcs), len(specs))
	}
}

// TestVariables checks arguments that read workflow variables: $name and
// the path steps after it, from the value Env.Var gives.
func TestVariables(t *testing.T) {
	vars := map[string]any{"cfg": jsonvalue.MustParse(`{"names": ["a", "b"], "n": 2}`), "x_1": "v"}
	env := testEnv(`{"n": 5}`)
	env.Var = func(name string) (any, bool) { v, ok := vars[name]; return v, ok }
	for _, tc := range []struct{ expr, want string }{
		{`States.Format('{}-{}', $cfg.names[1], $x_1)`, `"b-v"`},
		{`States.MathAdd($cfg.n, $.n)`, `7`},
		{`States.ArrayLength($cfg.names)`, `2`},
	} {
		c, err := Parse(tc.expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.expr, err)
		}
		if c.String() != tc.expr {
			t.Errorf("String() = %q, want %q", c.String(), tc.expr)
		}
		got, err := c.Eval(env)
		if err != nil || !jsonvalue.Equal(got, jsonvalue.MustParse(tc.want)) {
			t.Errorf("%s = %s, %v; want %s", tc.expr, jsonvalue.String(got), err, tc.want)
		}
	}
	for expr, detail := range map[string]string{
		`States.Format('{}', $nope)`:     "The variable '$nope' is not defined",
		`States.Format('{}', $cfg.none)`: "The JsonPath argument for the field '$cfg.none' could not be found in the input '{\"n\":5}'",
	} {
		c, err := Parse(expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", expr, err)
		}
		_, err = c.Eval(env)
		var e *Error
		if !errors.As(err, &e) || !strings.HasSuffix(e.Msg, detail) {
			t.Errorf("%s: error %v, want one ending %q", expr, err, detail)
		}
	}
	if _, err := Parse(`States.Format('{}', $cfg[`); err == nil || !strings.Contains(err.Error(), "column 25") {
		t.Errorf("a bad path after a variable: %v, want an error at column 25", err)
	}
}
