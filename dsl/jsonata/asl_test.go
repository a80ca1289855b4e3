package jsonata

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
)

// templateStrings returns the strings of the states of an ASL definition
// whose query language is JSONata and that look like templates (start with
// "{%" or end with "%}"), keyed by a description of where they are. Comment
// fields are left out: they are not evaluated.
func templateStrings(def map[string]any) map[string]string {
	out := map[string]string{}
	var machine func(m map[string]any, lang, where string)
	var value func(v any, where string)
	value = func(v any, where string) {
		switch v := v.(type) {
		case string:
			if strings.HasPrefix(v, "{%") || strings.HasSuffix(v, "%}") {
				out[where] = v
			}
		case []any:
			for i, x := range v {
				value(x, where+"["+itoa(i)+"]")
			}
		case map[string]any:
			for k, x := range v {
				value(x, where+"/"+k)
			}
		}
	}
	machine = func(m map[string]any, lang, where string) {
		if l, ok := m["QueryLanguage"].(string); ok {
			lang = l
		}
		states, _ := m["States"].(map[string]any)
		for name, s := range states {
			st, ok := s.(map[string]any)
			if !ok {
				continue
			}
			sl := lang
			if l, ok := st["QueryLanguage"].(string); ok {
				sl = l
			}
			for k, x := range st {
				switch k {
				case "Branches":
					bs, _ := x.([]any)
					for i, b := range bs {
						if bm, ok := b.(map[string]any); ok {
							machine(bm, lang, where+name+".Branches["+itoa(i)+"].")
						}
					}
				case "ItemProcessor", "Iterator":
					if pm, ok := x.(map[string]any); ok {
						machine(pm, lang, where+name+"."+k+".")
					}
				case "Comment":
					// Not evaluated.
				default:
					if sl == "JSONata" {
						value(x, where+name+"/"+k)
					}
				}
			}
		}
	}
	machine(def, "JSONPath", "")
	return out
}

// awsAcceptsTemplate lists the asl-validator fixtures that call a template
// invalid for a rule of asl-validator's own that AWS does not have.
var awsAcceptsTemplate = map[string]string{
	"invalid-jsonata-surround-syntax-no-spaces.json": `"{%10%}": AWS needs no white space inside the delimiters (see ParseTemplate)`,
}

// TestValidatorFixtures parses the JSONata templates of the asl-validator
// fixtures: those of valid definitions must parse, and each
// invalid-jsonata-syntax and invalid-jsonata-surround-syntax fixture must
// hold a template that does not, but those awsAcceptsTemplate lists, which
// must parse.
func TestValidatorFixtures(t *testing.T) {
	files := shareddata.Glob(t, "conformance/validator/*.json")
	var valid, invalid, templates int
	for _, f := range files {
		base := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var def map[string]any
		if json.Unmarshal(data, &def) != nil {
			continue // not JSON: not this package's concern
		}
		tmpls := templateStrings(def)
		templates += len(tmpls)
		wantBad := strings.HasPrefix(base, "invalid-jsonata-syntax-") || strings.HasPrefix(base, "invalid-jsonata-surround-syntax-")
		var bad []string
		for _, where := range sortedKeys(tmpls) {
			if _, err := ParseTemplate(tmpls[where]); err != nil {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Errorf("%s: %s: error %T, want *SyntaxError", base, where, err)
				}
				bad = append(bad, where+": "+err.Error())
			}
		}
		reason, accepted := awsAcceptsTemplate[base]
		switch {
		case accepted && len(bad) > 0:
			t.Errorf("%s: %s; want it accepted: %s", base, strings.Join(bad, "; "), reason)
		case accepted:
			t.Logf("%s: accepted, as AWS accepts it: %s", base, reason)
		case wantBad && len(bad) == 0:
			t.Errorf("%s: all templates parse, want a syntax error (templates %q)", base, tmpls)
		case wantBad:
			invalid++
			t.Logf("%s: %s", base, strings.Join(bad, "; "))
		case strings.HasPrefix(base, "valid-") && len(bad) > 0:
			t.Errorf("%s: %s", base, strings.Join(bad, "; "))
		case strings.HasPrefix(base, "valid-") && len(tmpls) > 0:
			valid++
		}
	}
	t.Logf("validator fixtures: %d JSONata templates; %d valid definitions with templates parse, %d invalid ones rejected", templates, valid, invalid)
	if invalid == 0 {
		t.Error("no invalid-jsonata-* fixture found")
	}
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestRecordedDefinitions parses every JSONata template of the definitions
// recorded against AWS: AWS accepted them all.
func TestRecordedDefinitions(t *testing.T) {
	var defs, templates int
	for _, line := range shareddata.Lines(t, "conformance/aws-recorded.jsonl") {
		var c struct {
			ID         string         `json:"id"`
			Definition map[string]any `json:"definition"`
		}
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		tmpls := templateStrings(c.Definition)
		if len(tmpls) > 0 {
			defs++
		}
		for where, s := range tmpls {
			templates++
			e, err := ParseTemplate(s)
			if err != nil {
				t.Errorf("%s: %s: %q: %v", c.ID, where, s, err)
				continue
			}
			if _, err := Parse(e.String()); err != nil {
				t.Errorf("%s: %q formats as %q, which does not parse: %v", c.ID, s, e.String(), err)
			}
		}
	}
	t.Logf("recorded AWS definitions: %d templates in %d definitions parse", templates, defs)
}

