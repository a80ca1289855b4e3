package shareddata

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		want, got string
		match     bool
	}{
		{`{"a": 1, "b": [1.0, "x"]}`, `{"b": [1, "x"], "a": 1.00}`, true},
		{`{"a": 1}`, `{"a": 1, "b": 2}`, false},
		{`{"t": "date", "id": "RequestId"}`, `{"t": "Mon, 07 Dec 2026", "id": [1]}`, true}, // recorder words match anything
		{`"arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>"`, `"arn:aws:states:us-east-1:111111111111:execution:M:e-1"`, true},
		{`"arn:<partition>:states:<region>:111111111111:x"`, `"arn:aws:states:us-east-1:222222222222:x"`, false},
		{`"plain"`, `"Plain"`, false},
		{`[1, 2]`, `[1]`, false},
	} {
		if got := Match(jsonvalue.MustParse(tc.want), jsonvalue.MustParse(tc.got)); got != tc.match {
			t.Errorf("Match(%s, %s) = %v", tc.want, tc.got, got)
		}
	}
	if !Match("whole-output", jsonvalue.MustParse(`{"any": "thing"}`), "whole-output") {
		t.Error("a replaced value does not match anything")
	}
	if !MatchString("requestId:<request-id>\"", `requestId:"0f5e"`) || MatchString("a<x>b", "ac") {
		t.Error("MatchString")
	}
}

func answer(t *testing.T, line string) *Answer {
	t.Helper()
	var a Answer
	if err := json.Unmarshal([]byte(line), &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

func TestCompare(t *testing.T) {
	a := answer(t, `{"expected": {"status": "SUCCEEDED", "output": {"Payload": 1, "SdkHttpMetadata": {"x": 1}, "final": {"ExecutedVersion": "1"}}},
		"localstack_skip_paths": ["$..SdkHttpMetadata", "$..final.ExecutedVersion", "$..events..x"]}`)
	got := jsonvalue.MustParse(`{"Payload": 1, "final": {}}`)
	if d := a.Compare(Result{Status: "SUCCEEDED", Output: got}, true); len(d) != 0 {
		t.Errorf("with skip: %v", d)
	}
	if d := a.Compare(Result{Status: "SUCCEEDED", Output: got}, false); len(d) != 1 {
		t.Errorf("without skip: %v", d)
	}
	if d := a.Compare(Result{Status: "FAILED", Error: "E"}, false); len(d) != 1 || !strings.HasPrefix(d[0], "status FAILED") {
		t.Errorf("status: %v", d)
	}
	// A cause recorded as the JSON value of JSON text compares as JSON.
	a = answer(t, `{"expected": {"status": "FAILED", "error": "Exception", "cause": {"errorMessage": "m", "requestId": "<uuid:1>"}}, "cause_is_json_text": true}`)
	if d := a.Compare(Result{Status: "FAILED", Error: "Exception", Cause: `{"requestId":"f00","errorMessage":"m"}`}, false); len(d) != 0 {
		t.Errorf("JSON cause: %v", d)
	}
	if d := a.Compare(Result{Status: "FAILED", Error: "Other", Cause: `{"errorMessage":"n","requestId":"x"}`}, false); len(d) != 2 {
		t.Errorf("JSON cause, different: %v", d)
	}
	a = answer(t, `{"expected": {"status": "FAILED", "error": "States.Timeout"}}`)
	if d := a.Compare(Result{Status: "FAILED", Error: "States.Timeout"}, false); len(d) != 0 {
		t.Errorf("no cause: %v", d)
	}
}

func TestCompareEventTypes(t *testing.T) {
	types := []string{"ExecutionStarted", "ExecutionSucceeded"}
	for line, compared := range map[string]bool{
		`{"expected_event_types": ["ExecutionStarted", "ExecutionSucceeded"]}`: true,
		`{}`: false,
		`{"expected_event_types": ["X"], "features": ["state:Parallel"]}`:                                                          false,
		`{"expected_event_types": ["X"], "events_parallel_normalised": true}`:                                                      false,
		`{"expected_event_types": ["X"], "features": ["state:Map"], "nondeterminism": ["timing: the task ran as slow as it did"]}`: false,
		`{"expected_event_types": ["X"], "localstack_skip_paths": ["$..events"]}`:                                                  false,
	} {
		// Those compared are the same; the others give no difference.
		if diff, ok := answer(t, line).CompareEventTypes(types, true); ok != compared || diff != "" {
			t.Errorf("%s: compared %v, diff %q", line, ok, diff)
		}
	}
	if diff, ok := answer(t, `{"expected_event_types": ["X"]}`).CompareEventTypes(types, false); !ok || diff == "" {
		t.Errorf("a different history: %v %q", ok, diff)
	}
}
