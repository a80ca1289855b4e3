package jsonpath

import (
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// TestAWSForms checks the forms that AWS accepts in deployed workflows and
// that package jsonpath therefore parses, so that a path the validator
// accepts is one the simulator can run: trailing spaces, unquoted words in
// filters, and the script (@.length-N).
func TestAWSForms(t *testing.T) {
	tests := []struct{ in, canonical string }{
		{"$$.Execution.Name ", "$$.Execution.Name"},
		{"$.a   ", "$.a"},
		{"$ ", "$"},
		{"$[?(@.status==Failure)]", "$[?(@.status == 'Failure')]"},
		{"$.Labels[?(@.Name==Receipt)]", "$.Labels[?(@.Name == 'Receipt')]"},
		{"$.f[?(@.Type.Text==AMOUNT_PAID)].v", "$.f[?(@.Type.Text == 'AMOUNT_PAID')].v"},
		{"$[?(@.k == in-progress || @.k == _x)]", "$[?(@.k == 'in-progress' || @.k == '_x')]"},
		{"$[?(Failure == @.s)]", "$[?('Failure' == @.s)]"},
		{"$[?(@.s in [a, b, 1])]", "$[?(@.s in ['a','b',1])]"},
		{"$[?(@.s == true && @.t != null)]", "$[?(@.s == true && @.t != null)]"},
		{"$[(@.length-1)].bar", "$[-1].bar"},
		{"$..[( @.length - 2 )]", "$..[-2]"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := p.String(); got != tt.canonical {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.canonical)
		}
		checkRoundTrip(t, tt.in, p)
	}
}

// TestAWSFormsEval checks how the forms of TestAWSForms evaluate: an
// unquoted word is a string, (@.length-N) the N-th element from the end.
func TestAWSFormsEval(t *testing.T) {
	doc, err := jsonvalue.Parse([]byte(`{"jobs": [{"id": 1, "status": "Failure"}, {"id": 2, "status": "Success"}, {"id": 3, "status": "Failure"}], "name": "x"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{"$.jobs[?(@.status==Failure)].id", "[1,3]"},
		{"$.jobs[?(@.status!=Failure)].id", "[2]"},
		{"$.jobs[(@.length-1)].id", "3"},
		{"$.jobs[(@.length-3)].status", `"Failure"`},
		{"$.name ", `"x"`},
	}
	for _, tt := range tests {
		v, err := MustParse(tt.path).Select(doc, nil)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if got := string(jsonvalue.Marshal(v)); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.path, got, tt.want)
		}
	}
}
