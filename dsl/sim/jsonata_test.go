package sim

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// echo is a handler that returns its input with "seen": true added.
var echo = Respond(func(_ context.Context, c *Call) (any, error) {
	o := jsonvalue.NewObject(2)
	o.Set("args", c.Input)
	o.Set("seen", true)
	return o, nil
})

func TestJSONataTask(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
		"Arguments": {"Key": "{% $states.input.id %}", "Fixed": "x"},
		"Output": {"got": "{% $states.result.args.Key %}", "in": "{% $states.input.id %}"},
		"Assign": {"last": "{% $states.result.seen %}"},
		"Next": "After"},
		"After": {"Type": "Pass", "Output": "{% $last %}", "End": true}}}`
	s := mustSim(t, def, OnState("T", echo), History(true))
	ex := mustRun(t, s, `{"id": 7}`)
	wantOutput(t, ex, `true`)
	var sched *Event
	for i := range ex.Events() {
		if ex.Events()[i].Type == "TaskScheduled" {
			sched = &ex.Events()[i]
		}
	}
	if sched == nil || !jsonvalue.Equal(sched.Parameters, jsonvalue.MustParse(`{"Key": 7, "Fixed": "x"}`)) {
		t.Errorf("TaskScheduled parameters %v, want the evaluated Arguments", sched)
	}
	runs := ex.StateRuns("T")
	if len(runs) != 1 || !jsonvalue.Equal(runs[0].Output, jsonvalue.MustParse(`{"got": 7, "in": 7}`)) {
		t.Errorf("T's output %v", runs)
	}
}

func TestJSONataDefaults(t *testing.T) {
	// Without Output, a Task passes its result on, a Pass its input.
	def := `{"QueryLanguage": "JSONata", "StartAt": "P", "States": {
		"P": {"Type": "Pass", "Next": "T"},
		"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "End": true}}}`
	ex := mustRun(t, mustSim(t, def, OnState("T", echo)), `{"a": 1}`)
	wantOutput(t, ex, `{"args": {"a": 1}, "seen": true}`)
}

func TestJSONataCatch(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
		"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
			"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled",
				"Output": {"error": "{% $states.errorOutput.Error %}", "input": "{% $states.input %}"},
				"Assign": {"cause": "{% $states.errorOutput.Cause %}"}}],
			"End": true},
		"Handled": {"Type": "Pass", "Output": {"out": "{% $states.input %}", "cause": "{% $cause %}"}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def, OnState("T", Throw("Boom", "it broke"))), `{"a": 1}`)
	wantOutput(t, ex, `{"out": {"error": "Boom", "input": {"a": 1}}, "cause": "it broke"}`)

	// Without Output, a catcher passes the error output on.
	def = `{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
		"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
			"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
		"Handled": {"Type": "Succeed"}}}`
	ex = mustRun(t, mustSim(t, def, OnState("T", Throw("Boom", "it broke"))), `{}`)
	wantOutput(t, ex, `{"Error": "Boom", "Cause": "it broke"}`)
}

func TestJSONataEvaluationError(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "P", "States": {
		"P": {"Type": "Pass", "Output": {"n": "{% $states.input.a + 'x' %}"}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def, History(true)), `{"a": 1}`)
	wantStatus(t, ex, Failed)
	const prefix = "An error occurred while executing the state 'P' (entered at the event id #2). " +
		"The JSONata expression '$states.input.a + 'x'' specified for the field 'Output/n' threw an error during evaluation: "
	if ex.Error != errQueryEval || !strings.HasPrefix(ex.Cause, prefix) || !strings.Contains(ex.Cause, "T2002") {
		t.Errorf("got %s: %s", ex.Error, ex.Cause)
	}
	if got := strings.Join(ex.EventTypes(), " "); got != "ExecutionStarted PassStateEntered EvaluationFailed ExecutionFailed" {
		t.Errorf("events %s", got)
	}
	if ev := ex.Events()[2]; ev.Location != "Output/n" || ev.Name != "P" || ev.Cause != ex.Cause {
		t.Errorf("EvaluationFailed %+v", ev)
	}

	// The error can be caught like any other.
	def = `{"QueryLanguage": "JSONata", "StartAt": "M", "States": {
		"M": {"Type": "Map", "Items": "{% $states.input.n %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
			"Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Caught"}], "End": true},
		"Caught": {"Type": "Pass", "Output": "{% $states.input.Error %}", "End": true}}}`
	ex = mustRun(t, mustSim(t, def), `{"n": 3}`)
	wantOutput(t, ex, `"States.QueryEvaluationError"`)
}

