package sim_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/sim/replay"
)

// recordedCase is one line of the shared conformance files of executions
// (aws-recorded.jsonl, lambda-cases.jsonl, mockconfig-cases.jsonl): the
// case, as `aslgen run -cases` reads it too, and AWS's answer.
type recordedCase struct {
	replay.Case
	shareddata.Answer
}

// recorderAccount is the account id of the recordings, in their inputs and
// answers alike.
const recorderAccount = "111111111111"

// run runs a recorded case in the recorder's account.
func (c *recordedCase) run() (*sim.Execution, error) {
	return c.Run(context.Background(), sim.Account(recorderAccount), sim.MapItemsArraysOnly()) // recorded before Map iterated over objects
}

// result is what an execution gave, to compare with the answer.
func result(ex *sim.Execution) shareddata.Result {
	return shareddata.Result{Status: string(ex.Status), Output: ex.Output, Error: ex.Error, Cause: ex.Cause, EventTypes: ex.EventTypes()}
}

// loadRecorded reads the cases of a conformance file.
func loadRecorded(t *testing.T, file string) []recordedCase {
	t.Helper()
	var cases []recordedCase
	for _, line := range shareddata.Lines(t, file) {
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

// checkRecorded runs the cases of a conformance file and compares status,
// output, error, cause and, where recorded and in AWS's order, the event
// types with AWS's; with skip, the values LocalStack does not compare
// (localstack_skip_paths, which a mock cannot produce) are left out. It
// returns the number of cases that passed and of histories compared.
func checkRecorded(t *testing.T, cases []recordedCase, skip bool) (passed, histories int) {
	t.Helper()
	for i := range cases {
		c := &cases[i]
		t.Run(c.ID, func(t *testing.T) {
			ex, err := c.run()
			if err != nil {
				t.Fatalf("cannot run: %v", err)
			}
			res := result(ex)
			diffs := c.Compare(res, skip)
			diff, compared := c.CompareEventTypes(res.EventTypes, skip)
			if diff != "" {
				diffs = append(diffs, diff)
			}
			if compared {
				histories++
			}
			if len(diffs) > 0 {
				t.Error(strings.Join(diffs, "\n"))
				return
			}
			passed++
		})
	}
	return passed, histories
}

// TestConformance runs every execution that AWS recorded, in both query
// languages, and compares status, output, error and cause with AWS's.
func TestConformance(t *testing.T) {
	cases := loadRecorded(t, "conformance/aws-recorded.jsonl")
	jsonataCases, unordered := 0, 0
	for i := range cases {
		if needsJSONata(&cases[i]) {
			jsonataCases++
		}
		if cases[i].ExpectedEventTypes != nil {
			unordered++
		}
	}
	passed, histories := checkRecorded(t, cases, false)
	unordered -= histories
	t.Logf("event types compared where recorded, except %d histories with Parallel states, which the recorder left incomplete", unordered)
	t.Logf("%d of %d cases passed, %d of them with JSONata or variables", passed, len(cases), jsonataCases)
}

// TestConformanceLambda runs the executions whose tasks call Lambda
// functions, each made from the recorded handler's kind and source, and
// compares them with AWS's answers, Lambda's whole response included.
func TestConformanceLambda(t *testing.T) {
	cases := loadRecorded(t, "conformance/lambda-cases.jsonl")
	passed, histories := checkRecorded(t, cases, false)
	t.Logf("event types compared in %d of the recorded histories", histories)
	t.Logf("%d of %d cases passed", passed, len(cases))
}

// TestConformanceMockConfig runs the executions under a Step Functions
// Local mock configuration and compares them with AWS's answers, but for
// the values a mock cannot produce (HTTP metadata, redrive fields).
func TestConformanceMockConfig(t *testing.T) {
	cases := loadRecorded(t, "conformance/mockconfig-cases.jsonl")
	passed, histories := checkRecorded(t, cases, true)
	t.Logf("event types compared in %d of the recorded histories", histories)
	t.Logf("%d of %d cases passed", passed, len(cases))
}

// TestConformanceHoldouts runs the sealed cases of the Lambda and mock
// configuration sets: each must run (and must not fail for a problem of
// the test, such as a task left unmocked). Their answers are not read.
func TestConformanceHoldouts(t *testing.T) {
	for _, file := range []string{"conformance/lambda-cases-holdout.jsonl", "conformance/mockconfig-cases-holdout.jsonl"} {
		ran := 0
		lines := shareddata.Lines(t, file)
		for _, line := range lines {
			var c replay.Case
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatal(err)
			}
			ex, err := c.Run(context.Background(), sim.Account(recorderAccount))
			switch {
			case err != nil:
				t.Errorf("%s: cannot run: %v", c.ID, err)
			case strings.HasPrefix(ex.Error, "Sim."):
				t.Errorf("%s: %s: %s", c.ID, ex.Error, ex.Cause)
			default:
				ran++
			}
		}
		t.Logf("%s: %d of %d cases ran", file, ran, len(lines))
	}
}

// TestConformanceVariableEvents compares what AWS records about variables
// and JSONata evaluation errors, in the recorded histories of the cases
// that use them: the assignedVariables of each StateExited event, and the
// details of each EvaluationFailed event.
func TestConformanceVariableEvents(t *testing.T) {
	cases := loadRecorded(t, "conformance/aws-recorded.jsonl")
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
				key := detailsKey(want)
				wd, _ := want.Get(key)
				gd, _ := got.Get(key)
				wo, _ := wd.(*jsonvalue.Object)
				g, _ := gd.(*jsonvalue.Object)
				switch {
				case typ == "EvaluationFailed":
					if !shareddata.Match(wo, g) {
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

// detailsKey returns the name of an event's details field in AWS's JSON
// (stateExitedEventDetails, ...), or "" for an event without one.
func detailsKey(ev *jsonvalue.Object) string {
	for _, k := range ev.Keys() {
		if strings.HasSuffix(k, "EventDetails") {
			return k
		}
	}
	return ""
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
		if !shareddata.Match(wj, gj) {
			return false
		}
	}
	return true
}
