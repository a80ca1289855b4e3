package sim

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
)

func TestInvalidError(t *testing.T) {
	doc, err := asl.Unmarshal([]byte(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Succeed"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(doc)
	var inv *InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("New: %v (%T), want an *InvalidError", err, err)
	}
	var lines []string
	for _, d := range asl.Validate(doc) {
		if d.Severity == asl.SeverityError {
			lines = append(lines, d.String())
		}
	}
	if len(inv.Diagnostics) != len(lines) || len(lines) == 0 {
		t.Fatalf("diagnostics %v, want the %d errors of asl.Validate", inv.Diagnostics, len(lines))
	}
	for _, d := range inv.Diagnostics {
		if d.Severity != asl.SeverityError {
			t.Errorf("diagnostic %v is not an error", d)
		}
	}
	if want := "sim: the state machine is not valid:\n" + strings.Join(lines, "\n"); err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	if !strings.Contains(err.Error(), asl.CodeMissingTransitionTarget) {
		t.Errorf("Error() = %q does not name the missing target", err)
	}
	// A problem other than validation is not an InvalidError.
	if _, err := New(doc, UseMockConfig(&MockConfig{}, "x")); err == nil || errors.As(err, &inv) {
		t.Errorf("mock config problem: %v", err)
	}
}

func TestStrings(t *testing.T) {
	s := mustSim(t, `{"StartAt": "T", "States": {
		"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Next": "P"},
		"P": {"Type": "Pass", "Parameters": {"msg": "<ok> & done"}, "End": true}}}`,
		OnState("T", Return(map[string]any{"id": 7})))
	ex := mustRun(t, s, `{"n": [1, 2]}`)
	if got, want := ex.String(), `{"status":"SUCCEEDED","output":{"msg":"<ok> & done"}}`; got != want {
		t.Errorf("Execution.String() = %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(ex), ex.String(); got != want {
		t.Errorf("fmt.Sprint(ex) = %s, want %s", got, want)
	}
	runs := ex.StateRuns("T")
	if got, want := fmt.Sprintf("%v", runs), `[{"name":"T","input":{"n":[1,2]},"output":{"id":7}}]`; got != want {
		t.Errorf("StateRuns printed %s, want %s", got, want)
	}
	if got, want := (StateRun{Name: "X", Input: nil}).String(), `{"name":"X","input":null}`; got != want {
		t.Errorf("a run that did not exit prints %s, want %s", got, want)
	}
	ev := ex.Events()[1]
	if got, want := ev.String(), `{"id":2,"previousEventId":0,"timestamp":"2026-01-01T12:00:00Z","type":"TaskStateEntered",`+
		`"stateEnteredEventDetails":{"name":"T","input":"{\"n\":[1,2]}","inputDetails":{"truncated":false}}}`; got != want {
		t.Errorf("Event.String() = %s, want %s", got, want)
	}
	raw, err := ev.MarshalJSON()
	if err != nil || string(raw) != ev.String() {
		t.Errorf("MarshalJSON = %s, %v; want String's text", raw, err)
	}

	failed := mustRun(t, mustSim(t, `{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "why \"not\""}}}`), `{}`)
	if got, want := failed.String(), `{"status":"FAILED","error":"E","cause":"why \"not\""}`; got != want {
		t.Errorf("Execution.String() = %s, want %s", got, want)
	}
}