func TestJSONataChoice(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "C", "States": {
		"C": {"Type": "Choice", "Choices": [
				{"Condition": "{% $states.input.n > 10 %}", "Next": "Big", "Assign": {"size": "big"}, "Output": {"n": "{% $states.input.n %}"}},
				{"Condition": "{% $states.input.n > 5 %}", "Next": "Big"}],
			"Default": "Small", "Assign": {"size": "small"}, "Output": "default"},
		"Big": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "size": "{% $exists($size) ? $size : 'unset' %}"}, "End": true},
		"Small": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "size": "{% $size %}"}, "End": true}}}`
	s := mustSim(t, def)
	wantOutput(t, mustRun(t, s, `{"n": 20}`), `{"in": {"n": 20}, "size": "big"}`)
	wantOutput(t, mustRun(t, s, `{"n": 7}`), `{"in": {"n": 7}, "size": "unset"}`)
	wantOutput(t, mustRun(t, s, `{"n": 1}`), `{"in": "default", "size": "small"}`)

	ex := mustRun(t, s, `{"n": "x"}`)
	wantStatus(t, ex, Failed)
	if ex.Error != errQueryEval {
		t.Errorf("a comparison of a string with a number: %s: %s", ex.Error, ex.Cause)
	}
	bad := mustSim(t, `{"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Choice",
		"Choices": [{"Condition": "{% $states.input.n %}", "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}}}`)
	ex = mustRun(t, bad, `{"n": 1}`)
	wantStatus(t, ex, Failed)
	if !strings.HasSuffix(ex.Cause, "returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1") {
		t.Errorf("a numeric Condition: %s", ex.Cause)
	}
}

func TestJSONataWaitAndFail(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "W", "States": {
		"W": {"Type": "Wait", "Seconds": "{% $states.input.wait * 2 %}", "Next": "F"},
		"F": {"Type": "Fail", "Error": "{% 'E.' & $states.input.kind %}", "Cause": "{% $string($states.input.wait) %}"}}}`
	ex := mustRun(t, mustSim(t, def), `{"wait": 30, "kind": "Late"}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "E.Late" || ex.Cause != "30" || ex.StopTime.Sub(ex.StartTime) != time.Minute {
		t.Errorf("got %s: %s after %v", ex.Error, ex.Cause, ex.StopTime.Sub(ex.StartTime))
	}
	ex = mustRun(t, mustSim(t, def), `{"wait": "soon", "kind": "Late"}`)
	wantStatus(t, ex, Failed)
	if ex.Error != errQueryEval || !strings.Contains(ex.Cause, "'Seconds'") {
		t.Errorf("a string Seconds: %s: %s", ex.Error, ex.Cause)
	}
}

func TestVariableScopes(t *testing.T) {
	// Branches and iterations read the variables of the enclosing scope
	// and assign their own, which end with them.
	def := `{"StartAt": "Set", "States": {
		"Set": {"Type": "Pass", "Assign": {"base": 10}, "Next": "Par"},
		"Par": {"Type": "Parallel", "Branches": [
			{"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Assign": {"mine": 1}, "Next": "B2"},
				"B2": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($base, $mine)"}, "End": true}}},
			{"StartAt": "C1", "States": {"C1": {"Type": "Pass", "Parameters": {"mine.$": "$mine"}, "End": true}}}],
		"End": true}}}`
	ex := mustRun(t, mustSim(t, def, History(true)), `{}`)
	// The second branch cannot see the first branch's variable.
	wantStatus(t, ex, Failed)
	if ex.Error != "States.Runtime" || !strings.Contains(ex.Cause, "'C1'") || !strings.Contains(ex.Cause, "$mine") {
		t.Errorf("a branch read another branch's variable: %s: %s", ex.Error, ex.Cause)
	}
	// Without the second branch, the first reads the outer $base and its
	// own $mine.
	one := strings.Replace(def, `,
			{"StartAt": "C1", "States": {"C1": {"Type": "Pass", "Parameters": {"mine.$": "$mine"}, "End": true}}}`, "", 1)
	ex = mustRun(t, mustSim(t, one), `{}`)
	wantOutput(t, ex, `[{"sum": 11}]`)

	// A Distributed Map's iterations do not see the machine's variables.
	def = `{"StartAt": "Set", "States": {
		"Set": {"Type": "Pass", "Assign": {"base": 10}, "Next": "M"},
		"M": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "%s"}, "StartAt": "I",
			"States": {"I": {"Type": "Pass", "Parameters": {"b.$": "$base"}, "End": true}}}, "End": true}}}`
	inline := mustRun(t, mustSim(t, strings.Replace(def, "%s", "INLINE", 1)), `[1]`)
	wantOutput(t, inline, `[{"b": 10}]`)
	distributed := mustRun(t, mustSim(t, strings.Replace(def, `"%s"`, `"DISTRIBUTED", "ExecutionType": "STANDARD"`, 1)), `[1]`)
	wantStatus(t, distributed, Failed)
	if !strings.Contains(distributed.Cause, "$base") {
		t.Errorf("a Distributed Map's iteration read $base: %s", distributed.Cause)
	}
}

func TestAssignReadsEntryValues(t *testing.T) {
	// Every expression of a state sees the variables as they were when it
	// was entered; its own assignments take effect when it exits.
	def := `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
		"A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
		"B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "old": "{% $x %}"}, "Output": "{% $x %}", "Next": "C"},
		"C": {"Type": "Pass", "Output": {"x": "{% $x %}", "old": "{% $old %}", "in": "{% $states.input %}"}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def, History(true)), `{}`)
	wantOutput(t, ex, `{"x": 2, "old": 1, "in": 1}`)
	for _, ev := range ex.Events() {
		if ev.Type == "PassStateExited" && ev.Name == "B" {
			data, _ := json.Marshal(ev)
			if !strings.Contains(string(data), `"assignedVariables":{"old":"1","x":"2"}`) {
				t.Errorf("B's StateExited: %s", data)
			}
		}
	}
}

func TestVariableInJSONPath(t *testing.T) {
	def := `{"StartAt": "A", "States": {
		"A": {"Type": "Pass", "Assign": {"cfg": {"limit": 3, "names": ["a", "b"]}}, "Next": "B"},
		"B": {"Type": "Pass", "Parameters": {"limit.$": "$cfg.limit", "first.$": "$cfg.names[0]",
			"text.$": "States.Format('{} of {}', $cfg.names[1], $cfg.limit)"}, "Next": "C"},
		"C": {"Type": "Pass", "Parameters": {"missing.$": "$nope"}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def, History(true)), `{}`)
	wantStatus(t, ex, Failed)
	runs := ex.StateRuns("B")
	if len(runs) != 1 || !jsonvalue.Equal(runs[0].Output, jsonvalue.MustParse(`{"limit": 3, "first": "a", "text": "b of 3"}`)) {
		t.Errorf("B: %v", runs)
	}
	if ex.Error != "States.Runtime" || !strings.Contains(ex.Cause, "$nope") {
		t.Errorf("an undefined variable: %s: %s", ex.Error, ex.Cause)
	}
}

func TestReadsContext(t *testing.T) {
	for src, want := range map[string]bool{
		"$states.input.a":                  false,
		"$states.result + $states.input.b": false,
		"$states.errorOutput.Cause":        false,
		"$states.context.Execution.Id":     true,
		"$states":                          true,
		"$lookup($states, 'context')":      true,
		"$states.inputs":                   true,
		"($s := $states; $s.context)":      true,
		"$x":                               false,
	} {
		if got := readsContext(src); got != want {
			t.Errorf("readsContext(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestVariableLimits(t *testing.T) {
	// $states is reserved: a definition that assigns it does not compile.
	doc := `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"states": 1}, "End": true}}}`
	d, err := asl.Unmarshal([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(d); err == nil || !strings.Contains(err.Error(), "reserved") {
		t.Errorf("assigning $states: %v", err)
	}

	// A value larger than 256 KiB is refused.
	def := `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"big": "{% $pad('', 300000, 'x') %}"}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def), `{}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.DataLimitExceeded" || !strings.Contains(ex.Cause, "'A'") {
		t.Errorf("a 300,000-byte variable: %s: %s", ex.Error, ex.Cause)
	}
}

func TestJSONataParallelAndMap(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
		"Set": {"Type": "Pass", "Assign": {"factor": 10}, "Next": "Par"},
		"Par": {"Type": "Parallel", "Arguments": {"n": "{% $states.input.n %}"},
			"Branches": [
				{"StartAt": "B", "States": {"B": {"Type": "Pass", "Output": "{% $states.input.n * $factor %}", "End": true}}},
				{"StartAt": "C", "States": {"C": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}}],
			"Output": {"branches": "{% $states.result %}", "in": "{% $states.input.n %}"},
			"Next": "M"},
		"M": {"Type": "Map", "Items": "{% [1, 2, 3] %}", "MaxConcurrency": "{% $states.input.in - 1 %}",
			"ItemSelector": {"v": "{% $states.context.Map.Item.Value * $factor %}", "i": "{% $states.context.Map.Item.Index %}"},
			"ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Wait", "Seconds": 10, "End": true}}},
			"Output": {"items": "{% $states.result %}", "before": "{% $states.input.branches %}"}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def), `{"n": 3}`)
	wantOutput(t, ex, `{"items": [{"v": 10, "i": 0}, {"v": 20, "i": 1}, {"v": 30, "i": 2}], "before": [30, {"n": 3}]}`)
	// MaxConcurrency 2: three 10-second iterations take 20 seconds.
	if d := ex.StopTime.Sub(ex.StartTime); d != 20*time.Second {
		t.Errorf("the Map took %v, want 20s at MaxConcurrency 2", d)
	}
}

func TestJSONataTaskTimeout(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
		"TimeoutSeconds": "{% $states.input.limit %}", "End": true}}}`
	slow := OnState("T", Return(map[string]any{"ok": true}).After(time.Minute))
	ex := mustRun(t, mustSim(t, def, slow), `{"limit": 30}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.Timeout" || ex.StopTime.Sub(ex.StartTime) != 30*time.Second {
		t.Errorf("got %s after %v, want States.Timeout after 30s", ex.Error, ex.StopTime.Sub(ex.StartTime))
	}
	wantOutput(t, mustRun(t, mustSim(t, def, slow), `{"limit": 90}`), `{"ok": true}`)
	ex = mustRun(t, mustSim(t, def, slow), `{"limit": 0}`)
	wantStatus(t, ex, Failed)
	if ex.Error != errQueryEval || !strings.Contains(ex.Cause, "TimeoutSeconds") {
		t.Errorf("a zero timeout: %s: %s", ex.Error, ex.Cause)
	}
}

