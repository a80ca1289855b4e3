package jsonata

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
)

// suiteCase is one case of the official JSONata test suite.
type suiteCase struct {
	ID              string                     `json:"id"`
	Expr            string                     `json:"expr"`
	Data            json.RawMessage            `json:"data"`
	Dataset         string                     `json:"dataset"`
	Bindings        map[string]json.RawMessage `json:"bindings"`
	Result          json.RawMessage            `json:"result"`
	UndefinedResult bool                       `json:"undefinedResult"`
	Code            string                     `json:"code"`
	Depth           int                        `json:"depth"`
	TimeLimit       int                        `json:"timelimit"`
	Error           *struct {
		Code string `json:"code"`
	} `json:"error"`
}

// suiteExceptions lists suite cases whose outcome deliberately differs from
// the reference implementation, with the reason. Keys are case ids.
var suiteExceptions = map[string]string{}

// suiteCodeExceptions lists cases that fail as expected but with a
// different error code than the reference, with the reason.
var suiteCodeExceptions = map[string]string{}

// isParseCode reports whether a JSONata error code is raised when an
// expression is compiled: the S0 codes (S01xx lexical, S02xx syntax,
// S03xx regular expressions, S04xx signatures).
func isParseCode(code string) bool { return strings.HasPrefix(code, "S0") }

func loadSuite(t *testing.T) []suiteCase {
	t.Helper()
	var cases []suiteCase
	for _, line := range shareddata.Lines(t, "conformance/jsonata/cases.jsonl") {
		var c suiteCase
		if err := json.Unmarshal(keepLoneSurrogates(line), &c); err != nil {
			t.Fatalf("conformance/jsonata/cases.jsonl: %v", err)
		}
		if c.Code == "" && c.Error != nil {
			c.Code = c.Error.Code
		}
		cases = append(cases, c)
	}
	return cases
}

// TestSuite parses every expression of the official JSONata test suite:
// those that the reference compiles must parse, those that it rejects at
// compile time (S0 error codes) must fail, with the same code.
func TestSuite(t *testing.T) {
	cases := loadSuite(t)
	var parsed, rejected, codeMatch, excepted int
	codes := map[string]int{}
	for _, c := range cases {
		e, err := Parse(c.Expr)
		wantErr := isParseCode(c.Code)
		if reason, ok := suiteExceptions[c.ID]; ok {
			excepted++
			t.Logf("%s: exception (%s): %q", c.ID, reason, c.Expr)
			continue
		}
		switch {
		case wantErr && err == nil:
			t.Errorf("%s: Parse(%q) succeeded (%s), want error %s", c.ID, c.Expr, e, c.Code)
		case !wantErr && err != nil:
			t.Errorf("%s: Parse(%q): %v", c.ID, c.Expr, err)
		case wantErr:
			rejected++
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("%s: error %T, want *SyntaxError", c.ID, err)
				continue
			}
			codes[c.Code]++
			if se.Code == c.Code {
				codeMatch++
			} else if reason, ok := suiteCodeExceptions[c.ID]; ok {
				t.Logf("%s: code %s, reference %s (%s)", c.ID, se.Code, c.Code, reason)
			} else {
				t.Errorf("%s: Parse(%q): %v: code %s, want %s", c.ID, c.Expr, err, se.Code, c.Code)
			}
		default:
			parsed++
			// The canonical rendering must parse back and be stable.
			s1 := e.String()
			e2, err := Parse(s1)
			if err != nil {
				t.Errorf("%s: Parse(%q) -> %q does not parse back: %v", c.ID, c.Expr, s1, err)
				continue
			}
			if s2 := e2.String(); s2 != s1 {
				t.Errorf("%s: unstable rendering of %q:\n%s\n%s", c.ID, c.Expr, s1, s2)
			}
		}
	}
	var cs []string
	for c, n := range codes {
		cs = append(cs, c+"×"+itoa(n))
	}
	sort.Strings(cs)
	t.Logf("JSONata suite: %d cases: %d parse as expected, %d rejected as expected (%d with the reference's error code), %d exceptions",
		len(cases), parsed, rejected, codeMatch, excepted)
	t.Logf("compile-time error codes exercised: %s", strings.Join(cs, " "))
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