// TestTemplate checks the {% %} delimiters.
func TestTemplate(t *testing.T) {
	tests := []struct {
		in     string
		is     bool
		offset int    // of the error, -1 for none
		msg    string // substring of the error message
		root   string
	}{
		{"{% 1+2 %}", true, -1, "", "(+ 1 2)"},
		{"{%\n  $states.input.a\n%}", true, -1, "", "(path $states input a)"},
		{"{%  $x  %}", true, -1, "", "$x"},
		{"{%10%}", true, -1, "", "10"},
		{"{% 10%}", true, -1, "", "10"},
		{"{%$x %}", true, -1, "", "$x"},
		{"{% \n10         %}", true, -1, "", "10"},
		{"{% 10 %", false, 7, `missing "%}"`, ""},
		{"10 %}", false, 0, `missing "{%"`, ""},
		{"{%%}", true, 2, "empty", ""},
		{"{% %}", true, 2, "empty", ""},
		{"{%   %}", true, 2, "empty", ""},
		{"{%}", false, 3, `missing "%}"`, ""},
		{"{% 10 + * 2 %}", true, 10, `unexpected "2"`, ""}, // * is the wildcard here
		{"{% $sum($x %}", true, 11, `expected ")" before end`, ""},
		{"{% $.store.book[?(@.price < 10)].title %}", true, 16, `"?" cannot be used as a unary`, ""},
		{"{% $x ?? 1 %}", true, 7, "JSONata 2.0", ""},
		{"plain", false, 0, `missing "{%"`, ""},
	}
	for _, tt := range tests {
		if got := IsExpression(tt.in); got != tt.is {
			t.Errorf("IsExpression(%q) = %v, want %v", tt.in, got, tt.is)
		}
		e, err := ParseTemplate(tt.in)
		if tt.offset < 0 {
			if err != nil {
				t.Errorf("ParseTemplate(%q): %v", tt.in, err)
			} else if got := sexpr(e.Root); got != tt.root {
				t.Errorf("ParseTemplate(%q) = %s, want %s", tt.in, got, tt.root)
			} else if e.Source != tt.in {
				t.Errorf("ParseTemplate(%q).Source = %q", tt.in, e.Source)
			}
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseTemplate(%q) = %v, want *SyntaxError", tt.in, err)
			continue
		}
		if se.Offset != tt.offset || !strings.Contains(se.Msg, tt.msg) || se.Input != tt.in {
			t.Errorf("ParseTemplate(%q) = %q at %d, want %q at %d", tt.in, se.Msg, se.Offset, tt.msg, tt.offset)
		}
	}
	// Offsets are relative to the template.
	e, err := ParseTemplate("{% a.b %}")
	if err != nil {
		t.Fatal(err)
	}
	if p := e.Root.(*Path); p.Steps[1].Pos() != 5 {
		t.Errorf("offset of b = %d, want 5", p.Steps[1].Pos())
	}
}
