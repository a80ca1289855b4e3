package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// Definitions and mock configurations of the `aslgen run` tests.
const (
	runPassASL = `{
  "StartAt": "Shape",
  "States": {
    "Shape": {
      "Type": "Pass",
      "Parameters": {"sum.$": "States.MathAdd($.a, 2)", "in.$": "$"},
      "End": true
    }
  }
}
`
	runIdentityASL = `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	runFailASL     = `{"StartAt":"Reject","States":{"Reject":{"Type":"Fail","Error":"Order.Invalid","Cause":"the order has no items"}}}`
	// The machine may take a minute; its Wait lasts a year of virtual time.
	runTimeoutASL = `{"StartAt":"Sleep","TimeoutSeconds":60,"States":{"Sleep":{"Type":"Wait","Seconds":31536000,"End":true}}}`
	// Pass, Wait (10 s of virtual time), Choice and Succeed.
	runHistoryASL = `{
  "StartAt": "Start",
  "States": {
    "Start": {"Type": "Pass", "Result": {"n": 1}, "Next": "Pause"},
    "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Decide"},
    "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}], "Default": "Oops"},
    "Oops": {"Type": "Fail", "Error": "Unexpected"},
    "Done": {"Type": "Succeed"}
  }
}
`
	// Pay retries States.TaskFailed twice: a third call may succeed.
	runPayASL = `{
  "StartAt": "Pay",
  "States": {
    "Pay": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 30, "MaxAttempts": 2, "BackoffRate": 2}],
      "Next": "Done"
    },
    "Done": {"Type": "Succeed"}
  }
}
`
	// Pay without a retrier.
	runPayOnceASL = `{"StartAt":"Pay","States":{"Pay":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}`
	runMockConfig = `{
  "StateMachines": {
    "M": {
      "TestCases": {
        "Happy": {"Pay": "PayOK"},
        "Flaky": {"Pay": "PayFlaky"}
      }
    }
  },
  "MockedResponses": {
    "PayOK": {"0": {"Return": {"ok": true}}},
    "PayFlaky": {
      "0-1": {"Throw": {"Error": "States.TaskFailed", "Cause": "boom"}},
      "2": {"Return": {"ok": true}}
    }
  }
}
`
	runInvalidASL = `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Missing"}}}`
)

// runLine is `aslgen run`'s output line.
type runLine struct {
	Status string          `json:"status"`
	Output json.RawMessage `json:"output"`
	Error  string          `json:"error"`
	Cause  string          `json:"cause"`
	Events []runEvent      `json:"events"`
}

// runEvent is one history event as `aslgen run -history` writes it.
type runEvent struct {
	ID              *int64 `json:"id"`
	PreviousEventID *int64 `json:"previousEventId"`
	Timestamp       string `json:"timestamp"`
	Type            string `json:"type"`
	details         map[string]json.RawMessage
	detailsKey      string
}

func (e *runEvent) UnmarshalJSON(data []byte) error {
	type plain runEvent
	if err := json.Unmarshal(data, (*plain)(e)); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	for k, v := range all {
		switch k {
		case "id", "previousEventId", "timestamp", "type":
			continue
		}
		if e.detailsKey != "" {
			return fmt.Errorf("two details objects: %s and %s", e.detailsKey, k)
		}
		e.detailsKey = k
		if err := json.Unmarshal(v, &e.details); err != nil {
			return err
		}
	}
	return nil
}

// decodeRunLine checks that stdout is exactly one line holding one JSON
// object and decodes it; it also returns the object's keys.
func decodeRunLine(t *testing.T, stdout string) (runLine, []string) {
	t.Helper()
	if strings.Count(stdout, "\n") != 1 || !strings.HasSuffix(stdout, "\n") {
		t.Fatalf("stdout is not exactly one line:\n%s", stdout)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("stdout is not a JSON object: %v\n%s", err, stdout)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", stdout)
	}
	var line runLine
	if err := json.Unmarshal([]byte(stdout), &line); err != nil {
		t.Fatalf("decoding %s: %v", stdout, err)
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return line, keys
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonEqual(t *testing.T, got json.RawMessage, want string) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Errorf("%s: %v", got, err)
		return false
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: %v", want, err)
	}
	return reflect.DeepEqual(g, w)
}

