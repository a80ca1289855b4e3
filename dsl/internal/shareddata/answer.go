package shareddata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Answer is AWS's recorded answer to an execution of the conformance files
// (aws-recorded.jsonl, lambda-cases.jsonl, mockconfig-cases.jsonl), with
// what the recording says about how to read it. A test decodes a line into
// a struct that embeds Answer beside the case's own fields.
type Answer struct {
	Expected Expected `json:"expected"`
	// ExpectedEventTypes lists the history's event types, where recorded.
	ExpectedEventTypes []string `json:"expected_event_types"`
	// ExpectedEvents is the whole recorded history, where recorded.
	ExpectedEvents []json.RawMessage `json:"expected_events"`
	// Features tags what the definition uses: "state:Map", "jsonata", ...
	Features []string `json:"features"`
	// PlaceholdersInExpected says the answer holds the recorder's
	// placeholders; Compare looks for them whatever it says, since it
	// misses some.
	PlaceholdersInExpected bool `json:"placeholders_in_expected"`
	// SnapshotReplacedValues are whole values the recorder replaced:
	// each Replacement string stands for any value.
	SnapshotReplacedValues []Replacement `json:"snapshot_replaced_values"`
	// LocalstackSkipPaths are the paths ($..SdkHttpMetadata, $..events)
	// that LocalStack does not compare: values a mock cannot produce.
	LocalstackSkipPaths []string `json:"localstack_skip_paths"`
	// CauseIsJSONText says Expected.Cause is the JSON value of a cause
	// that AWS wrote as JSON text.
	CauseIsJSONText bool `json:"cause_is_json_text"`
	// EventsParallelNormalised says LocalStack re-sorted the history's
	// Parallel branch events: their order is not AWS's.
	EventsParallelNormalised bool `json:"events_parallel_normalised"`
	// Nondeterminism says what besides the definition and the input the
	// answer depends on ("timing: ...", "ordering: ...").
	Nondeterminism []string `json:"nondeterminism"`
}

// Expected is the recorded outcome of an execution.
type Expected struct {
	Status string          `json:"status"`
	Output json.RawMessage `json:"output"`
	Error  *string         `json:"error"`
	// Cause is a JSON string, or the JSON value of a cause that was JSON
	// text (see Answer.CauseIsJSONText).
	Cause json.RawMessage `json:"cause"`
}

// Replacement is a value the recorder replaced at the paths JSONPath
// selects.
type Replacement struct {
	JSONPath    string `json:"jsonpath"`
	Replacement string `json:"replacement"`
}

// Result is what a run of a case gave, to compare with its Answer.
type Result struct {
	Status string
	// Output is the output, a JSON value as package jsonvalue holds it.
	Output     any
	Error      string
	Cause      string
	EventTypes []string
}

// ErrorText returns the expected error name ("" for none).
func (e *Expected) ErrorText() string {
	if e.Error == nil {
		return ""
	}
	return *e.Error
}

// CauseText returns the expected cause as text: the string, or the JSON
// of a cause recorded as its JSON value ("" for none).
func (e *Expected) CauseText() string {
	var s string
	if len(e.Cause) == 0 || json.Unmarshal(e.Cause, &s) != nil {
		return string(e.Cause)
	}
	return s
}

// Compare compares a run's status, output, error and cause with the
// answer, and returns the differences, one a line, or nothing when they
// match. Outputs compare as JSON values (1 equals 1.0); the recorder's
// placeholders and replaced values match any value; a cause that AWS
// wrote as JSON text compares as JSON. With skip, the values at the
// answer's LocalstackSkipPaths are left out of both outputs.
func (a *Answer) Compare(r Result, skip bool) []string {
	m := a.matcher(skip)
	var diffs []string
	if r.Status != a.Expected.Status {
		return []string{fmt.Sprintf("status %s (%s: %s), want %s (%s: %s)", r.Status, r.Error, r.Cause, a.Expected.Status, a.Expected.ErrorText(), a.Expected.CauseText())}
	}
	if r.Status == "SUCCEEDED" {
		want, err := jsonvalue.Parse(a.Expected.Output)
		if err != nil {
			return []string{fmt.Sprintf("the recorded output does not parse: %v", err)}
		}
		if !m.value(m.skip(want), m.skip(r.Output)) {
			diffs = append(diffs, fmt.Sprintf("output\n got %s\nwant %s", jsonvalue.Marshal(r.Output), a.Expected.Output))
		}
		return diffs
	}
	if r.Error != a.Expected.ErrorText() {
		diffs = append(diffs, fmt.Sprintf("error %q, want %q", r.Error, a.Expected.ErrorText()))
	}
	if !a.causeMatches(m, r.Cause) {
		diffs = append(diffs, fmt.Sprintf("cause\n got %q\nwant %s", r.Cause, a.Expected.Cause))
	}
	return diffs
}

// causeMatches reports whether got matches the expected cause.
func (a *Answer) causeMatches(m *matcher, got string) bool {
	c := bytes.TrimSpace(a.Expected.Cause)
	if len(c) == 0 || bytes.Equal(c, []byte("null")) {
		return got == ""
	}
	if c[0] != '"' { // the JSON value of a cause that was JSON text
		want, err := jsonvalue.Parse(c)
		if err != nil {
			return false
		}
		v, err := jsonvalue.Parse([]byte(got))
		return err == nil && m.value(want, v)
	}
	return m.string(a.Expected.CauseText(), got)
}

