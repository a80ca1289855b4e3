package jsonvalue

import (
	"testing"
)

func TestParseMarshal(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{`{"b": 1, "a": [true, false, null, "x\"y"], "c": {"d": 1.50}}`, `{"b":1,"a":[true,false,null,"x\"y"],"c":{"d":1.50}}`},
		{`{"a": 1, "a": 2}`, `{"a":2}`},
		{`"\u00e9\ud83d\ude00 <&>"`, `"é😀 <&>"`},
		{`[]`, `[]`},
		{`{}`, `{}`},
		{`-0.5e-3`, `-0.5e-3`},
		{"\"tab\\tnl\\n\\u0001\"", `"tab\tnl\n\u0001"`},
	} {
		v, err := Parse([]byte(tc.in))
		if err != nil {
			t.Fatalf("Parse(%s): %v", tc.in, err)
		}
		if got := String(v); got != tc.out {
			t.Errorf("Parse(%s) → %s, want %s", tc.in, got, tc.out)
		}
	}
	for _, bad := range []string{``, `{`, `[1,]`, `{"a"}`, `01`, `1.`, `"x`, `tru`, `{"a":1} x`, "\"\x01\""} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func TestEqual(t *testing.T) {
	a := MustParse(`{"x": [1, 2.0, {"y": null}], "z": "s"}`)
	b := MustParse(`{"z": "s", "x": [1.0, 2, {"y": null}]}`)
	if !Equal(a, b) {
		t.Error("equal values compare unequal")
	}
	for _, c := range []string{`{"z": "s"}`, `{"z": "s", "x": [1, 2, {"y": 0}]}`, `[1]`, `"s"`, `null`} {
		if Equal(a, MustParse(c)) {
			t.Errorf("%s equals %s", String(a), c)
		}
	}
}

func TestObject(t *testing.T) {
	o := NewObject(0)
	for i := 0; i < 40; i++ {
		o.Set(string(rune('A'+i)), Int(int64(i)))
	}
	o.Set("B", "changed")
	o.Delete("A")
	if v, _ := o.Get("B"); v != "changed" || o.Len() != 39 || o.Keys()[0] != "B" {
		t.Errorf("object after Set/Delete: %s", String(o))
	}
	if v, ok := o.Get("h"); !ok || v != Int(39) {
		t.Errorf("Get(h) = %v, %v", v, ok)
	}
	c := Clone(o).(*Object)
	c.Set("B", "clone")
	if v, _ := o.Get("B"); v != "changed" {
		t.Error("Clone shares its members")
	}
}

func TestNumbers(t *testing.T) {
	if i, ok := Number("3.0").Int64(); !ok || i != 3 {
		t.Errorf("3.0 → %d, %v", i, ok)
	}
	if _, ok := Number("3.5").Int64(); ok {
		t.Error("3.5 is an integer")
	}
	if Float(3) != "3.0" || Float(1.5) != "1.5" || Int(-2) != "-2" {
		t.Errorf("Float(3)=%s Float(1.5)=%s Int(-2)=%s", Float(3), Float(1.5), Int(-2))
	}
	type point struct {
		X int    `json:"x"`
		S string `json:"s"`
	}
	v, err := FromGo(point{X: 1, S: "<"})
	if err != nil || String(v) != `{"x":1,"s":"<"}` {
		t.Errorf("FromGo = %s, %v", String(v), err)
	}
	var p point
	if err := ToGo(v, &p); err != nil || p.X != 1 {
		t.Errorf("ToGo = %+v, %v", p, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"a":[1,2,{"b":null}],"c":"\u00e9"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			return
		}
		again, err := Parse(Marshal(v))
		if err != nil || !Equal(v, again) {
			t.Fatalf("re-parsing %s: %v", Marshal(v), err)
		}
	})
}

func TestJava(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{Number("1.0"), "1.0"}, {Number("100"), "100"}, {Number("-0"), "0"}, {Number("1e20"), "1.0E20"},
		{Number("0.00015"), "1.5E-4"}, {Number("12345678.5"), "1.23456785E7"}, {Number("4.9e-324"), "4.9E-324"},
		{MustParse(`{"a": [1, "x", null, true], "b": {"c": 2.5}}`), "{a=[1, x, null, true], b={c=2.5}}"},
	} {
		if got := JavaString(tc.v); got != tc.want {
			t.Errorf("JavaString(%s) = %q, want %q", String(tc.v), got, tc.want)
		}
	}
}

func TestScanNumber(t *testing.T) {
	for _, tc := range []struct {
		s          string
		end, errAt int
		msg        string
	}{
		{"0", 1, 0, ""},
		{"-0.5E-3,", 7, 0, ""},
		{"12e+5x", 5, 0, ""},
		{"01", 1, 0, ""}, // a number, then something else
		{"-", 0, 1, "invalid number"},
		{"x", 0, 0, "invalid number"},
		{"1.", 1, 2, "invalid number: expected a digit after '.'"},
		{"1.x", 1, 2, "invalid number: expected a digit after '.'"},
		{"1.5e", 3, 4, "invalid number: expected a digit in the exponent"},
		{"1E-", 1, 3, "invalid number: expected a digit in the exponent"},
	} {
		// At an offset, in a string and in bytes.
		src := "ab" + tc.s
		end, errAt, msg := ScanNumber(src, 2)
		bend, berrAt, bmsg := ScanNumber([]byte(src), 2)
		if end != bend || errAt != berrAt || msg != bmsg {
			t.Errorf("%q: string and bytes differ", tc.s)
		}
		if tc.msg == "" {
			tc.errAt = -2
		}
		if end != tc.end+2 || msg != tc.msg || msg != "" && errAt != tc.errAt+2 {
			t.Errorf("ScanNumber(%q) = %d, %d, %q; want %d, %d, %q", tc.s, end-2, errAt-2, msg, tc.end, tc.errAt, tc.msg)
		}
	}
}