func TestRunSingle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"pass.json":     runPassASL,
		"identity.json": runIdentityASL,
		"fail.json":     runFailASL,
		"timeout.json":  runTimeoutASL,
		"jsonata.json":  `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"two":2},"Next":"B"},"B":{"Type":"Pass","Output":{"sum":"{% $states.input.a + $two %}"},"End":true}}}`,
		"input.json":    "{\n  \"a\": 40,\n  \"b\": [true, null]\n}\n",
	})
	pass := filepath.Join(dir, "pass.json")

	t.Run("input", func(t *testing.T) {
		r := runInProcess("run", "-input", `{"a":1}`, pass)
		r.want(t, 0)
		line, keys := decodeRunLine(t, r.stdout)
		if line.Status != "SUCCEEDED" || !reflect.DeepEqual(keys, []string{"output", "status"}) {
			t.Fatalf("got %s", r.stdout)
		}
		if !jsonEqual(t, line.Output, `{"sum":3,"in":{"a":1}}`) {
			t.Errorf("output %s", line.Output)
		}
		if r.stderr != "" {
			t.Errorf("stderr: %q", r.stderr)
		}
	})

	t.Run("input file", func(t *testing.T) {
		r := runInProcess("run", "-input", "@"+filepath.Join(dir, "input.json"), pass)
		r.want(t, 0)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "SUCCEEDED" || !jsonEqual(t, line.Output, `{"sum":42,"in":{"a":40,"b":[true,null]}}`) {
			t.Errorf("got %s", r.stdout)
		}
	})

	t.Run("default input", func(t *testing.T) {
		r := runInProcess("run", filepath.Join(dir, "identity.json"))
		r.want(t, 0)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "SUCCEEDED" || !jsonEqual(t, line.Output, `{}`) {
			t.Errorf("got %s", r.stdout)
		}
		// The Pass state needs $.a, which {} lacks.
		r = runInProcess("run", pass)
		r.want(t, 1)
		line, _ = decodeRunLine(t, r.stdout)
		if line.Status != "FAILED" || line.Error != "States.Runtime" || !strings.Contains(line.Cause, "$.a") {
			t.Errorf("pass without $.a: %s", r.stdout)
		}
	})

	t.Run("jsonata", func(t *testing.T) {
		r := runInProcess("run", "-input", `{"a":40}`, filepath.Join(dir, "jsonata.json"))
		r.want(t, 0)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "SUCCEEDED" || !jsonEqual(t, line.Output, `{"sum":42}`) {
			t.Errorf("got %s", r.stdout)
		}
	})

	t.Run("fail state", func(t *testing.T) {
		r := runInProcess("run", "-input", `{"items":[]}`, filepath.Join(dir, "fail.json"))
		r.want(t, 1)
		line, keys := decodeRunLine(t, r.stdout)
		if !reflect.DeepEqual(keys, []string{"cause", "error", "status"}) {
			t.Errorf("keys %v in %s", keys, r.stdout)
		}
		if line.Status != "FAILED" || line.Error != "Order.Invalid" || line.Cause != "the order has no items" {
			t.Errorf("got %s", r.stdout)
		}
		if r.stderr != "" {
			t.Errorf("stderr: %q", r.stderr)
		}
	})

	t.Run("timeout", func(t *testing.T) {
		start := time.Now()
		r := runInProcess("run", "-history", filepath.Join(dir, "timeout.json"))
		if d := time.Since(start); d > time.Minute { // a real clock would take a year
			t.Errorf("a year-long Wait took %v: the clock is not virtual", d)
		}
		r.want(t, 1)
		line, keys := decodeRunLine(t, r.stdout)
		if line.Status != "TIMED_OUT" || !reflect.DeepEqual(keys, []string{"events", "status"}) {
			t.Fatalf("got %s", r.stdout)
		}
		types := eventTypes(line.Events)
		if want := []string{"ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"}; !reflect.DeepEqual(types, want) {
			t.Errorf("events %v, want %v", types, want)
		}
		// The execution times out 60 s (of virtual time) after it started.
		if len(line.Events) == 3 {
			t0, err0 := time.Parse(time.RFC3339Nano, line.Events[0].Timestamp)
			t2, err2 := time.Parse(time.RFC3339Nano, line.Events[2].Timestamp)
			if err0 != nil || err2 != nil || t2.Sub(t0) != time.Minute {
				t.Errorf("timed out at %s, started at %s (%v, %v)", line.Events[2].Timestamp, line.Events[0].Timestamp, err0, err2)
			}
		}
	})
}

func eventTypes(events []runEvent) []string {
	var types []string
	for _, e := range events {
		types = append(types, e.Type)
	}
	return types
}