// CompareEventTypes compares a run's event types with the recorded ones.
// It reports whether they were compared: not when none were recorded, nor
// for a history with Parallel states, whose branch events the recorder
// gave the id [0] and dropped as duplicates or re-sorted, nor for a Map
// whose iterations' tasks ran concurrently for as long as they took on AWS
// (nondeterminism "timing"), nor, with skip, where LocalStack does not
// compare the events ($..events).
func (a *Answer) CompareEventTypes(types []string, skip bool) (diff string, compared bool) {
	timed := slices.ContainsFunc(a.Nondeterminism, func(s string) bool { return strings.HasPrefix(s, "timing") })
	switch {
	case a.ExpectedEventTypes == nil, slices.Contains(a.Features, "state:Parallel"), a.EventsParallelNormalised,
		timed && slices.Contains(a.Features, "state:Map"),
		skip && slices.Contains(a.LocalstackSkipPaths, "$..events"):
		return "", false
	case !slices.Equal(types, a.ExpectedEventTypes):
		return fmt.Sprintf("event types\n got  %s\nwant %s", strings.Join(types, " "), strings.Join(a.ExpectedEventTypes, " ")), true
	}
	return "", true
}

// Match reports whether got matches a recorded value, want: JSON values as
// package jsonvalue holds them, compared as values (1 equals 1.0), where
// the recorder's placeholders (see MatchString) and the given replaced
// values match anything.
func Match(want, got any, replaced ...string) bool {
	return (&matcher{replaced: replaced}).value(want, got)
}

// MatchString reports whether got matches a recorded string: the same
// string, or one the recorder wrote in place of a random or timed value
// (the whole strings "date", "timestamp", "RequestId", ... or
// <placeholder> parts, such as "arn:<partition>:states:<region>:...",
// each of which matches any text).
func MatchString(want, got string) bool { return (&matcher{}).string(want, got) }

// matcher compares recorded values with results.
type matcher struct {
	replaced []string   // whole values the recorder replaced
	skipKeys [][]string // key paths ($..a.b as [a b]) left out of outputs
}

func (a *Answer) matcher(skip bool) *matcher {
	m := &matcher{}
	for _, r := range a.SnapshotReplacedValues {
		m.replaced = append(m.replaced, r.Replacement, strings.Trim(r.Replacement, "<>"))
	}
	if skip {
		for _, p := range a.LocalstackSkipPaths {
			rest, ok := strings.CutPrefix(p, "$..")
			if !ok || strings.Contains(rest, "..") {
				continue // $..events..x: not about outputs
			}
			m.skipKeys = append(m.skipKeys, strings.Split(rest, "."))
		}
	}
	return m
}

// recorderWords are whole values that LocalStack's recorder wrote instead
// of times, role ARNs and request ids.
var recorderWords = map[string]bool{"date": true, "start-time": true, "entered-time": true, "timestamp": true,
	"snf_role_arn": true, "sfn_role_arn": true, "RandomNumberGenerated": true,
	"RequestId": true, "x-amzn-RequestId": true, "X-Amzn-Trace-Id": true}

var placeholder = regexp.MustCompile(`<[A-Za-z0-9_:.-]+>`)

func (m *matcher) value(want, got any) bool {
	if w, ok := want.(string); ok && (recorderWords[w] || slices.Contains(m.replaced, w)) {
		return true // a random number, a time or a value replaced whole
	}
	switch w := want.(type) {
	case string:
		g, ok := got.(string)
		return ok && m.string(w, g)
	case *jsonvalue.Object:
		g, ok := got.(*jsonvalue.Object)
		if !ok || g.Len() != w.Len() {
			return false
		}
		for k, v := range w.All() {
			gv, ok := g.Get(k)
			if !ok || !m.value(v, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !m.value(w[i], g[i]) {
				return false
			}
		}
		return true
	}
	return jsonvalue.Equal(want, got)
}

func (m *matcher) string(want, got string) bool {
	if want == got || recorderWords[want] || slices.Contains(m.replaced, want) {
		return true
	}
	if !placeholder.MatchString(want) {
		return false
	}
	parts := placeholder.Split(want, -1)
	var re strings.Builder
	re.WriteString("^")
	for i, p := range parts {
		if i > 0 {
			re.WriteString("(?s:.*)")
		}
		re.WriteString(regexp.QuoteMeta(p))
	}
	re.WriteString("$")
	ok, _ := regexp.MatchString(re.String(), got)
	return ok
}

// skip returns v without the values at m's skip paths.
func (m *matcher) skip(v any) any {
	if len(m.skipKeys) == 0 {
		return v
	}
	return m.drop(v, nil)
}

// drop returns v without the values at the skip paths, below keys.
func (m *matcher) drop(v any, keys []string) any {
	switch x := v.(type) {
	case *jsonvalue.Object:
		o := jsonvalue.NewObject(x.Len())
		for k, e := range x.All() {
			path := append(keys[:len(keys):len(keys)], k)
			if m.skipped(path) {
				continue
			}
			o.Set(k, m.drop(e, path))
		}
		return o
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = m.drop(e, keys)
		}
		return out
	}
	return v
}

// skipped reports whether a path of keys ends with one of the skip paths.
func (m *matcher) skipped(path []string) bool {
	for _, s := range m.skipKeys {
		if len(path) >= len(s) && slices.Equal(path[len(path)-len(s):], s) {
			return true
		}
	}
	return false
}
