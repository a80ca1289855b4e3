package jsonata

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// evalSuiteFloor is the number of suite cases the evaluator must pass (of
// 1,686; issue 6 asks for at least 95%). It is a ratchet: raise it when
// more cases pass, so that no change loses one.
const evalSuiteFloor = 1686

// suiteShow is how many failures of each group the test prints:
// go test ./dsl/jsonata -run EvalSuite -v -args -suite.show=1000
var suiteShow = flag.Int("suite.show", 3, "failures of each JSONata suite group to print")

// TestEvalSuite evaluates every case of the official JSONata suite and
// lists the failures by group, with a reason for each.
func TestEvalSuite(t *testing.T) {
	cases := loadSuite(t)
	raw, err := os.ReadFile(shareddata.Path(t, "conformance/jsonata/datasets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var datasets map[string]json.RawMessage
	if err := json.Unmarshal(raw, &datasets); err != nil {
		t.Fatal(err)
	}
	total, passed := len(cases), 0
	failures := map[string][]string{}
	for _, c := range cases {
		reason := runEvalCase(c, datasets)
		if reason == "" {
			passed++
			continue
		}
		group, _, _ := strings.Cut(c.ID, "/")
		failures[group] = append(failures[group], c.ID+": "+reason)
	}
	groups := make([]string, 0, len(failures))
	for g := range failures {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		fs := failures[g]
		t.Logf("group %s: %d failing", g, len(fs))
		for i, r := range fs {
			if i == *suiteShow {
				t.Logf("    ... and %d more", len(fs)-*suiteShow)
				break
			}
			t.Logf("    %s", r)
		}
	}
	t.Logf("JSONata suite evaluation: %d of %d cases pass (%.1f%%)", passed, total, 100*float64(passed)/float64(total))
	if passed < evalSuiteFloor {
		t.Errorf("%d cases pass, fewer than the floor of %d", passed, evalSuiteFloor)
	}
}

// A case's timelimit bounds its evaluation (Limits.Timeout), as in the
// reference's runner: a few cases pass only because evaluation stops at it.
// Whether an evaluation hangs is judged on a wall clock that a loaded
// machine stretches, so the harness waits suiteTimeMargin times the limit,
// and at least suiteHangAfter, before it calls the case a hang and stops it.
const (
	suiteTimeMargin = 10
	suiteHangAfter  = 30 * time.Second
)

// suiteHangLimit is how long the harness waits for a case's result.
func suiteHangLimit(c suiteCase) time.Duration {
	return max(suiteTimeMargin*time.Duration(c.TimeLimit)*time.Millisecond, suiteHangAfter)
}

// runEvalCase runs one case and returns why it failed, or "".
func runEvalCase(c suiteCase, datasets map[string]json.RawMessage) (reason string) {
	defer func() {
		if r := recover(); r != nil {
			reason = fmt.Sprintf("panic: %v", r)
		}
	}()
	e, err := Parse(c.Expr)
	if err != nil {
		if c.Code != "" && isParseCode(c.Code) {
			return ""
		}
		return "parse: " + err.Error()
	}
	var input any
	data := c.Data
	if c.Dataset != "" {
		data = datasets[c.Dataset]
	}
	if len(data) > 0 {
		if input, err = jsonvalue.Parse(data); err != nil {
			return "bad data: " + err.Error()
		}
	} else {
		input = undefined
	}
	bindings := map[string]any{}
	for k, v := range c.Bindings {
		if bindings[k], err = jsonvalue.Parse(v); err != nil {
			return "bad binding: " + err.Error()
		}
	}
	type outcome struct {
		v   any
		ok  bool
		err error
	}
	limit, hang := time.Duration(c.TimeLimit)*time.Millisecond, suiteHangLimit(c)
	done := make(chan outcome, 1)
	stop := make(chan struct{})
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{err: fmt.Errorf("panic: %v", r)}
			}
		}()
		v, ok, err := e.EvaluateWith(input, bindings, Limits{MaxDepth: c.Depth, Timeout: limit, Done: stop})
		done <- outcome{v, ok, err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(hang):
		// Stop the evaluation, so that no goroutine is left running.
		close(stop)
		select {
		case <-done:
			return fmt.Sprintf("hang: no result after %v; stopped", hang)
		case <-time.After(suiteHangAfter):
			return fmt.Sprintf("hang: no result after %v, and it did not stop when told to", hang)
		}
	}
	switch {
	case c.Code != "":
		var re *RuntimeError
		if o.err == nil {
			return "want error " + c.Code + ", got a result"
		}
		if errors.As(o.err, &re) && re.Code == c.Code {
			return ""
		}
		return fmt.Sprintf("want error %s, got %v", c.Code, o.err)
	case o.err != nil:
		return o.err.Error()
	case c.UndefinedResult:
		if o.ok {
			return "want undefined, got " + jsonvalue.String(o.v)
		}
		return ""
	case !o.ok:
		return "got undefined, want " + string(c.Result)
	}
	want, err := jsonvalue.Parse(c.Result)
	if err != nil {
		return "bad result: " + err.Error()
	}
	if !jsonvalue.Equal(o.v, want) {
		return fmt.Sprintf("got %s, want %s", jsonvalue.String(o.v), jsonvalue.String(want))
	}
	return ""
}

// keepLoneSurrogates rewrites the JSON escape of a lone UTF-16 surrogate
// (\ud800 not part of a pair) as an escaped backslash, so that the JSONata
// string literal it sits in receives the escape itself: encoding/json would
// turn it into U+FFFD, and the suite's cases about lone surrogates expect
// the surrogate.
func keepLoneSurrogates(line []byte) []byte {
	isSurrogate := func(i int) (hi, lo bool) {
		if i+6 > len(line) || line[i] != '\\' || line[i+1] != 'u' {
			return false, false
		}
		v, err := strconv.ParseUint(string(line[i+2:i+6]), 16, 16)
		if err != nil {
			return false, false
		}
		return v >= 0xd800 && v < 0xdc00, v >= 0xdc00 && v < 0xe000
	}
	var out []byte
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) && line[i+1] == '\\' {
			out = append(out, line[i], line[i+1])
			i++
			continue
		}
		hi, lo := isSurrogate(i)
		if hi {
			if _, nextLo := isSurrogate(i + 6); nextLo {
				out = append(out, line[i:i+12]...)
				i += 11
				continue
			}
		}
		if hi || lo {
			out = append(out, '\\')
		}
		out = append(out, line[i])
	}
	return out
}