// checkHistory checks the shape of every event: ids 1, 2, 3..., earlier
// previous ids, timestamps that do not go back, a details object named after
// the type; ExecutionStarted first, last the given type.
func checkHistory(t *testing.T, events []runEvent, last string) {
	t.Helper()
	if len(events) < 2 {
		t.Fatalf("history of %d events", len(events))
	}
	if events[0].Type != "ExecutionStarted" || events[len(events)-1].Type != last {
		t.Errorf("history runs from %s to %s, want ExecutionStarted to %s", events[0].Type, events[len(events)-1].Type, last)
	}
	var prev time.Time
	for i, e := range events {
		if e.ID == nil || *e.ID != int64(i+1) {
			t.Errorf("event %d (%s): id %v, want %d", i, e.Type, e.ID, i+1)
			continue
		}
		if e.PreviousEventID == nil || *e.PreviousEventID < 0 || *e.PreviousEventID >= *e.ID {
			t.Errorf("event %d (%s): previousEventId %v", *e.ID, e.Type, e.PreviousEventID)
		}
		ts, err := time.Parse(time.RFC3339Nano, e.Timestamp)
		if err != nil {
			t.Errorf("event %d (%s): timestamp: %v", *e.ID, e.Type, err)
		} else if ts.Before(prev) {
			t.Errorf("event %d (%s): timestamp %s goes back", *e.ID, e.Type, e.Timestamp)
		} else {
			prev = ts
		}
		if e.Type == "" {
			t.Errorf("event %d: no type", *e.ID)
		}
		if e.Type == "ExecutionTimedOut" && e.detailsKey == "" {
			continue // nothing to detail
		}
		want := strings.ToLower(e.Type[:1]) + e.Type[1:] + "EventDetails"
		switch {
		case strings.HasSuffix(e.Type, "StateEntered"):
			want = "stateEnteredEventDetails"
		case strings.HasSuffix(e.Type, "StateExited"):
			want = "stateExitedEventDetails"
		}
		if e.detailsKey != want {
			t.Errorf("event %d (%s): details %q, want %q", *e.ID, e.Type, e.detailsKey, want)
		}
	}
}

// detailString returns a details field that is a string.
func detailString(t *testing.T, e runEvent, field string) string {
	t.Helper()
	raw, ok := e.details[field]
	if !ok {
		t.Errorf("event %s has no %s.%s", e.Type, e.detailsKey, field)
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Errorf("event %s: %s.%s is %s, not a string", e.Type, e.detailsKey, field, raw)
	}
	return s
}

func TestRunHistory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"flow.json": runHistoryASL})
	file := filepath.Join(dir, "flow.json")

	r := runInProcess("run", "-history", "-input", `{"x":"y"}`, file)
	r.want(t, 0)
	line, keys := decodeRunLine(t, r.stdout)
	if line.Status != "SUCCEEDED" || !reflect.DeepEqual(keys, []string{"events", "output", "status"}) {
		t.Fatalf("got %s", r.stdout)
	}
	if !jsonEqual(t, line.Output, `{"n":1}`) {
		t.Errorf("output %s", line.Output)
	}
	checkHistory(t, line.Events, "ExecutionSucceeded")
	want := []string{"ExecutionStarted",
		"PassStateEntered", "PassStateExited",
		"WaitStateEntered", "WaitStateExited",
		"ChoiceStateEntered", "ChoiceStateExited",
		"SucceedStateEntered", "SucceedStateExited",
		"ExecutionSucceeded"}
	if got := eventTypes(line.Events); !reflect.DeepEqual(got, want) {
		t.Fatalf("events %v\nwant %v", got, want)
	}
	ev := line.Events
	if in := detailString(t, ev[0], "input"); !jsonEqual(t, json.RawMessage(in), `{"x":"y"}`) {
		t.Errorf("ExecutionStarted input %q", in)
	}
	entered := map[string]string{}
	for _, e := range ev {
		if strings.HasSuffix(e.Type, "StateEntered") {
			entered[detailString(t, e, "name")] = detailString(t, e, "input")
		}
	}
	for name, in := range map[string]string{"Start": `{"x":"y"}`, "Pause": `{"n":1}`, "Decide": `{"n":1}`, "Done": `{"n":1}`} {
		if got, ok := entered[name]; !ok || !jsonEqual(t, json.RawMessage(got), in) {
			t.Errorf("%s entered with input %q (%v), want %s", name, got, ok, in)
		}
	}
	if out := detailString(t, ev[len(ev)-1], "output"); !jsonEqual(t, json.RawMessage(out), `{"n":1}`) {
		t.Errorf("ExecutionSucceeded output %q", out)
	}
	// The Wait lasts 10 s of virtual time.
	enteredAt, err1 := time.Parse(time.RFC3339Nano, ev[3].Timestamp)
	exitedAt, err2 := time.Parse(time.RFC3339Nano, ev[4].Timestamp)
	if err1 != nil || err2 != nil || exitedAt.Sub(enteredAt) != 10*time.Second {
		t.Errorf("Wait from %s to %s", ev[3].Timestamp, ev[4].Timestamp)
	}

	// Without -history there are no events.
	r = runInProcess("run", file)
	r.want(t, 0)
	if _, keys := decodeRunLine(t, r.stdout); !reflect.DeepEqual(keys, []string{"output", "status"}) {
		t.Errorf("without -history: %s", r.stdout)
	}
}

