package jsonvalue

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestAppendStringWith(t *testing.T) {
	const surrogate = "\xed\xa0\x80" // U+D800 in WTF-8
	for _, tc := range []struct {
		in   string
		e    Escaping
		want string
	}{
		{"plain é 😀 <&>", 0, `"plain é 😀 <&>"`},
		{"q\"b\\\n\r\t\b\f\x01\x1f\x7f", 0, `"q\"b\\\n\r\t\b\f\u0001\u001f` + "\x7f\""},
		{"\x1f", UpperHex, `"\u001F"`},
		// Invalid UTF-8, line separators and surrogates are copied unless
		// asked for.
		{"a\xffb\u2028c" + surrogate, 0, "\"a\xffb\u2028c" + surrogate + "\""},
		{"a\xffb", EscapeInvalidUTF8, `"a\ufffdb"`},
		{"\u2028\u2029", EscapeLineSeparators, `"\u2028\u2029"`},
		{surrogate + "x\xed\xbf\xbf", EscapeSurrogates, `"\ud800x\udfff"`},
		{surrogate, EscapeSurrogates | UpperHex, `"\uD800"`},
		{surrogate, EscapeInvalidUTF8, `"\ufffd\ufffd\ufffd"`},
		{surrogate + "\xff", EscapeSurrogates | EscapeInvalidUTF8, `"\ud800\ufffd"`},
		{"\xed\xa0", EscapeSurrogates, "\"\xed\xa0\""}, // cut short: not a surrogate
		// What YAML does not allow unescaped: DEL, C1 controls but NEL,
		// U+FFFE; the rest, invalid bytes included, is copied.
		{"a\x7fb\u0080\u0085\u00a0\ufffe\U0001F600\xff", EscapeNonYAML, "\"a\\u007fb\\u0080\u0085\u00a0\\ufffe\U0001F600\xff\""},
	} {
		if got := string(AppendStringWith([]byte("x"), tc.in, tc.e)); got != "x"+tc.want {
			t.Errorf("AppendStringWith(%q, %b) = %s, want x%s", tc.in, tc.e, got, tc.want)
		}
	}
	if got := string(AppendString(nil, "a\"\n")); got != `"a\"\n"` {
		t.Errorf("AppendString = %s", got)
	}
}

// FuzzAppendStringGo checks that EscapeInvalidUTF8|EscapeLineSeparators
// writes strings as encoding/json does without HTML escaping, and that
// every escaping gives JSON that reads back as the string (valid UTF-8
// only: encoding/json replaces the rest).
func FuzzAppendStringGo(f *testing.F) {
	for _, s := range []string{"", "a\"\\\n\x00\x1f<>&", "\u2028\u2029é", "\xff\xed\xa0\x80", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := AppendStringWith(nil, s, EscapeInvalidUTF8|EscapeLineSeparators); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
		for _, e := range []Escaping{0, UpperHex, EscapeSurrogates} {
			var back string
			if err := json.Unmarshal(AppendStringWith(nil, s, e), &back); err != nil {
				t.Fatalf("%q with %b: %v", s, e, err)
			}
			if utf8.ValidString(s) && back != s {
				t.Fatalf("%q with %b reads back as %q", s, e, back)
			}
		}
	})
}

func TestJavaEqual(t *testing.T) {
	equal := [][2]string{
		{`1`, `1`}, {`-0`, `0`}, {`100000000000000000000`, `100000000000000000000`},
		{`1.0`, `1.00`}, {`1e0`, `1.0`}, {`0.1`, `1e-1`},
		{`{"a": [1, {"b": null}], "c": "x"}`, `{"c": "x", "a": [1, {"b": null}]}`},
	}
	unequal := [][2]string{
		{`1`, `1.0`}, {`0.0`, `-0.0`}, {`1`, `2`}, {`"1"`, `1`}, {`[1]`, `[1.0]`},
		{`{"a": 1}`, `{"a": 1, "b": 2}`}, {`null`, `false`}, {`[]`, `{}`},
	}
	keys := map[bool][][2]string{true: equal, false: unequal}
	for want, pairs := range keys {
		for _, p := range pairs {
			a, b := MustParse(p[0]), MustParse(p[1])
			if got := JavaEqual(a, b); got != want {
				t.Errorf("JavaEqual(%s, %s) = %v, want %v", p[0], p[1], got, want)
			}
			if got := JavaKey(a) == JavaKey(b); got != want {
				t.Errorf("JavaKey(%s) == JavaKey(%s) is %v, want %v", p[0], p[1], got, want)
			}
		}
	}
	// Equal compares numbers by value.
	for _, p := range [][2]string{{`1`, `1.0`}, {`[1]`, `[1e0]`}, {`0.0`, `-0.0`}} {
		if !Equal(MustParse(p[0]), MustParse(p[1])) {
			t.Errorf("Equal(%s, %s) is false", p[0], p[1])
		}
	}
}

func TestAppendWith(t *testing.T) {
	v := MustParse(`{"a\u001f": [1.50, "\u001f", null, true], "b": {}}`)
	if got, want := string(Append(nil, v)), `{"a\u001f":[1.50,"\u001f",null,true],"b":{}}`; got != want {
		t.Errorf("Append = %s, want %s", got, want)
	}
	got := string(AppendWith(nil, v, UpperHex, func(n Number) string { return "<" + string(n) + ">" }))
	if want := `{"a\u001F":[<1.50>,"\u001F",null,true],"b":{}}`; got != want {
		t.Errorf("AppendWith = %s, want %s", got, want)
	}
}

func TestUTF16Len(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "é": 1, "😀x": 3, "\xff": 1} {
		if got := UTF16Len(s); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", s, got, want)
		}
	}
}
