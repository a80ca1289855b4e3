package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// recordedCase is one line of the shared conformance/aws-recorded.jsonl: a
// definition, an input, the execution's start time and type, and AWS's
// answer. (The fields before Features are those of a batch line of
// `aslgen run -cases`, whose runner, cmd/aslgen/internal/batch, this
// package cannot import: the tests here run the simulator directly.)
type recordedCase struct {
	ID                     string            `json:"id"`
	Definition             json.RawMessage   `json:"definition"`
	Input                  json.RawMessage   `json:"input"`
	StartTime              string            `json:"start_time"`
	Type                   string            `json:"type"`
	Features               []string          `json:"features"`
	PlaceholdersInExpected bool              `json:"placeholders_in_expected"`
	ExpectedEventTypes     []string          `json:"expected_event_types"`
	ExpectedEvents         []json.RawMessage `json:"expected_events"`
	Expected               struct {
		Status string          `json:"status"`
		Output json.RawMessage `json:"output"`
		Error  *string         `json:"error"`
		Cause  *string         `json:"cause"`
	} `json:"expected"`
}

// options returns the simulator options of a recorded case: the recorder's
// account, and the start time (RFC 3339) and type ("EXPRESS", or
// "STANDARD" and empty) it was recorded with.
func (c *recordedCase) options() ([]Option, error) {
	opts := []Option{Account("111111111111")}
	if c.StartTime != "" {
		t, err := time.Parse(time.RFC3339Nano, c.StartTime)
		if err != nil {
			return nil, err
		}
		opts = append(opts, StartTime(t.UTC()))
	}
	switch c.Type {
	case "", "STANDARD":
	case "EXPRESS":
		opts = append(opts, Express())
	default:
		return nil, fmt.Errorf("type %q is neither STANDARD nor EXPRESS", c.Type)
	}
	return opts, nil
}

// run runs a recorded case: its definition, with its options, on its input
// ({} when it has none).
func (c *recordedCase) run() (*Execution, error) {
	doc, err := asl.Unmarshal(c.Definition)
	if err != nil {
		return nil, err
	}
	opts, err := c.options()
	if err != nil {
		return nil, err
	}
	s, err := New(doc, opts...)
	if err != nil {
		return nil, err
	}
	input := c.Input
	if len(input) == 0 {
		input = json.RawMessage("{}")
	}
	return s.Run(context.Background(), input)
}