func TestRunMocks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"pay.json":      runPayASL,
		"payonce.json":  runPayOnceASL,
		"mocks.json":    runMockConfig,
		"badmocks.json": `{"StateMachines":{},"MockedResponses":{"X":{"0":{}}}}`,
		"teammocks.json": `{"Assert": {"Happy": {"status": "SUCCEEDED"}},
			"StateMachines": {"M": {"TestCases": {"Happy": {"Pay": "PayOK"}, "Empty": {}}}},
			"MockedResponses": {"PayOK": {"0": {"Return": {"ok": true}}}}}`,
	})
	pay, payOnce, mocks := filepath.Join(dir, "pay.json"), filepath.Join(dir, "payonce.json"), filepath.Join(dir, "mocks.json")

	t.Run("happy", func(t *testing.T) {
		r := runInProcess("run", "-mock-config", mocks, "-test-case", "Happy", pay)
		r.want(t, 0)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "SUCCEEDED" || !jsonEqual(t, line.Output, `{"ok":true}`) {
			t.Errorf("got %s", r.stdout)
		}
	})

	t.Run("retried", func(t *testing.T) {
		r := runInProcess("run", "-mock-config", mocks, "-test-case", "Flaky", "-history", "-input", `{"amount":5}`, pay)
		r.want(t, 0)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "SUCCEEDED" || !jsonEqual(t, line.Output, `{"ok":true}`) {
			t.Fatalf("got %s", r.stdout)
		}
		checkHistory(t, line.Events, "ExecutionSucceeded")
		want := []string{"ExecutionStarted", "TaskStateEntered",
			"TaskScheduled", "TaskStarted", "TaskFailed",
			"TaskScheduled", "TaskStarted", "TaskFailed",
			"TaskScheduled", "TaskStarted", "TaskSucceeded",
			"TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"}
		if got := eventTypes(line.Events); !reflect.DeepEqual(got, want) {
			t.Fatalf("events %v\nwant %v", got, want)
		}
		var failed []runEvent
		var scheduled []time.Time
		for _, e := range line.Events {
			switch e.Type {
			case "TaskFailed":
				failed = append(failed, e)
			case "TaskScheduled":
				ts, _ := time.Parse(time.RFC3339Nano, e.Timestamp)
				scheduled = append(scheduled, ts)
			}
		}
		for _, e := range failed {
			if detailString(t, e, "error") != "States.TaskFailed" || detailString(t, e, "cause") != "boom" {
				t.Errorf("TaskFailed details %v", e.details)
			}
		}
		// Retries after 30 s, then 60 s (BackoffRate 2), of virtual time.
		if len(scheduled) == 3 && (scheduled[1].Sub(scheduled[0]) != 30*time.Second || scheduled[2].Sub(scheduled[1]) != time.Minute) {
			t.Errorf("tasks scheduled at %v", scheduled)
		}
	})

	t.Run("retries exhausted", func(t *testing.T) {
		r := runInProcess("run", "-mock-config", mocks, "-test-case", "Flaky", payOnce)
		r.want(t, 1)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "FAILED" || line.Error != "States.TaskFailed" || line.Cause != "boom" {
			t.Errorf("got %s", r.stdout)
		}
	})

	t.Run("unmocked", func(t *testing.T) {
		r := runInProcess("run", pay)
		r.want(t, 1)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "FAILED" || line.Error != "Sim.UnmockedTask" ||
			!strings.Contains(line.Cause, `"Pay"`) || !strings.Contains(line.Cause, "arn:aws:states:::lambda:invoke") {
			t.Errorf("got %s", r.stdout)
		}
		if r.stderr != "" {
			t.Errorf("stderr: %q", r.stderr)
		}
	})

	// A team's own top-level keys are ignored, with a warning on stderr.
	t.Run("extra keys", func(t *testing.T) {
		team := filepath.Join(dir, "teammocks.json")
		r := runInProcess("run", "-mock-config", team, "-test-case", "Happy", pay)
		r.want(t, 0)
		if want := "aslgen run: warning: " + team + `: mock config: top-level key "Assert" is not part of the format (StateMachines, MockedResponses): ignored` + "\n"; r.stderr != want {
			t.Errorf("stderr %q, want %q", r.stderr, want)
		}
		// The cause of an unmocked task speaks of the test case, not of Go.
		r = runInProcess("run", "-mock-config", team, "-test-case", "Empty", pay)
		r.want(t, 1)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Error != "Sim.UnmockedTask" || !strings.Contains(line.Cause, `test case "Empty" of state machine "M" in the mock config does not name it`) ||
			strings.Contains(line.Cause, "sim.") {
			t.Errorf("got %s", r.stdout)
		}
		// A missing test case lists those there are.
		r = runInProcess("run", "-mock-config", team, "-test-case", "Gold", pay)
		if r.code != 2 || !strings.Contains(r.stderr, `has no test case "Gold" (it has Empty, Happy)`) {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})

	t.Run("cannot run", func(t *testing.T) {
		for _, args := range [][]string{
			{"-mock-config", mocks, "-test-case", "Sad", pay},
			{"-mock-config", mocks, pay}, // no test case: there is no test case ""
			{"-mock-config", filepath.Join(dir, "nomocks.json"), "-test-case", "Happy", pay},
			{"-mock-config", filepath.Join(dir, "badmocks.json"), "-test-case", "Happy", pay},
		} {
			r := runInProcess(append([]string{"run"}, args...)...)
			if r.code != 2 || r.stdout != "" || r.stderr == "" {
				t.Errorf("run %v: exit %d\nstdout: %q\nstderr: %q", args, r.code, r.stdout, r.stderr)
			}
		}
	})
}

func TestRunCannotRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"ok.json":      runIdentityASL,
		"syntax.json":  "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true,}\n  }\n}\n",
		"invalid.json": runInvalidASL,
		"mocks.json":   runMockConfig,
		"badinput":     "{nope",
	})
	file := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct {
		name   string
		args   []string
		stderr *regexp.Regexp
	}{
		{"missing file", []string{file("missing.json")}, regexp.MustCompile(`missing\.json`)},
		{"no file", nil, regexp.MustCompile(`usage: aslgen run`)},
		{"two files", []string{file("ok.json"), file("ok.json")}, regexp.MustCompile(`usage: aslgen run`)},
		{"invalid JSON", []string{file("syntax.json")}, regexp.MustCompile(regexp.QuoteMeta(file("syntax.json")) + `:4:\d+: `)},
		{"invalid ASL", []string{file("invalid.json")}, regexp.MustCompile(`MISSING_TRANSITION_TARGET.*Missing`)},
		{"bad input", []string{"-input", `{"a":`, file("ok.json")}, regexp.MustCompile(`-input`)},
		{"bad input file", []string{"-input", "@" + file("badinput"), file("ok.json")}, regexp.MustCompile(`-input`)},
		{"missing input file", []string{"-input", "@" + file("noinput.json"), file("ok.json")}, regexp.MustCompile(`noinput\.json`)},
		{"test case without mocks", []string{"-test-case", "Happy", file("ok.json")}, regexp.MustCompile(`-mock-config`)},
		{"unknown flag", []string{"-frobnicate", file("ok.json")}, regexp.MustCompile(`frobnicate`)},
		{"cases with a file", []string{"-cases", file("cases.jsonl"), file("ok.json")}, regexp.MustCompile(`-cases`)},
		{"missing cases", []string{"-cases", file("cases.jsonl")}, regexp.MustCompile(`cases\.jsonl`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runInProcess(append([]string{"run"}, tc.args...)...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2\nstdout: %q\nstderr: %q", r.code, r.stdout, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout: %q", r.stdout)
			}
			if !tc.stderr.MatchString(r.stderr) {
				t.Errorf("stderr %q does not match %s", r.stderr, tc.stderr)
			}
		})
	}
}

// caseLine is one line of `aslgen run -cases` output.
type caseLine struct {
	ID         string          `json:"id"`
	Status     string          `json:"status"`
	Output     json.RawMessage `json:"output"`
	Error      string          `json:"error"`
	Cause      string          `json:"cause"`
	EventTypes []string        `json:"event_types"`
}

