package jsonata

import (
	"errors"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func TestFormatRadix(t *testing.T) {
	tests := []struct {
		x     float64
		radix int
		want  string
	}{
		{100, 2, "1100100"}, {-100, 2, "-1100100"}, {255, 16, "ff"}, {100, 36, "2s"},
		{5890840712243076, 10, "5890840712243076"}, {1e21, 10, "1e+21"},
		{1 << 63, 2, "1" + strings.Repeat("0", 63)},
	}
	for _, tc := range tests {
		if got := formatRadix(tc.x, tc.radix); got != tc.want {
			t.Errorf("formatRadix(%v, %d) = %q, want %q", tc.x, tc.radix, got, tc.want)
		}
	}
}

func TestEncodeDecodeURI(t *testing.T) {
	enc := []struct{ in, component, uri string }{
		{"?x=test", "%3Fx%3Dtest", "?x=test"},
		{"https://a.b/?q=a b#f", "https%3A%2F%2Fa.b%2F%3Fq%3Da%20b%23f", "https://a.b/?q=a%20b#f"},
		{"шеллы", "%D1%88%D0%B5%D0%BB%D0%BB%D1%8B", "%D1%88%D0%B5%D0%BB%D0%BB%D1%8B"},
		{"-_.!~*'()", "-_.!~*'()", "-_.!~*'()"},
		{"😀[]", "%F0%9F%98%80%5B%5D", "%F0%9F%98%80%5B%5D"},
	}
	for _, tc := range enc {
		if got, ok := encodeURI(tc.in, uriUnreserved); !ok || got != tc.component {
			t.Errorf("encodeURIComponent(%q) = %q, %v; want %q", tc.in, got, ok, tc.component)
		}
		if got, ok := encodeURI(tc.in, uriUnreserved+uriReserved+"#"); !ok || got != tc.uri {
			t.Errorf("encodeURI(%q) = %q, %v; want %q", tc.in, got, ok, tc.uri)
		}
	}
	if _, ok := encodeURI("a\xed\xa0\x80", uriUnreserved); ok {
		t.Error("encodeURI accepted an unpaired surrogate")
	}
	dec := []struct{ in, component, uri string }{
		{"%3Fx%3Dtest", "?x=test", "%3Fx%3Dtest"},
		{"%3b%2F%41%20", ";/A ", "%3b%2FA "},
		{"%D1%88%D0%B5", "ше", "ше"},
		{"%F0%9F%98%80", "😀", "😀"},
		{"plain", "plain", "plain"},
	}
	for _, tc := range dec {
		if got, ok := decodeURI(tc.in, ""); !ok || got != tc.component {
			t.Errorf("decodeURIComponent(%q) = %q, %v; want %q", tc.in, got, ok, tc.component)
		}
		if got, ok := decodeURI(tc.in, uriReserved+"#"); !ok || got != tc.uri {
			t.Errorf("decodeURI(%q) = %q, %v; want %q", tc.in, got, ok, tc.uri)
		}
	}
	for _, bad := range []string{"%E0%A4%A", "%", "%4", "%zz", "%C0%80", "%ED%A0%80", "%80", "%F8%80%80%80", "%E0%A4"} {
		if got, ok := decodeURI(bad, ""); ok {
			t.Errorf("decodeURIComponent(%q) = %q, want a URIError", bad, got)
		}
	}
}

func TestBase64(t *testing.T) {
	enc := []struct{ in, want string }{
		{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"hello:world", "aGVsbG86d29ybGQ="},
		{"é", "6Q=="}, // one byte per code unit, as Buffer.from(s, "binary")
	}
	for _, tc := range enc {
		if got := base64Encode(tc.in); got != tc.want {
			t.Errorf("base64Encode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	dec := []struct{ in, want string }{
		{"", ""}, {"aGVsbG86d29ybGQ=", "hello:world"}, {"aGVsbG8", "hello"}, {"aGVs\nbG8=", "hello"},
		{"6Q==", "é"}, {"Zm9v=Zm9v", "foo"}, {"-_8=", "\u00fb\u00ff"},
	}
	for _, tc := range dec {
		if got := base64Decode(tc.in); got != tc.want {
			t.Errorf("base64Decode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestExtraFunctions(t *testing.T) {
	tests := []struct{ expr, input, want string }{
		{`$formatNumber(1234.5, "#,##0.00")`, `null`, `"1,234.50"`},
		{`$formatBase(255, 16)`, `null`, `"ff"`},
		{`$formatBase(99.5, 2.5)`, `null`, `"1100100"`},
		{`$encodeUrlComponent("a b&c")`, `null`, `"a%20b%26c"`},
		{`$decodeUrl("a%20b%26c")`, `null`, `"a b%26c"`},
		{`$base64decode($base64encode("hello"))`, `null`, `"hello"`},
		{`$sort($shuffle([3, 1, 2]))`, `null`, `[1,2,3]`},
		{`$shuffle([1])`, `null`, `[1]`},
		{`$sift({"a": 1, "b": 0, "c": 2}, $boolean)`, `null`, `{"a":1,"c":2}`},
		{`$sift({"a": 1, "b": 2}, function($v, $k){$k = "b"})`, `null`, `{"b":2}`},
		{`$sift(function($v){$v > 1})`, `{"a": 1, "b": 2}`, `{"b":2}`},
	}
	for _, tc := range tests {
		e, err := Parse(tc.expr)
		if err != nil {
			t.Fatalf("Parse(%s): %v", tc.expr, err)
		}
		got, ok, err := e.Evaluate(jsonvalue.MustParse(tc.input), nil)
		if err != nil || !ok {
			t.Errorf("%s: %v, %v", tc.expr, ok, err)
			continue
		}
		if want := jsonvalue.MustParse(tc.want); !jsonvalue.Equal(got, want) {
			t.Errorf("%s = %s, want %s", tc.expr, jsonvalue.String(got), tc.want)
		}
	}
	for _, tc := range []struct{ expr, code string }{
		{`$formatBase(100, 1)`, "D3100"},
		{`$formatBase(100, 37)`, "D3100"},
		{`$decodeUrlComponent("%E0%A4%A")`, "D3140"},
		{`$formatNumber(1, "#;#;#")`, "D3080"},
		{`$encodeUrl("\ud800")`, "D3140"}, // an unpaired surrogate escape
		{`$encodeUrlComponent("x\udc00")`, "D3140"},
	} {
		e, err := Parse(tc.expr)
		if err != nil {
			t.Fatalf("Parse(%s): %v", tc.expr, err)
		}
		_, _, err = e.Evaluate(nil, nil)
		var re *RuntimeError
		if !errors.As(err, &re) || re.Code != tc.code {
			t.Errorf("%s: got %v, want %s", tc.expr, err, tc.code)
		}
	}
}
