package jsonvalue

import "testing"

func TestReadString(t *testing.T) {
	for _, tc := range []struct{ in, want, msg string }{
		{`"plain"`, "plain", ""},
		{`"a\"b\\c\/d\b\f\n\r\t"`, "a\"b\\c/d\b\f\n\r\t", ""},
		{`"\u00e9\ud83d\ude00\ud800x"`, "é😀\uFFFDx", ""},
		{"\"\xff\"", "\uFFFD", ""},
		{`"abc`, "", "unterminated string"},
		{"\"a\x01\"", "", "control character in string"},
		{`"\q"`, "", `invalid escape '\q' in string`},
		{`"\u12"`, "", `invalid \u escape in string`},
	} {
		got, end, _, msg := ReadString([]byte(tc.in), 0)
		if msg != tc.msg || (msg == "" && (got != tc.want || end != len(tc.in))) {
			t.Errorf("ReadString(%q) = %q, %d, %q; want %q, %q", tc.in, got, end, msg, tc.want, tc.msg)
		}
	}
}