func decodeCaseLines(t *testing.T, stdout string) []caseLine {
	t.Helper()
	var out []caseLine
	for _, text := range strings.SplitAfter(stdout, "\n") {
		if text == "" {
			continue
		}
		if !strings.HasSuffix(text, "\n") {
			t.Fatalf("unterminated line %q", text)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(text), &raw); err != nil {
			t.Fatalf("line %q: %v", text, err)
		}
		if et, ok := raw["event_types"]; !ok || !bytes.HasPrefix(et, []byte("[")) {
			t.Errorf("line without an event_types array: %s", text)
		}
		var c caseLine
		if err := json.Unmarshal([]byte(text), &c); err != nil {
			t.Fatalf("line %q: %v", text, err)
		}
		out = append(out, c)
	}
	return out
}

// batchLines builds a batch file's lines: one JSON object per case, with the
// raw lines given as strings kept as they are.
func batchLines(t *testing.T, lines ...any) string {
	t.Helper()
	var b strings.Builder
	for _, l := range lines {
		if s, ok := l.(string); ok {
			b.WriteString(s)
		} else {
			data, err := json.Marshal(l)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// checkBatch checks the output of the batch that batchCases builds.
func checkBatch(t *testing.T, stdout string) {
	t.Helper()
	got := decodeCaseLines(t, stdout)
	ids := make([]string, len(got))
	for i, c := range got {
		ids[i] = c.ID
	}
	if want := []string{"inline", "from-file", "mocked", "line 4", "invalid", "unmocked", "no-file"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids %v, want %v\n%s", ids, want, stdout)
	}
	byID := map[string]caseLine{}
	for _, c := range got {
		byID[c.ID] = c
	}

	c := byID["inline"]
	if c.Status != "SUCCEEDED" || !jsonEqual(t, c.Output, `{"sum":3,"in":{"a":1}}`) ||
		!reflect.DeepEqual(c.EventTypes, []string{"ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"}) {
		t.Errorf("inline: %+v", c)
	}
	c = byID["from-file"]
	if c.Status != "FAILED" || c.Error != "Order.Invalid" || c.Cause != "the order has no items" || c.Output != nil ||
		!reflect.DeepEqual(c.EventTypes, []string{"ExecutionStarted", "FailStateEntered", "ExecutionFailed"}) {
		t.Errorf("from-file: %+v", c)
	}
	c = byID["mocked"]
	if c.Status != "SUCCEEDED" || !jsonEqual(t, c.Output, `{"ok":true}`) {
		t.Errorf("mocked: %+v", c)
	}
	n := 0
	for _, e := range c.EventTypes {
		if e == "TaskScheduled" {
			n++
		}
	}
	if n != 3 || len(c.EventTypes) == 0 || c.EventTypes[len(c.EventTypes)-1] != "ExecutionSucceeded" {
		t.Errorf("mocked: %d tasks scheduled in %v, want 3", n, c.EventTypes)
	}
	c = byID["line 4"]
	if c.Status != "ERROR" || c.Cause == "" || len(c.EventTypes) != 0 {
		t.Errorf("broken line: %+v", c)
	}
	c = byID["invalid"]
	if c.Status != "ERROR" || !strings.Contains(c.Cause, "MISSING_TRANSITION_TARGET") || len(c.EventTypes) != 0 {
		t.Errorf("invalid: %+v", c)
	}
	c = byID["unmocked"]
	if c.Status != "FAILED" || c.Error != "Sim.UnmockedTask" || !strings.Contains(c.Cause, "Pay") {
		t.Errorf("unmocked: %+v", c)
	}
	c = byID["no-file"]
	if c.Status != "ERROR" || !strings.Contains(c.Cause, "nothere.json") {
		t.Errorf("no-file: %+v", c)
	}
}

// batchCases writes the definitions of a batch into dir and returns the
// batch's lines: definition_file names are relative to dir.
func batchCases(t *testing.T, dir string) string {
	t.Helper()
	writeFiles(t, dir, map[string]string{"defs/fail.json": runFailASL})
	return batchLines(t,
		map[string]any{"id": "inline", "definition": json.RawMessage(runPassASL), "input": map[string]int{"a": 1}},
		map[string]any{"id": "from-file", "definition_file": "defs/fail.json"},
		map[string]any{"id": "mocked", "definition": json.RawMessage(runPayASL), "input": map[string]int{"amount": 5},
			"mock_config": json.RawMessage(runMockConfig), "test_case": "Flaky"},
		`{"id": "broken", this is not JSON`,
		map[string]any{"id": "invalid", "definition": json.RawMessage(runInvalidASL)},
		map[string]any{"id": "unmocked", "definition": json.RawMessage(runPayOnceASL)},
		map[string]any{"id": "no-file", "definition_file": "defs/nothere.json"},
	)
}

func TestRunCases(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	batch := filepath.Join(dir, "batch", "cases.jsonl")
	writeFiles(t, filepath.Dir(batch), map[string]string{"cases.jsonl": batchCases(t, filepath.Dir(batch))})

	// The test runs in another directory: definition_file is relative to
	// the batch file.
	r := runInProcess("run", "-cases", batch)
	r.want(t, 0)
	if r.stderr != "" {
		t.Errorf("stderr: %q", r.stderr)
	}
	checkBatch(t, r.stdout)

	// An empty batch gives no lines.
	writeFiles(t, dir, map[string]string{"empty.jsonl": ""})
	r = runInProcess("run", "-cases", filepath.Join(dir, "empty.jsonl"))
	r.want(t, 0)
	if r.stdout != "" {
		t.Errorf("empty batch: %q", r.stdout)
	}
}

// TestRunCasesClockAndType checks that a batch line's start_time and type
// decide the execution's clock and kind, whatever today's date: the same
// Wait is within AWS's limit (2^31-1 seconds, about 68 years) or beyond it
// depending on start_time alone, and an EXPRESS line runs as an Express
// execution.
func TestRunCasesClockAndType(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	wait := `{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.until","Next":"P"},
		"P":{"Type":"Pass","Parameters":{"start.$":"$$.Execution.StartTime","entered.$":"$$.State.EnteredTime","id.$":"$$.Execution.Id"},"End":true}}}`
	until := map[string]string{"until": "2100-06-01T00:00:00Z"}
	writeFiles(t, dir, map[string]string{"cases.jsonl": batchLines(t,
		map[string]any{"id": "within", "definition": json.RawMessage(wait), "input": until, "start_time": "2040-01-15T08:30:00Z"},
		map[string]any{"id": "beyond", "definition": json.RawMessage(wait), "input": until, "start_time": "2029-01-15T08:30:00.250Z"},
		map[string]any{"id": "express", "definition": json.RawMessage(wait), "input": until, "start_time": "2040-01-15T08:30:00Z", "type": "EXPRESS"},
		map[string]any{"id": "standard", "definition": json.RawMessage(wait), "input": until, "start_time": "2040-01-15T08:30:00Z", "type": "STANDARD"},
		map[string]any{"id": "bad-time", "definition": json.RawMessage(wait), "input": until, "start_time": "15/01/2031"},
		map[string]any{"id": "bad-type", "definition": json.RawMessage(wait), "input": until, "type": "FAST"},
	)})
	r := runInProcess("run", "-cases", filepath.Join(dir, "cases.jsonl"))
	r.want(t, 0)
	byID := map[string]caseLine{}
	for _, c := range decodeCaseLines(t, r.stdout) {
		byID[c.ID] = c
	}
	var out struct{ Start, Entered, ID string }
	c := byID["within"]
	if c.Status != "SUCCEEDED" || json.Unmarshal(c.Output, &out) != nil ||
		out.Start != "2040-01-15T08:30:00.000Z" || out.Entered != "2100-06-01T00:00:00.000Z" || !strings.Contains(out.ID, ":execution:") {
		t.Errorf("within: %+v", c)
	}
	c = byID["beyond"]
	if c.Status != "FAILED" || c.Error != "States.Runtime" || !strings.Contains(c.Cause, "Wait state delay is too long") {
		t.Errorf("beyond: %+v", c)
	}
	c = byID["express"]
	if c.Status != "SUCCEEDED" || json.Unmarshal(c.Output, &out) != nil || !strings.Contains(out.ID, ":express:") {
		t.Errorf("express: %+v", c)
	}
	c = byID["standard"]
	if c.Status != "SUCCEEDED" || json.Unmarshal(c.Output, &out) != nil || !strings.Contains(out.ID, ":execution:") {
		t.Errorf("standard: %+v", c)
	}
	if c := byID["bad-time"]; c.Status != "ERROR" || !strings.Contains(c.Cause, `start_time "15/01/2031"`) {
		t.Errorf("bad-time: %+v", c)
	}
	if c := byID["bad-type"]; c.Status != "ERROR" || !strings.Contains(c.Cause, `type "FAST"`) {
		t.Errorf("bad-type: %+v", c)
	}

	// -account and -region apply to every case of the batch.
	r = runInProcess("run", "-account", "111111111111", "-region", "eu-west-1", "-cases", filepath.Join(dir, "cases.jsonl"))
	r.want(t, 0)
	for _, c := range decodeCaseLines(t, r.stdout) {
		if c.Status == "SUCCEEDED" && (json.Unmarshal(c.Output, &out) != nil || !strings.HasPrefix(out.ID, "arn:aws:states:eu-west-1:111111111111:")) {
			t.Errorf("%s with -account and -region: %s", c.ID, c.Output)
		}
	}
}

// runBinary runs the built aslgen in dir with stdin.
func runBinary(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, aslgenBin, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	if exit, ok := err.(*exec.ExitError); ok {
		r.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("aslgen %v: %v", args, err)
	}
	return r
}

func TestRunBinary(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	t.Run("cases from stdin", func(t *testing.T) {
		// definition_file is relative to the working directory.
		r := runBinary(t, dir, batchCases(t, dir), "run", "-cases", "-")
		r.want(t, 0)
		if r.stderr != "" {
			t.Errorf("stderr: %q", r.stderr)
		}
		checkBatch(t, r.stdout)
	})

	t.Run("single", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"fail.json": runFailASL, "pay.json": runPayASL, "mocks.json": runMockConfig})
		r := runBinary(t, dir, "", "run", "fail.json")
		r.want(t, 1)
		line, _ := decodeRunLine(t, r.stdout)
		if line.Status != "FAILED" || line.Error != "Order.Invalid" {
			t.Errorf("got %s", r.stdout)
		}
		r = runBinary(t, dir, "", "run", "-mock-config", "mocks.json", "-test-case", "Flaky", "-history", "pay.json")
		r.want(t, 0)
		line, _ = decodeRunLine(t, r.stdout)
		if line.Status != "SUCCEEDED" {
			t.Errorf("got %s", r.stdout)
		}
		checkHistory(t, line.Events, "ExecutionSucceeded")
		r = runBinary(t, dir, "", "run", "-input", "{", "pay.json")
		r.want(t, 2)
		if r.stdout != "" || r.stderr == "" {
			t.Errorf("bad input: stdout %q, stderr %q", r.stdout, r.stderr)
		}
	})
}

