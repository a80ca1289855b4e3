package yaml

import (
	"errors"
	"strings"
	"testing"
)

func TestBlockCollections(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"mapping", "a: 1\nb: two\n", `{"a": 1, "b": "two"}`},
		{"nested mapping four spaces", "a:\n    b:\n        c: 1\n    d: 2\n", `{"a": {"b": {"c": 1}, "d": 2}}`},
		{"sequence", "- 1\n- two\n", `[1, "two"]`},
		{"indented sequence value", "a:\n  - 1\n  - 2\nb: 3\n", `{"a": [1, 2], "b": 3}`},
		{"sequence at key indentation", "Retry:\n- ErrorEquals: [States.ALL]\n  MaxAttempts: 2\n- ErrorEquals: [X]\nNext: A\n",
			`{"Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}, {"ErrorEquals": ["X"]}], "Next": "A"}`},
		{"nested sequence at key indentation", "a:\n  b:\n  - 1\n  c:\n  - 2\n", `{"a": {"b": [1], "c": [2]}}`},
		{"compact nested sequences", "- - a\n  - b\n- c\n", `[["a", "b"], "c"]`},
		{"compact mapping in sequence", "-   a: 1\n    b: 2\n-\n  c: 3\n", `[{"a": 1, "b": 2}, {"c": 3}]`},
		{"sequence of sequences of mappings", "- - a: 1\n    b: 2\n  - c: 3\n", `[[{"a": 1, "b": 2}, {"c": 3}]]`},
		{"empty values", "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf:\n", `{"a": null, "b": null, "c": null, "d": null, "e": null, "f": null}`},
		{"empty sequence entries", "-\n- \n- x\n", `[null, null, "x"]`},
		{"value on next line", "a:\n  text\nb:\n  [1]\n", `{"a": "text", "b": [1]}`},
		{"comments", "# head\na: 1 # one\n  # indented comment\n\n# more\nb: [1, # in flow\n  2]\nc: x#y\n", `{"a": 1, "b": [1, 2], "c": "x#y"}`},
		{"space before colon", "a : 1\n", `{"a": 1}`},
		{"quoted keys", "\"a b\": 1\n'c': 2\n\"d\":3\n", `{"a b": 1, "c": 2, "d": 3}`},
		{"dollar keys", "Parameters:\n  FunctionName.$: $.fn\n  Payload.$: $\n", `{"Parameters": {"FunctionName.$": "$.fn", "Payload.$": "$"}}`},
		{"colons in plain scalars", "Resource: arn:aws:states:::lambda:invoke\nu: http://x/y?a=b\nk:v: 1\n",
			`{"Resource": "arn:aws:states:::lambda:invoke", "u": "http://x/y?a=b", "k:v": 1}`},
		{"brackets inside block plain scalars", "a: $.items[0]\nb: States.Format('{}', $.x)\n", `{"a": "$.items[0]", "b": "States.Format('{}', $.x)"}`},
		{"multi-line plain scalar", "a: one\n  two\n\n  three\n   four\nb: x\n", `{"a": "one two\nthree four", "b": "x"}`},
		{"multi-line plain in sequence", "- one\n  two\n- three\n", `["one two", "three"]`},
		{"plain with dash continuation", "- a\n  - b\n", `["a - b"]`},
		{"keys are strings", "1: a\ntrue: b\nnull: c\n1.50: d\n.inf: e\n~: f\n", `{"1": "a", "true": "b", "null": "c", "1.50": "d", ".inf": "e", "~": "f"}`},
		{"flow keys are strings", "{1: a, .nan: b}", `{"1": "a", ".nan": "b"}`},
		{"trailing spaces and blank lines", "a: 1   \n\n\n  \nb: 2", `{"a": 1, "b": 2}`},
		{"windows line endings", "a:\r\n  - 1\r\n  - \"x\r\n y\"\r\n", `{"a": [1, "x y"]}`},
		{"tab after value", "a:\t1\nb: 2\t# c\n", `{"a": 1, "b": 2}`},
		{"top-level scalar", "hello world\n", `"hello world"`},
		{"byte order mark", "\uFEFFa: 1\n", `{"a": 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestPlainScalarTypes(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"booleans", "[true, True, TRUE, false, False, FALSE]", `[true, true, true, false, false, false]`},
		{"YAML 1.1 booleans are strings", "[yes, no, on, off, y, n, tRUE]", `["yes", "no", "on", "off", "y", "n", "tRUE"]`},
		{"nulls", "[~, null, Null, NULL, nULL]", `[null, null, null, null, "nULL"]`},
		{"decimal integers", "[0, -12, +12, 007, -0]", `[0, -12, 12, 7, -0]`},
		{"big integer", "123456789012345678901234567890", `123456789012345678901234567890`},
		{"octal and hexadecimal", "[0o17, 0x1F, 0xff, 0o0]", `[15, 31, 255, 0]`},
		{"floats", "[1.5, -.5, +.5, 1., 1e3, 6.02E+23, .5e-3, 00.25, -1.0]", `[1.5, -0.5, 0.5, 1, 1e3, 6.02E+23, 0.5e-3, 0.25, -1.0]`},
		{"number-like strings", "[1_000, 0b101, 0x, 0o8, 1.2.3, '-', ., +, 1e, 0X1F, 1 2, --1, 12abc]",
			`["1_000", "0b101", "0x", "0o8", "1.2.3", "-", ".", "+", "1e", "0X1F", "1 2", "--1", "12abc"]`},
		{"quoted scalars are strings", `["1", '2', "true", 'null', "", '~']`, `["1", "2", "true", "null", "", "~"]`},
		{"quoted infinity", `['.inf', ".nan"]`, `[".inf", ".nan"]`},
		{"leading indicators", "[-1, -a, ?x, :y, a-b]", `[-1, "-a", "?x", ":y", "a-b"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestQuotedScalars(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"single quote escape", `a: 'it''s'`, `{"a": "it's"}`},
		{"backslash is literal in single quotes", `a: 'a\nb'`, `{"a": "a\\nb"}`},
		{"single-quoted folding", "a: 'one\n  two\n\n  three  \n  four'\n", `{"a": "one two\nthree four"}`},
		{"double-quoted escapes", `a: "\t\n\\\"\/\x41\u00e9\U0001F600\0\a\b\v\f\r\e\ \N\_\L\P"`,
			`{"a": "\t\n\\\"/A\u00e9\ud83d\ude00\u0000\u0007\b\u000b\f\r\u001b \u0085\u00a0\u2028\u2029"}`},
		{"escaped tab character", "a: \"x\\\ty\"", `{"a": "x\ty"}`},
		{"surrogate pair", `a: "\ud83d\ude00"`, `{"a": "😀"}`},
		{"lone surrogate", `a: "\ud83d!"`, `{"a": "\ufffd!"}`},
		{"double-quoted folding", "a: \"one  \n   two\n\n\n  three\"\n", `{"a": "one two\n\nthree"}`},
		{"escaped line break", "a: \"one \\\n   two\\\n\n  three\"\n", `{"a": "one two\nthree"}`},
		{"escaped space keeps trailing space", "a: \"one\\ \n  two\"\n", `{"a": "one  two"}`},
		{"quotes inside", `a: "it's 'x'"` + "\nb: 'say \"hi\"'", `{"a": "it's 'x'", "b": "say \"hi\""}`},
		{"hash and colon inside", `a: "x # y: z"`, `{"a": "x # y: z"}`},
		{"unicode", "a: \"héllo wörld ✓\"\nb: 日本語\n", `{"a": "héllo wörld ✓", "b": "日本語"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestBlockScalars(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"literal", "a: |\n  one\n  two\n\nb: 1\n", `{"a": "one\ntwo\n", "b": 1}`},
		{"literal strip", "a: |-\n  one\n  two\n\n", `{"a": "one\ntwo"}`},
		{"literal keep", "a: |+\n  one\n\n\nb: 1\n", `{"a": "one\n\n\n", "b": 1}`},
		{"literal keeps indentation and comments", "a: |\n  def f():\n      return 1\n  # not a comment\n", `{"a": "def f():\n    return 1\n# not a comment\n"}`},
		{"folded", "a: >\n  one\n  two\n\n  three\n", `{"a": "one two\nthree\n"}`},
		{"folded strip", "a: >-\n  one\n  two\n", `{"a": "one two"}`},
		{"folded keep", "a: >+\n  one\n\n", `{"a": "one\n\n"}`},
		{"folded more indented lines", "a: >\n  one\n  two\n\n    three\n  four\n", `{"a": "one two\n\n  three\nfour\n"}`},
		{"folded spec example", ">\n\n folded\n line\n\n next\n line\n   * bullet\n\n   * list\n   * lines\n\n last\n line\n\n# Comment\n",
			`"\nfolded line\nnext line\n  * bullet\n\n  * list\n  * lines\n\nlast line\n"`},
		{"indentation indicator", "a: |2\n   x\n  y\n", `{"a": " x\ny\n"}`},
		{"indentation indicator in sequence", "- |1\n  x\n- >2-\n   y\n", `[" x\n", " y"]`},
		{"indicators in either order", "a: |-2\n   x\nb: |2-\n   y\n", `{"a": " x", "b": " y"}`},
		{"leading empty lines", "a: |\n\n  x\n", `{"a": "\nx\n"}`},
		{"header comment", "a: | # comment\n  x\n", `{"a": "x\n"}`},
		{"less indented comment ends it", "a: |\n    x\n  # comment\nb: 1\n", `{"a": "x\n", "b": 1}`},
		{"empty block scalar", "a: |\nb: |+\n\nc: >-\n", `{"a": "", "b": "\n", "c": ""}`},
		{"at end of input without newline", "a: |\n  x", `{"a": "x"}`},
		{"in sequence", "- |\n  a\n  b\n- c\n", `["a\nb\n", "c"]`},
		{"top level", "--- |\n  x\n", `"x\n"`},
		{"top level at column zero", "--- >\nfolded\ntext\n...\n", `"folded text\n"`},
		{"tab in content", "a: |\n  \tx\n", `{"a": "\tx\n"}`},
		{"trailing spaces kept", "a: |\n  x  \n", `{"a": "x  \n"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestFlowCollections(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"sequence", "[a, b, c]", `["a", "b", "c"]`},
		{"empty", "a: []\nb: {}\nc: [ ]\n", `{"a": [], "b": {}, "c": []}`},
		{"mapping", "{a: 1, b: [x, {c: d}]}", `{"a": 1, "b": ["x", {"c": "d"}]}`},
		{"multi-line", "a: [\n  1,\n  2\n]\nb: {\n  x: 1,\n\n  y: 2 }\n", `{"a": [1, 2], "b": {"x": 1, "y": 2}}`},
		{"trailing comma", "[a, b,]\n", `["a", "b"]`},
		{"mapping trailing comma", "{a: 1,}", `{"a": 1}`},
		{"keys without values", "{a, b: 1, c}", `{"a": null, "b": 1, "c": null}`},
		{"empty value", "{a: , b: 1}", `{"a": null, "b": 1}`},
		{"single pair in sequence", "[a: 1, b, \"c\": 2]", `[{"a": 1}, "b", {"c": 2}]`},
		{"JSON-like adjacent colon", `{"a":1,"b":"x","c":[1,2],"d":{"e":null}}`, `{"a": 1, "b": "x", "c": [1, 2], "d": {"e": null}}`},
		{"plain colon without space is text", "{a:1}", `{"a:1": null}`},
		{"URL in flow", "{u: http://x/y}", `{"u": "http://x/y"}`},
		{"plain with spaces", "[a b, c  d ]", `["a b", "c  d"]`},
		{"multi-line plain", "[one\n  two, three]", `["one two", "three"]`},
		{"quoted", `[ "x" , 'y', "a,b" ]`, `["x", "y", "a,b"]`},
		{"nested", "[[1, [2, [3]]], {a: {b: {c: []}}}]", `[[1, [2, [3]]], {"a": {"b": {"c": []}}}]`},
		{"comments", "[ # start\n  a, # one\n  # alone\n  b\n] # end\n", `["a", "b"]`},
		{"tabs as separation", "{\n\t\"a\": [\t1,\t2 ],\n\t\"b\": true\n}\n", `{"a": [1, 2], "b": true}`},
		{"typed scalars", "[1, -2.5, true, null, ~, '3']", `[1, -2.5, true, null, null, "3"]`},
		{"flow in block sequence", "- [a, b]\n- {c: d}\n", `[["a", "b"], {"c": "d"}]`},
		{"hash without space is text", "[a#b]", `["a#b"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestDocuments(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"start and end markers", "---\na: 1\n...\n", `{"a": 1}`},
		{"start marker with comment", "--- # doc\na: 1\n", `{"a": 1}`},
		{"directive", "%YAML 1.2\n---\na: 1\n", `{"a": 1}`},
		{"reserved directive ignored", "%FOO bar\n---\na: 1\n", `{"a": 1}`},
		{"scalar after start marker", "--- 5\n", `5`},
		{"flow after start marker", "--- [1, 2]\n", `[1, 2]`},
		{"empty document", "---\n", `null`},
		{"empty document with end marker", "---\n...\n", `null`},
		{"comments after end marker", "a: 1\n... # end\n# trailing\n", `{"a": 1}`},
		{"marker-like text", "a: ---x\nb: ...y\n", `{"a": "---x", "b": "...y"}`},
		{"leading comments and blank lines", "# c\n\n   \n# d\na: 1\n", `{"a": 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestAnchorsAndMerge(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"scalar", "a: &x 1\nb: *x\n", `{"a": 1, "b": 1}`},
		{"mapping on next line", "a: &x\n  p: 1\n  q: [2]\nb: *x\n", `{"a": {"p": 1, "q": [2]}, "b": {"p": 1, "q": [2]}}`},
		{"sequence", "a: &s\n- 1\n- 2\nb: *s\n", `{"a": [1, 2], "b": [1, 2]}`},
		{"flow", "a: &f [1, {b: 2}]\nc: [*f, *f]\n", `{"a": [1, {"b": 2}], "c": [[1, {"b": 2}], [1, {"b": 2}]]}`},
		{"anchor in flow", "[&a x, *a, &b {k: v}, *b]", `["x", "x", {"k": "v"}, {"k": "v"}]`},
		{"anchor and tag in either order", "a: &x !!str 1\nb: !!str &y 2\nc: [*x, *y]\n", `{"a": "1", "b": "2", "c": ["1", "2"]}`},
		{"redefined anchor", "- &a 1\n- *a\n- &a 2\n- *a\n", `[1, 1, 2, 2]`},
		{"anchor on a key", "&k a: 1\nb: *k\n", `{"a": 1, "b": "a"}`},
		{"alias as a key", "- &k a\n- {*k : 1}\n", `["a", {"a": 1}]`},
		{"anchor on a compact key", "- &k a: 1\n  b: *k\n", `[{"a": 1, "b": "a"}]`},
		{"anchored empty value", "a: &n\nb: *n\n", `{"a": null, "b": null}`},
		{"merge", "base: &b\n  x: 1\n  y: 2\nm:\n  <<: *b\n  y: 3\n", `{"base": {"x": 1, "y": 2}, "m": {"x": 1, "y": 3}}`},
		{"merge after explicit keys", "base: &b {x: 1, y: 2}\nm:\n  y: 3\n  <<: *b\n", `{"base": {"x": 1, "y": 2}, "m": {"y": 3, "x": 1}}`},
		{"merge list, first wins", "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nm:\n  <<: [*a, *b]\n", `{"a": {"x": 1}, "b": {"x": 2, "y": 2}, "m": {"x": 1, "y": 2}}`},
		{"merge inline mapping", "m:\n  <<: {x: 1}\n  z: 0\n", `{"m": {"x": 1, "z": 0}}`},
		{"merge in flow mapping", "a: &a {x: 1}\nm: {<<: *a, y: 2}\n", `{"a": {"x": 1}, "m": {"x": 1, "y": 2}}`},
		{"quoted << is a plain key", "a: &a {x: 1}\nm: {\"<<\": *a}\n", `{"a": {"x": 1}, "m": {"<<": {"x": 1}}}`},
		{"merged retry policy", "x-retry: &retry\n  ErrorEquals: [States.ALL]\n  MaxAttempts: 3\nRetry:\n- <<: *retry\n  MaxAttempts: 5\n",
			`{"x-retry": {"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}, "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestTags(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"Ref", "a: !Ref MyBucket\n", `{"a": {"Ref": "MyBucket"}}`},
		{"Ref keeps text", "a: !Ref 123\n", `{"a": {"Ref": "123"}}`},
		{"GetAtt", "a: !GetAtt MyFunc.Arn\n", `{"a": {"Fn::GetAtt": ["MyFunc", "Arn"]}}`},
		{"GetAtt nested attribute", "a: !GetAtt Db.Endpoint.Address\n", `{"a": {"Fn::GetAtt": ["Db", "Endpoint.Address"]}}`},
		{"GetAtt list", "a: !GetAtt [MyFunc, Arn]\n", `{"a": {"Fn::GetAtt": ["MyFunc", "Arn"]}}`},
		{"Sub", "a: !Sub 'arn:${AWS::Partition}:s3:::${B}'\n", `{"a": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${B}"}}`},
		{"Sub block scalar", "a: !Sub |\n  x ${Y}\n", `{"a": {"Fn::Sub": "x ${Y}\n"}}`},
		{"Sub list", "a: !Sub\n  - ${A}-${B}\n  - B: !Ref C\n", `{"a": {"Fn::Sub": ["${A}-${B}", {"B": {"Ref": "C"}}]}}`},
		{"Join", "a: !Join [',', [a, !Ref B]]\n", `{"a": {"Fn::Join": [",", ["a", {"Ref": "B"}]]}}`},
		{"If", "a: !If [IsProd, 1, !Ref AWS::NoValue]\n", `{"a": {"Fn::If": ["IsProd", 1, {"Ref": "AWS::NoValue"}]}}`},
		{"Condition", "a: !Condition IsProd\n", `{"a": {"Condition": "IsProd"}}`},
		{"empty GetAZs", "a: !GetAZs ''\nb: !GetAZs\n", `{"a": {"Fn::GetAZs": ""}, "b": {"Fn::GetAZs": ""}}`},
		{"tag on a mapping", "a: !Transform\n  Name: X\n", `{"a": {"Fn::Transform": {"Name": "X"}}}`},
		{"tag in flow", "{a: !Ref B, c: [!Sub x]}", `{"a": {"Ref": "B"}, "c": [{"Fn::Sub": "x"}]}`},
		{"sequence entry", "- !Ref A\n- !GetAtt B.C\n", `[{"Ref": "A"}, {"Fn::GetAtt": ["B", "C"]}]`},
		{"str", "[!!str 123, !!str true, !!str, !!str ~]", `["123", "true", "", "~"]`},
		{"int", "[!!int 12, !!int \"0x10\", !!int '-3']", `[12, 16, -3]`},
		{"float", "[!!float 1, !!float 2.5]", `[1, 2.5]`},
		{"bool and null", "[!!bool True, !!null ~, !!null '']", `[true, null, null]`},
		{"map and seq", "a: !!map {b: 1}\nc: !!seq [1]\nd: !!map\n  e: 1\n", `{"a": {"b": 1}, "c": [1], "d": {"e": 1}}`},
		{"binary and timestamp stay text", "[!!binary aGk=, !!timestamp 2001-12-14]", `["aGk=", "2001-12-14"]`},
		{"non-specific tag", "[! 12, ! true]", `["12", "true"]`},
		{"verbatim tags", "[!<tag:yaml.org,2002:str> 1, !<!Ref> X]", `["1", {"Ref": "X"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
		msg       string
	}{
		{"bad indentation of a mapping", "a:\n  b: 1\n c: 2\n", 3, 2, "bad indentation"},
		{"over-indented entry", "a: \"x\"\n  b: 2\n", 2, 3, "bad indentation"},
		{"over-indented plain continuation", "a: 1\n  b: 2\n", 2, 4, "mapping values are not allowed"},
		{"bad indentation of a sequence", "a:\n  - x\n - y\n", 3, 2, "bad indentation of a mapping entry"},
		{"alias key duplicates anchored key", "&k a: 1\n*k : 2\n", 2, 1, "duplicate"},
		{"sequence entry after quoted", "- 'a'\n - b\n", 2, 2, "bad indentation of a sequence"},
		{"sequence among keys", "a: 1\n- b\n", 2, 1, "found a sequence entry"},
		{"key after sequence", "- a\nb: 1\n", 2, 1, "unexpected content"},
		{"tab indentation", "a:\n\tb: 1\n", 2, 1, "tab"},
		{"tab after spaces", "a:\n  \tb: 1\n", 2, 3, "tab"},
		{"unterminated double quote", "a: \"abc\nb: 1\n", 1, 4, "unterminated double-quoted"},
		{"unterminated single quote", "a: 1\nb: 'x", 2, 4, "unterminated single-quoted"},
		{"unterminated quote before marker", "a: \"x\n---\n", 1, 4, "unterminated"},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", 3, 1, `duplicate mapping key "a" (first on line 1)`},
		{"duplicate nested key", "s:\n  x:\n    Next: A\n    Next: B\n", 4, 5, `duplicate mapping key "Next"`},
		{"duplicate flow key", "{a: 1, a: 2}", 1, 8, `duplicate mapping key "a"`},
		{"duplicate quoted key", "a: 1\n\"a\": 2\n", 2, 1, "duplicate"},
		{"unknown alias", "a: 1\nb: *nope\n", 2, 4, "unknown alias *nope"},
		{"alias before anchor", "a: *x\nb: &x 1\n", 1, 4, "unknown alias"},
		{"recursive alias", "a: &x [*x]\n", 1, 8, "unknown alias"},
		{"mapping on key line", "a: b: c\n", 1, 5, "mapping values are not allowed"},
		{"sequence on key line", "a: - b\n", 1, 4, "block sequence cannot start"},
		{"flow key", "[a]: 1\n", 1, 1, "keys must be scalars"},
		{"flow mapping key", "{a: 1}: 2\n", 1, 1, "keys must be scalars"},
		{"flow key in flow mapping", "{[a]: 1}", 1, 2, "keys must be scalars"},
		{"tagged key", "!Ref a: 1\n", 1, 6, "keys must be scalars"},
		{"explicit key", "? a\n: 1\n", 1, 1, "explicit mapping keys"},
		{"multi-line key", "\"a\nb\": 1\n", 1, 1, "single line"},
		{"missing colon", "a: 1\nb\n", 2, 1, "followed by ':'"},
		{"unterminated flow sequence", "a: [1, 2\n", 1, 4, "unterminated flow sequence"},
		{"unterminated flow mapping", "{a: 1", 1, 1, "unterminated flow mapping"},
		{"flow missing comma", `["a" "b"]`, 1, 6, "expected ',' or ']'"},
		{"flow mapping missing comma", `{"a": 1 "b": 2}`, 1, 12, "expected ',' or '}'"},
		{"empty flow entry", "[a, , b]", 1, 5, "expected a value"},
		{"text after quoted value", "a: \"x\" y\n", 1, 8, "unexpected"},
		{"text after flow value", "a: [x] y\n", 1, 8, "unexpected"},
		{"invalid escape", `a: "x\qy"`, 1, 6, "invalid escape"},
		{"short hex escape", `a: "\x4"`, 1, 5, "hexadecimal"},
		{"invalid block header", "a: |x\n  y\n", 1, 5, "block scalar header"},
		{"reserved indicator", "a: @x\n", 1, 4, "cannot start with '@'"},
		{"backquote", "a: `x`\n", 1, 4, "cannot start with '`'"},
		{"two documents", "a: 1\n---\nb: 2\n", 2, 1, "second YAML document"},
		{"two explicit documents", "---\na: 1\n---\n", 3, 1, "second YAML document"},
		{"content after end marker", "a: 1\n...\nb: 2\n", 3, 1, "exactly one"},
		{"no document", "", 1, 1, "no YAML document"},
		{"only comments", "# nothing\n", 2, 1, "no YAML document"},
		{"directive without marker", "%YAML 1.2\na: 1\n", 2, 1, "---"},
		{"YAML 2", "%YAML 2.0\n---\na: 1\n", 1, 7, "unsupported YAML version"},
		{"TAG directive", "%TAG ! tag:x,2000:\n---\na: 1\n", 1, 1, "%TAG"},
		{"infinity", "a: .inf\n", 1, 4, "JSON cannot represent"},
		{"negative infinity", "[-.Inf]", 1, 2, "JSON cannot represent"},
		{"not a number", "a: .NaN\n", 1, 4, "JSON cannot represent"},
		{"bad int", "a: !!int abc\n", 1, 10, `"abc" is not a valid !!int`},
		{"bad bool", "a: !!bool yes\n", 1, 11, "!!bool"},
		{"float tag on infinity", "a: !!float .inf\n", 1, 12, "JSON cannot represent"},
		{"seq tag on mapping", "a: !!seq {b: 1}\n", 1, 4, "!!seq cannot be applied to a mapping"},
		{"map tag on scalar", "a: !!map x\n", 1, 4, "!!map cannot be applied to a scalar"},
		{"unknown core tag", "a: !!set {x}\n", 1, 4, "!!set"},
		{"named tag handle", "a: !e!x y\n", 1, 4, "undefined tag handle !e!"},
		{"alias with tag", "a: &x 1\nb: !Ref *x\n", 2, 9, "alias cannot have"},
		{"merge of a scalar", "a: {<<: 1}\n", 1, 5, "merge key"},
		{"control character", "a: b\x01\n", 1, 5, "control character"},
		{"invalid UTF-8", "a: 1\nb: \xff\n", 2, 4, "invalid UTF-8"},
		{"block scalar in flow", "[|\n x]", 1, 2, "block scalars are not allowed"},
		{"anchor without name", "a: & 1\n", 1, 4, "anchor needs a name"},
		{"property glued to content", "a: &x[1]\n", 1, 6, "white space after a node property"},
		{"marker inside flow", "a: [1,\n---\n]\n", 1, 4, "unterminated flow collection"},
		{"leading empty line more indented", "a: |\n    \n  x\n", 3, 1, "leading empty line"},
		{"unterminated verbatim tag", "a: !<x y\n", 1, 4, "verbatim tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, lines, err := ToJSON([]byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ToJSON(%q) = %s, %v, %v; want an *Error", tt.src, out, lines, err)
			}
			if e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("ToJSON(%q): error %q at %d:%d; want %q at %d:%d", tt.src, e.Msg, e.Line, e.Column, tt.msg, tt.line, tt.col)
			}
			if out != nil || lines != nil {
				t.Errorf("ToJSON(%q) returned output with an error", tt.src)
			}
			if want := e.Msg; !strings.HasSuffix(err.Error(), want) {
				t.Errorf("Error() = %q does not end with the message", err.Error())
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Line: 3, Column: 7, Msg: "bad"}
	if got := e.Error(); got != "3:7: bad" {
		t.Errorf("Error() = %q", got)
	}
}

func TestLimits(t *testing.T) {
	t.Run("deep flow nesting", func(t *testing.T) {
		src := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
		_, _, err := ToJSON([]byte(src))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, "nested") {
			t.Fatalf("err = %v; want too deeply nested", err)
		}
	})
	t.Run("deep block nesting", func(t *testing.T) {
		var b strings.Builder
		for i := range maxDepth + 1 {
			b.WriteString(strings.Repeat(" ", i) + "a:\n")
		}
		_, _, err := ToJSON([]byte(b.String()))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, "nested") {
			t.Fatalf("err = %v; want too deeply nested", err)
		}
	})
	t.Run("nesting through aliases", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("a0: &a0 [x]\n")
		for i := 1; i <= maxDepth; i++ {
			b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [*a" + itoa(i-1) + "]\n")
		}
		_, _, err := ToJSON([]byte(b.String()))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, "nested") {
			t.Fatalf("err = %v; want too deeply nested", err)
		}
	})
	t.Run("alias expansion", func(t *testing.T) {
		base := maxOutputBase
		maxOutputBase = 1 << 20
		defer func() { maxOutputBase = base }()
		src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		for i := 'b'; i <= 'k'; i++ {
			p := string(i - 1)
			src += string(i) + ": &" + string(i) + " [*" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + "]\n"
		}
		_, _, err := ToJSON([]byte(src))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, "too large") {
			t.Fatalf("err = %v; want too large", err)
		}
	})
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
