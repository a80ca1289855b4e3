package yaml

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// decode decodes JSON text, keeping numbers as written.
func decode(t testing.TB, what string, data []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s is not valid JSON: %v\n%s", what, err, data)
	}
	if d.More() {
		t.Fatalf("%s has more than one JSON value:\n%s", what, data)
	}
	return v
}

// checkShape checks the invariants of ToJSON's output: valid JSON, a final
// newline, and one line-map entry per line, each a line of the source.
func checkShape(t testing.TB, src, out []byte, lines []int) {
	t.Helper()
	if !json.Valid(out) {
		t.Fatalf("output is not valid JSON:\n%s", out)
	}
	if len(out) == 0 || out[len(out)-1] != '\n' {
		t.Fatalf("output does not end with a newline: %q", out)
	}
	if n := bytes.Count(out, []byte("\n")); n != len(lines) {
		t.Fatalf("output has %d lines, line map has %d entries", n, len(lines))
	}
	srcLines := bytes.Count(src, []byte("\n")) + 1
	for i, l := range lines {
		if l < 1 || l > srcLines {
			t.Fatalf("JSON line %d maps to YAML line %d, outside 1..%d", i+1, l, srcLines)
		}
	}
}

// convert runs ToJSON and checks the output's shape.
func convert(t testing.TB, src string) (any, []byte, []int) {
	t.Helper()
	out, lines, err := ToJSON([]byte(src))
	if err != nil {
		t.Fatalf("ToJSON(%q): %v", src, err)
	}
	checkShape(t, []byte(src), out, lines)
	return decode(t, "output", out), out, lines
}

// checkJSON compares the value of ToJSON(src) with the JSON text want.
func checkJSON(t *testing.T, src, want string) {
	t.Helper()
	got, out, _ := convert(t, src)
	w := decode(t, "expected value", []byte(want))
	if !reflect.DeepEqual(got, w) {
		t.Errorf("ToJSON(%q) =\n%s\nwant %s", src, out, want)
	}
}
