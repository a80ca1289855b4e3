package jsonata

import (
	"regexp"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// TestAWSFunctions checks the functions AWS Step Functions adds to JSONata.
func TestAWSFunctions(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`$partition([0,1,2,3], 3)`, `[[0,1,2],[3]]`},
		{`$partition([0], 5)`, `[[0]]`},
		{`$range(0, 9, 3)`, `[0,3,6,9]`},
		{`$range(0, 10, 3)`, `[0,3,6,9]`},
		{`$range(1, 9, 9)`, `1`},
		{`$range(5, 1, -2)`, `[5,3,1]`},
		{`$hash('hello', 'SHA-256')`, `"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"`},
		{`$hash('hello', 'MD5')`, `"5d41402abc4b2a76b9719d911017c592"`},
		{`$parse('{"a": [1, true]}')`, `{"a":[1,true]}`},
		{`$parse('-0')`, `0`},
		{`$random(7) = $random(7)`, `true`},
	}
	for _, c := range cases {
		e, err := ParseWith(c.expr, Options{JSONata20: true})
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		v, ok, err := e.Evaluate(nil, nil)
		if err != nil || !ok {
			t.Errorf("%s: %v %v", c.expr, ok, err)
			continue
		}
		if !jsonvalue.Equal(v, jsonvalue.MustParse(c.want)) {
			t.Errorf("%s = %s, want %s", c.expr, jsonvalue.String(v), c.want)
		}
	}
	e, _ := Parse(`$uuid()`)
	v, _, err := e.Evaluate(nil, nil)
	if s, _ := v.(string); err != nil || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(s) {
		t.Errorf("$uuid() = %v, %v", v, err)
	}
	for _, bad := range []string{`$partition([1], 0)`, `$range(0, 1, 0)`, `$hash('a', 'SHA-3')`, `$parse('{')`} {
		e, _ := Parse(bad)
		if _, _, err := e.Evaluate(nil, nil); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