func loadRecorded(t *testing.T) []recordedCase {
	t.Helper()
	var cases []recordedCase
	for _, line := range shareddata.Lines(t, "conformance/aws-recorded.jsonl") {
		var c recordedCase
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	return cases
}

// needsJSONata reports whether a recorded case uses JSONata or variables.
func needsJSONata(c *recordedCase) bool {
	return slices.Contains(c.Features, "jsonata") || slices.Contains(c.Features, "assign/variables")
}

// TestConformance runs every execution that AWS recorded, in both query
// languages, and compares status, output, error and cause with AWS's.
func TestConformance(t *testing.T) {
	cases := loadRecorded(t)
	passed, jsonataCases := 0, 0
	parallelHistories := 0
	for i := range cases {
		c := &cases[i]
		if needsJSONata(c) {
			jsonataCases++
		}
		t.Run(c.ID, func(t *testing.T) {
			ex, err := c.run()
			if err != nil {
				t.Fatalf("cannot run: %v", err)
			}
			if string(ex.Status) != c.Expected.Status {
				t.Fatalf("status %s (%s: %s), want %s (%v: %v)", ex.Status, ex.Error, ex.Cause, c.Expected.Status, deref(c.Expected.Error), deref(c.Expected.Cause))
			}
			if c.Expected.Status == "SUCCEEDED" {
				want := jsonvalue.MustParse(string(c.Expected.Output))
				output := jsonvalue.Marshal(ex.Output)
				got, err := jsonvalue.Parse(output)
				if err != nil {
					t.Fatalf("output %s: %v", output, err)
				}
				if !matchValue(want, got, true) { // placeholders_in_expected misses some replaced values
					t.Fatalf("output\n got %s\nwant %s", output, c.Expected.Output)
				}
			}
			if c.Expected.Status == "FAILED" {
				if ex.Error != deref(c.Expected.Error) {
					t.Errorf("error %q, want %q", ex.Error, deref(c.Expected.Error))
				}
				if !matchString(deref(c.Expected.Cause), ex.Cause, true) {
					t.Errorf("cause\n got %q\nwant %q", ex.Cause, deref(c.Expected.Cause))
				}
			}
			switch types := ex.EventTypes(); {
			case c.ExpectedEventTypes == nil:
			case slices.Contains(c.Features, "state:Parallel"):
				// The recorder gave branch events the id [0] and dropped the
				// ones it took for duplicates (ParallelStateSucceeded among
				// them: the ids have gaps), so these lists are incomplete.
				parallelHistories++
			case !slices.Equal(types, c.ExpectedEventTypes):
				t.Errorf("event types\n got  %s\nwant %s", strings.Join(types, " "), strings.Join(c.ExpectedEventTypes, " "))
			}
			passed++
		})
	}
	t.Logf("event types compared where recorded, except %d histories with Parallel states, which the recorder left incomplete", parallelHistories)
	t.Logf("%d of %d cases passed, %d of them with JSONata or variables", passed, len(cases), jsonataCases)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// matchValue compares a recorded value with a result. With placeholders,
// strings that LocalStack's recorder replaced (<ArnPart_0idx>, "date", ...)
// match any string of the same shape.
func matchValue(want, got any, placeholders bool) bool {
	if w, ok := want.(string); ok && placeholders && recorderWords[w] {
		return true // a random number or a time, replaced by the recorder
	}
	switch w := want.(type) {
	case string:
		g, ok := got.(string)
		if !ok {
			return false
		}
		return matchString(w, g, placeholders)
	case *jsonvalue.Object:
		g, ok := got.(*jsonvalue.Object)
		if !ok || g.Len() != w.Len() {
			return false
		}
		for k, v := range w.All() {
			gv, ok := g.Get(k)
			if !ok || !matchValue(v, gv, placeholders) {
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
			if !matchValue(w[i], g[i], placeholders) {
				return false
			}
		}
		return true
	}
	return jsonvalue.Equal(want, got)
}

var placeholder = regexp.MustCompile(`<[A-Za-z0-9_:.-]+>`)

// recorderWords are whole values that LocalStack's recorder wrote instead of
// times and role ARNs.
var recorderWords = map[string]bool{"date": true, "start-time": true, "entered-time": true, "timestamp": true,
	"snf_role_arn": true, "sfn_role_arn": true, "RandomNumberGenerated": true}

func matchString(want, got string, placeholders bool) bool {
	if want == got {
		return true
	}
	if !placeholders {
		return false
	}
	if recorderWords[want] {
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

// TestConformanceVariableEvents compares what AWS records about variables
// and JSONata evaluation errors, in the recorded histories of the cases
// that use them: the assignedVariables of each StateExited event, and the
// details of each EvaluationFailed event.
func TestConformanceVariableEvents(t *testing.T) {
	cases := loadRecorded(t)
	compared := 0
	for i := range cases {
		c := &cases[i]
		if !needsJSONata(c) || len(c.ExpectedEvents) == 0 || slices.Contains(c.Features, "state:Parallel") {
			continue
		}
		t.Run(c.ID, func(t *testing.T) {
			ex, err := c.run()
			if err != nil {
				t.Fatal(err)
			}
			if len(ex.Events()) != len(c.ExpectedEvents) {
				t.Fatalf("%d events, want %d", len(ex.Events()), len(c.ExpectedEvents))
			}
			for j, raw := range c.ExpectedEvents {
				want := jsonvalue.MustParse(string(raw)).(*jsonvalue.Object)
				data, err := json.Marshal(ex.Events()[j])
				if err != nil {
					t.Fatal(err)
				}
				got := jsonvalue.MustParse(string(data)).(*jsonvalue.Object)
				typ, _ := want.Get("type")
				key := ex.Events()[j].detailsKey()
				wd, _ := want.Get(key)
				gd, _ := got.Get(key)
				wo, _ := wd.(*jsonvalue.Object)
				g, _ := gd.(*jsonvalue.Object)
				switch {
				case typ == "EvaluationFailed":
					if !matchValue(wo, g, true) {
						t.Errorf("event %d %s:\n got %s\nwant %s", j+1, typ, jsonvalue.String(g), jsonvalue.String(wo))
					}
				case strings.HasSuffix(typ.(string), "StateExited"):
					wv, _ := wo.Get("assignedVariables")
					gv, _ := g.Get("assignedVariables")
					if !assignedEqual(wv, gv) {
						t.Errorf("event %d %s assignedVariables:\n got %s\nwant %s", j+1, typ, jsonvalue.String(gv), jsonvalue.String(wv))
					}
				}
			}
			compared++
		})
	}
	if compared == 0 {
		t.Fatal("no recorded history with variables or JSONata was compared")
	}
	t.Logf("variable and evaluation events compared in %d recorded histories", compared)
}

// assignedEqual compares assignedVariables objects, whose values are JSON
// texts, by the values those texts hold.
func assignedEqual(want, got any) bool {
	w, _ := want.(*jsonvalue.Object)
	g, _ := got.(*jsonvalue.Object)
	if w == nil || g == nil {
		return w == nil && g == nil
	}
	if w.Len() != g.Len() {
		return false
	}
	for k, wv := range w.All() {
		gv, ok := g.Get(k)
		gs, _ := gv.(string)
		if !ok {
			return false
		}
		gj, err := jsonvalue.Parse([]byte(gs))
		if err != nil {
			return false
		}
		// The recorder decoded the texts of objects into objects.
		wj := wv
		if ws, isText := wv.(string); isText {
			if wj, err = jsonvalue.Parse([]byte(ws)); err != nil {
				return false
			}
		}
		if !matchValue(wj, gj, true) {
			return false
		}
	}
	return true
}