// TestJSONataClock checks that $now and $millis report the virtual clock:
// the execution's pinned start, then the time after a day-long Wait.
func TestJSONataClock(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "Before", "States": {
		"Before": {"Type": "Pass", "Assign": {"before": "{% $now() %}", "ms": "{% $millis() %}"}, "Next": "W"},
		"W": {"Type": "Wait", "Seconds": 86400, "Next": "After"},
		"After": {"Type": "Pass", "Output": {"before": "{% $before %}", "ms": "{% $ms %}", "after": "{% $now() %}"}, "End": true}}}`
	start := time.Date(2031, 3, 4, 5, 6, 7, 8e6, time.UTC)
	ex := mustRun(t, mustSim(t, def, StartTime(start)), `{}`)
	wantOutput(t, ex, `{"before": "2031-03-04T05:06:07.008Z", "ms": 1930367167008, "after": "2031-03-05T05:06:07.008Z"}`)
}

// TestJSONataStoppedWithRun checks that cancelling a run stops a JSONata
// expression that is being evaluated, instead of waiting for its timeout,
// and that the execution is then aborted, not failed by the stopped
// expression.
func TestJSONataStoppedWithRun(t *testing.T) {
	def := `{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
		"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "Next": "Spin"},
		"Spin": {"Type": "Pass", "Output": "{% ($inf := function(){ $inf() }; $inf()) %}", "End": true}}}`
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := mustSim(t, def, History(true), OnState("T", Respond(func(context.Context, *Call) (any, error) {
		cancel() // the run is cancelled while T runs; Spin starts anyway
		return true, nil
	})))
	ex, err := s.Run(ctx, json.RawMessage(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != Aborted || ex.Cause != context.Canceled.Error() {
		t.Fatalf("status %s (%s: %s), want ABORTED", ex.Status, ex.Error, ex.Cause)
	}
	if types := ex.EventTypes(); types[len(types)-1] != "ExecutionAborted" || slices.Contains(types, "EvaluationFailed") {
		t.Errorf("events %v", types)
	}
}
