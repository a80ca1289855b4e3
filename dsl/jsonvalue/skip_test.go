package jsonvalue

import (
	"encoding/json"
	"testing"
)

// skipCases are values and non-values, with text after some of them.
var skipCases = []string{
	`{}`, `[]`, `""`, `0`, `-1.5e+3`, `true`, `false`, `null`,
	`{"a":[1,{"b":"c\"}"}],"d":null} tail`, `  [1, 2 ,3 ] ,`, `"\u00e9\ud83d\ude00"`,
	`{"a":1,}`, `[1,]`, `{"a" 1}`, `{1:2}`, `"abc`, `"a\x"`, `"\u12"`, "\"a\tb\"",
	`-`, `01`, `1.`, `1e`, `tru`, `nul`, `}`, ``, `[[[`, `{"a":}`,
}

func TestSkip(t *testing.T) {
	for _, s := range skipCases {
		checkSkip(t, []byte(s))
	}
}

// checkSkip checks Skip against Parse: Skip succeeds exactly when Parse
// accepts the prefix it ends at, with nothing but a value there.
func checkSkip(t *testing.T, data []byte) {
	t.Helper()
	end, err := Skip(data, 0)
	// Parse of the whole text must agree when the value fills it.
	_, perr := Parse(data)
	if err != nil {
		if perr == nil {
			t.Errorf("Skip(%q): %v, but Parse accepts it", data, err)
		}
		if _, ok := err.(*SyntaxError); !ok {
			t.Errorf("Skip(%q): error %T, want *SyntaxError", data, err)
		}
		return
	}
	if _, perr := Parse(data[:end]); perr != nil {
		t.Errorf("Skip(%q) = %d, but Parse rejects %q: %v", data, end, data[:end], perr)
	}
	if !json.Valid(data[:end]) {
		t.Errorf("Skip(%q) = %d, but encoding/json rejects %q", data, end, data[:end])
	}
	if perr == nil && end != len(data) {
		// Parse accepts the whole text: only white space may follow.
		if _, perr := Parse(data[end:]); perr == nil {
			t.Errorf("Skip(%q) = %d stops inside the value", data, end)
		}
	}
}

func TestSkipAllocates(t *testing.T) {
	data := []byte(`{"StartAt":"P","States":{"P":{"Type":"Pass","Result":[1,2.5,"x\"y",true,null],"End":true}}}`)
	if n := testing.AllocsPerRun(100, func() {
		if _, err := Skip(data, 0); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Skip allocates %v times", n)
	}
}

func FuzzSkip(f *testing.F) {
	for _, s := range skipCases {
		f.Add([]byte(s))
	}
	f.Fuzz(checkSkip)
}
