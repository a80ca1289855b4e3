package jsonpath

import "testing"

func TestSplitVariable(t *testing.T) {
	for _, tc := range []struct {
		path, name, rest string
		ok               bool
	}{
		{"$order.items[0]", "order", "$.items[0]", true},
		{"$x", "x", "$", true},
		{"$_a1['k']", "_a1", "$['k']", true},
		{"$préféré.b", "préféré", "$.b", true},
		{"$.a", "", "", false},
		{"$$.Execution.Id", "", "", false},
		{"$1a", "", "", false},
		{"$", "", "", false},
		{"a", "", "", false},
	} {
		name, rest, ok := SplitVariable(tc.path)
		if name != tc.name || rest != tc.rest || ok != tc.ok {
			t.Errorf("SplitVariable(%q) = %q, %q, %v; want %q, %q, %v", tc.path, name, rest, ok, tc.name, tc.rest, tc.ok)
		}
	}
	if got := VariableName("a\xffb"); got != "a" {
		t.Errorf("VariableName stops at invalid UTF-8: got %q", got)
	}
}