// TestRunEndlessLoop runs a machine that loops until it reaches AWS's limit
// of 25,000 history events, with and without -history: both end, FAILED.
func TestRunEndlessLoop(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"loop.json": `{"StartAt":"A","States":{
		"A":{"Type":"Pass","Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"D"}],"Default":"A"},
		"D":{"Type":"Succeed"}}}`})
	for _, args := range [][]string{{"run"}, {"run", "-history"}} {
		done := make(chan result, 1)
		go func() { done <- runInProcess(append(args, filepath.Join(dir, "loop.json"))...) }()
		select {
		case r := <-done:
			r.want(t, 1)
			line, _ := decodeRunLine(t, r.stdout)
			if line.Status != "FAILED" || line.Error != "States.Runtime" || !strings.Contains(line.Cause, "25000") {
				t.Errorf("%v: %s %s: %s", args, line.Status, line.Error, line.Cause)
			}
			if n := len(line.Events); slices.Contains(args, "-history") && (n < 24000 || n > 25001) {
				t.Errorf("%v: %d events", args, len(line.Events))
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%v: an endless loop did not end", args)
		}
	}
}

// TestValidateYAML checks that aslgen validate reads YAML documents and
// points its diagnostics at their lines.
func TestValidateYAML(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"good.asl.yaml": "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n",
		"bad.asl.yml":   "# a comment\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n",
		"broken.yaml":   "StartAt: A\nStates:\n  A: [\n",
	})
	r := runInProcess("validate", filepath.Join(dir, "good.asl.yaml"))
	if r.code != 0 || r.stdout != "" {
		t.Errorf("good YAML: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runInProcess("validate", filepath.Join(dir, "bad.asl.yml"))
	if want := filepath.Join(dir, "bad.asl.yml") + ":6: ERROR MISSING_TRANSITION_TARGET"; r.code != 1 || !strings.Contains(r.stdout, want) {
		t.Errorf("bad YAML: exit %d, want 1 and a line starting %q:\n%s", r.code, want, r.stdout)
	}
	r = runInProcess("run", filepath.Join(dir, "good.asl.yaml"))
	if r.code != 0 || !strings.Contains(r.stdout, `"status":"SUCCEEDED"`) {
		t.Errorf("run of a YAML definition: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runInProcess("validate", filepath.Join(dir, "broken.yaml"))
	if r.code != 1 || !strings.Contains(r.stdout, "broken.yaml: ") {
		t.Errorf("broken YAML: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
