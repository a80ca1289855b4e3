package yaml

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
)

var fuzzSeeds = []string{
	"a: 1\nb: [x, y]\nc:\n- p: 1\n  q: 2\n- r\n",
	orderYAML,
	"Retry:\n- ErrorEquals: [States.ALL]\n  MaxAttempts: 2\n",
	"--- |\n  foo\n  bar\n...\n",
	"a: >-\n  foo\n  bar\n\n    baz\n",
	"{\"a\":1, \"b\": [true, null, \"x\\u00e9\\ud83d\\ude00\"]}",
	"a: &x {p: 1}\nb:\n  <<: *x\n  q: 2\nc: !Ref Foo\nd: !GetAtt A.B.C\ne: !Sub |\n  x ${y}\n",
	"a: b\n  c\n\n  d\n",
	"a: 'it''s'\nb: \"tab\\tx\\\n  y\"\n",
	"%YAML 1.2\n---\n[!!int 1, !!str 2, ! 3, !<!Ref> x, &a ~, *a]\n",
	"- - a\n  - b\n- {a, b: c, [d]: e}\n",
	"a: |2-\n   x\n  y\nb: .inf\n",
	"a:\n\tb: 1\n",
	"a: \"unterminated\n",
	"[a: 1, b, \"c\":2,]\n",
	"? a\n: b\n",
	"a: 0x1F\nb: 0o17\nc: 1e3\nd: .5\n",
}

// FuzzToJSON checks that ToJSON never panics, that what it produces is
// valid JSON with a consistent line map, that errors carry a position, and
// that the output, being JSON in ToJSON's layout, converts to itself.
func FuzzToJSON(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	files := shareddata.Matches("corpus/workflows-collection/*.json")
	for i, file := range files {
		if i >= 8 {
			break
		}
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	base, factor := maxOutputBase, maxOutputFactor
	maxOutputBase, maxOutputFactor = 1<<20, 64
	defer func() { maxOutputBase, maxOutputFactor = base, factor }()
	f.Fuzz(func(t *testing.T, src []byte) {
		out, lines, err := ToJSON(src)
		srcLines := 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r"))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if e.Line < 1 || e.Line > srcLines || e.Column < 1 || e.Msg == "" {
				t.Fatalf("error %q at %d:%d is outside the input (%d lines)", e.Msg, e.Line, e.Column, srcLines)
			}
			if out != nil || lines != nil {
				t.Fatal("output with an error")
			}
			return
		}
		if !json.Valid(out) {
			t.Fatalf("output is not valid JSON:\n%s", out)
		}
		if n := bytes.Count(out, []byte("\n")); n != len(lines) || out[len(out)-1] != '\n' {
			t.Fatalf("output has %d line breaks, line map %d entries", n, len(lines))
		}
		for i, l := range lines {
			if l < 1 || l > srcLines {
				t.Fatalf("JSON line %d maps to YAML line %d, outside 1..%d", i+1, l, srcLines)
			}
		}
		again, lines2, err := ToJSON(out)
		if err != nil {
			t.Fatalf("output does not convert: %v\n%s", err, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("output converts to different text:\n%s\nthen\n%s", out, again)
		}
		for i, l := range lines2 {
			if l != i+1 {
				t.Fatalf("converting the output maps JSON line %d to line %d", i+1, l)
			}
		}
	})
}
