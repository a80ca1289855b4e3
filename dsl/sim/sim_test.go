package sim

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func mustSim(t *testing.T, def string, opts ...Option) *Simulator {
	t.Helper()
	doc, err := asl.Unmarshal([]byte(def))
	if err != nil {
		t.Fatalf("definition: %v", err)
	}
	s, err := New(doc, append([]Option{StartTime(t0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustRun(t *testing.T, s *Simulator, input string) *Execution {
	t.Helper()
	ex, err := s.Run(context.Background(), json.RawMessage(input))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func wantStatus(t *testing.T, ex *Execution, status Status) {
	t.Helper()
	if ex.Status != status {
		t.Fatalf("status %s (%s: %s), want %s", ex.Status, ex.Error, ex.Cause, status)
	}
}

func wantOutput(t *testing.T, ex *Execution, want string) {
	t.Helper()
	wantStatus(t, ex, Succeeded)
	if !jsonvalue.Equal(ex.Output, jsonvalue.MustParse(want)) {
		t.Errorf("output %s, want %s", ex.OutputJSON(), want)
	}
}

func count(ex *Execution, typ string) int {
	n := 0
	for _, ev := range ex.Events() {
		if ev.Type == typ {
			n++
		}
	}
	return n
}

const task = `"Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "OutputPath": "$.Payload"`

func TestTaskTimeout(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `, "TimeoutSeconds": 10, "End": true}}}`
	slow := Func(func(_ context.Context, in map[string]any) (map[string]any, error) { return in, nil }).After(time.Minute)
	ex := mustRun(t, mustSim(t, def, OnState("T", slow)), `{}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.Timeout" || ex.StopTime.Sub(ex.StartTime) != 10*time.Second || count(ex, "TaskTimedOut") != 1 {
		t.Errorf("got %s after %v, %d TaskTimedOut; want States.Timeout after 10s", ex.Error, ex.StopTime.Sub(ex.StartTime), count(ex, "TaskTimedOut"))
	}
	fast := mustRun(t, mustSim(t, def, OnState("T", slow.After(5*time.Second))), `{"x": 1}`)
	wantOutput(t, fast, `{"x": 1}`)
	if d := fast.StopTime.Sub(fast.StartTime); d != 5*time.Second {
		t.Errorf("a 5s task took %v of virtual time", d)
	}
}

func TestHeartbeatTimeoutAndPaths(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
		"Parameters": {"token.$": "$$.Task.Token"}, "TimeoutSecondsPath": "$.timeout", "HeartbeatSecondsPath": "$.heartbeat",
		"Retry": [{"ErrorEquals": ["States.HeartbeatTimeout"], "MaxAttempts": 1, "IntervalSeconds": 3}], "End": true}}}`
	var tokens []string
	h := Respond(func(_ context.Context, c *Call) (any, error) {
		var in struct{ Token string }
		if err := c.Decode(&in); err != nil {
			return nil, err
		}
		tokens = append(tokens, in.Token)
		return map[string]string{"token": c.TaskToken}, nil
	}).After(30 * time.Second)
	ex := mustRun(t, mustSim(t, def, OnState("T", h)), `{"timeout": 60, "heartbeat": 20}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.HeartbeatTimeout" {
		t.Errorf("error %s, want States.HeartbeatTimeout", ex.Error)
	}
	if d := ex.StopTime.Sub(ex.StartTime); d != 43*time.Second {
		t.Errorf("took %v, want 20s + 3s retry interval + 20s", d)
	}
	if len(tokens) != 2 || tokens[0] == "" || tokens[0] == tokens[1] {
		t.Errorf("task tokens %q: want a fresh token in $$.Task.Token for each attempt", tokens)
	}
	ok := mustRun(t, mustSim(t, def, OnState("T", h)), `{"timeout": 60, "heartbeat": 45}`)
	wantStatus(t, ok, Succeeded)
	bad := mustRun(t, mustSim(t, def, OnState("T", h)), `{"timeout": "soon", "heartbeat": 45}`)
	if bad.Status != Failed || bad.Error != "States.Runtime" || !strings.Contains(bad.Cause, "TimeoutSecondsPath") {
		t.Errorf("bad TimeoutSecondsPath: %s %s %q", bad.Status, bad.Error, bad.Cause)
	}
}

func TestMachineTimeout(t *testing.T) {
	def := `{"StartAt": "W", "TimeoutSeconds": 5, "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}`
	ex := mustRun(t, mustSim(t, def), `{}`)
	wantStatus(t, ex, TimedOut)
	if d := ex.StopTime.Sub(ex.StartTime); d != 5*time.Second {
		t.Errorf("timed out after %v, want 5s", d)
	}
	if got := ex.EventTypes(); got[len(got)-1] != "ExecutionTimedOut" {
		t.Errorf("last event %s", got[len(got)-1])
	}
}

func TestWaitForms(t *testing.T) {
	for _, tc := range []struct {
		wait, input string
		want        time.Duration
	}{
		{`"Seconds": 90`, `{}`, 90 * time.Second},
		{`"SecondsPath": "$.s"`, `{"s": 7}`, 7 * time.Second},
		{`"Timestamp": "2026-01-01T12:10:00Z"`, `{}`, 10 * time.Minute},
		{`"TimestampPath": "$.at"`, `{"at": "2026-01-01T13:00:00.500+01:00"}`, 500 * time.Millisecond},
		{`"TimestampPath": "$.at"`, `{"at": "2025-01-01T00:00:00Z"}`, 0},
	} {
		def := `{"StartAt": "W", "States": {"W": {"Type": "Wait", ` + tc.wait + `, "End": true}}}`
		ex := mustRun(t, mustSim(t, def), tc.input)
		wantStatus(t, ex, Succeeded)
		if d := ex.StopTime.Sub(ex.StartTime); d != tc.want {
			t.Errorf("%s with %s waited %v, want %v", tc.wait, tc.input, d, tc.want)
		}
	}
}

// TestParallelFailureCancelsBranches checks that a failing branch fails the
// state with its error while the other branch, waiting, never finishes.
func TestParallelFailureCancelsBranches(t *testing.T) {
	def := `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
		{"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 60, "Next": "After"}, "After": {"Type": "Pass", "End": true}}},
		{"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom", "Cause": "branch 2"}}}],
		"Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.err", "Next": "Caught"}], "End": true},
		"Caught": {"Type": "Pass", "End": true}}}`
	ex := mustRun(t, mustSim(t, def), `{"a": 1}`)
	wantOutput(t, ex, `{"a": 1, "err": {"Error": "Boom", "Cause": "branch 2"}}`)
	if slices.Contains(ex.StatesEntered(), "After") {
		t.Error("the cancelled branch went on")
	}
	if d := ex.StopTime.Sub(ex.StartTime); d != 0 {
		t.Errorf("took %v: the failure must not wait for the other branch", d)
	}
}

// TestMapConcurrency checks MaxConcurrency on the virtual clock: 5 items of
// 10 s each, 2 at a time, take 30 s; results keep the items' order.
func TestMapConcurrency(t *testing.T) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2, "ItemsPath": "$.items",
		"ItemSelector": {"n.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
		"ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.n", "End": true}}}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def), `{"items": [10, 10, 10, 10, 10]}`)
	wantOutput(t, ex, `[{"n":10,"i":0},{"n":10,"i":1},{"n":10,"i":2},{"n":10,"i":3},{"n":10,"i":4}]`)
	if d := ex.StopTime.Sub(ex.StartTime); d != 30*time.Second {
		t.Errorf("took %v, want 30s", d)
	}
	unbounded := strings.Replace(def, `"MaxConcurrency": 2`, `"MaxConcurrency": 0`, 1)
	ex = mustRun(t, mustSim(t, unbounded), `{"items": [30, 10, 20]}`)
	wantOutput(t, ex, `[{"n":30,"i":0},{"n":10,"i":1},{"n":20,"i":2}]`)
	if d := ex.StopTime.Sub(ex.StartTime); d != 30*time.Second {
		t.Errorf("unbounded map took %v, want 30s (the longest item)", d)
	}
}

func TestMapIterationFailure(t *testing.T) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "C", "States": {
		"C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}], "Default": "Ok"},
		"Bad": {"Type": "Fail", "Error": "BadItem", "Cause": "three"}, "Ok": {"Type": "Pass", "End": true}}}, "End": true}}}`
	ex := mustRun(t, mustSim(t, def), `[1, 2, 3, 4]`)
	wantStatus(t, ex, Failed)
	if ex.Error != "BadItem" || ex.Cause != "three" {
		t.Errorf("got %s %q", ex.Error, ex.Cause)
	}
	if count(ex, "MapIterationFailed") != 1 || count(ex, "MapStateFailed") != 1 || count(ex, "MapIterationStarted") != 3 {
		t.Errorf("events %v", ex.EventTypes())
	}
}

func TestDistributedMap(t *testing.T) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map",
		"ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
		"ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
		"ToleratedFailureCount": 1,
		"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "C", "States": {
			"C": {"Type": "Choice", "Choices": [{"Variable": "$.Items[0]", "NumericEquals": 3, "Next": "Bad"}], "Default": "Ok"},
			"Bad": {"Type": "Fail", "Error": "BadBatch"}, "Ok": {"Type": "Pass", "End": true}}}, "End": true}}}`
	var key string
	reader := Respond(func(_ context.Context, c *Call) (any, error) {
		var in struct{ Bucket, Key string }
		if err := c.Decode(&in); err != nil {
			return nil, err
		}
		key = in.Key
		return []int{1, 2, 3, 4, 5}, nil
	})
	s := mustSim(t, def, OnResource("arn:aws:states:::s3:getObject", reader))
	ex := mustRun(t, s, `{"key": "items.json", "run": "r1"}`)
	wantOutput(t, ex, `[{"BatchInput": {"run": "r1"}, "Items": [1, 2]}, {"Error": "BadBatch", "Cause": ""}, {"BatchInput": {"run": "r1"}, "Items": [5]}]`)
	if key != "items.json" {
		t.Errorf("the ItemReader got key %q", key)
	}
	if count(ex, "MapRunStarted") != 1 || count(ex, "MapRunSucceeded") != 1 || count(ex, "MapIterationStarted") != 0 || count(ex, "PassStateEntered") != 0 {
		t.Errorf("a distributed map records its run, not its child executions: %v", ex.EventTypes())
	}
	strict := mustSim(t, strings.Replace(def, `"ToleratedFailureCount": 1`, `"ToleratedFailureCount": 0`, 1), OnResource("arn:aws:states:::s3:getObject", reader))
	ex = mustRun(t, strict, `{"key": "items.json", "run": "r1"}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.ExceedToleratedFailureThreshold" {
		t.Errorf("error %s", ex.Error)
	}
}

func TestRetryBackoffAndJitter(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `,
		"Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3, "MaxDelaySeconds": 10, "JitterStrategy": "%s"}], "End": true}}}`
	fail := Throw("Flaky", "try again")
	h := Sequence(fail, fail, fail, Return(map[string]any{"Payload": "done"}))
	ex := mustRun(t, mustSim(t, strings.Replace(def, "%s", "NONE", 1), OnState("T", h)), `{}`)
	wantOutput(t, ex, `"done"`)
	if d := ex.StopTime.Sub(ex.StartTime); d != 18*time.Second {
		t.Errorf("took %v, want 2 + 6 + 10 (capped at MaxDelaySeconds) = 18s", d)
	}
	var first time.Duration
	for seed := int64(1); seed <= 3; seed++ {
		a := mustRun(t, mustSim(t, strings.Replace(def, "%s", "FULL", 1), OnState("T", h), Seed(seed)), `{}`)
		b := mustRun(t, mustSim(t, strings.Replace(def, "%s", "FULL", 1), OnState("T", h), Seed(seed)), `{}`)
		da, db := a.StopTime.Sub(a.StartTime), b.StopTime.Sub(b.StartTime)
		if da != db {
			t.Errorf("seed %d: %v then %v; the same seed must give the same delays", seed, da, db)
		}
		if da > 18*time.Second {
			t.Errorf("seed %d: full jitter waited %v, more than the 18s without it", seed, da)
		}
		if seed == 1 {
			first = da
		} else if da != first {
			first = -1 // seeds differ
		}
	}
	if first != -1 {
		t.Error("three seeds gave the same jittered delays")
	}
}

func TestErrorMatching(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", ` + task + `,
		"Catch": [{"ErrorEquals": ["%s"], "Next": "Caught"}], "End": true}, "Caught": {"Type": "Pass", "Result": "caught", "End": true}}}`
	for _, tc := range []struct {
		catch, throw string
		caught       bool
	}{
		{"States.ALL", "Custom.Error", true},
		{"States.ALL", "States.Timeout", true},
		{"States.ALL", "States.DataLimitExceeded", true}, // a task's result over the limit: AWS's recordings catch it
		{"States.DataLimitExceeded", "States.DataLimitExceeded", true},
		{"States.TaskFailed", "Custom.Error", true},
		{"States.TaskFailed", "States.Timeout", false},
		{"Custom.Error", "Custom.Other", false},
	} {
		s := mustSim(t, strings.Replace(def, "%s", tc.catch, 1), OnState("T", Throw(tc.throw, "x")))
		ex := mustRun(t, s, `{}`)
		if caught := ex.Status == Succeeded; caught != tc.caught {
			t.Errorf("Catch %s on %s: caught %v, want %v (%s %s)", tc.catch, tc.throw, caught, tc.caught, ex.Status, ex.Error)
		}
	}
	// Runtime errors are not caught, even by States.ALL.
	s := mustSim(t, `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName": "f", "x.$": "$.missing"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
		"Caught": {"Type": "Pass", "End": true}}}`, OnState("T", Return(1)))
	ex := mustRun(t, s, `{}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.Runtime" || !strings.HasPrefix(ex.Cause, "An error occurred while executing the state 'T' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'") {
		t.Errorf("got %s %q", ex.Error, ex.Cause)
	}
}

func TestNoChoiceMatched(t *testing.T) {
	s := mustSim(t, `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "D"}]}, "D": {"Type": "Succeed"}}}`)
	ex := mustRun(t, s, `{}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.NoChoiceMatched" {
		t.Errorf("error %s", ex.Error)
	}
}

func TestDataLimit(t *testing.T) {
	s := mustSim(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}`)
	big := strings.Repeat("x", 140000)
	ex := mustRun(t, s, `{"s": "`+big+`"}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.DataLimitExceeded" || ex.Cause != "The state/task 'P' returned a result with a size exceeding the maximum number of bytes service limit." {
		t.Errorf("got %s %q", ex.Error, ex.Cause)
	}
}

func TestMockConfig(t *testing.T) {
	cfg, err := ParseMockConfig([]byte(`{
		"StateMachines": {"Orders": {"TestCases": {"Flaky": {"Pay": "PayFlaky"}, "Down": {"Pay": "PayDown"}}}},
		"MockedResponses": {
			"PayFlaky": {"0-1": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "busy"}}, "2": {"Return": {"Payload": {"paid": true}, "StatusCode": 200}}},
			"PayDown": {"0": {"Throw": {"Error": "PaymentDown", "Cause": "no"}}}
		}}`))
	if err != nil {
		t.Fatal(err)
	}
	def := `{"StartAt": "Pay", "States": {"Pay": {"Type": "Task", ` + task + `,
		"Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 1, "MaxAttempts": 3}], "End": true}}}`
	ex := mustRun(t, mustSim(t, def, Name("Orders"), UseMockConfig(cfg, "Flaky")), `{}`)
	wantOutput(t, ex, `{"paid": true}`)
	ex = mustRun(t, mustSim(t, def, Name("Orders"), UseMockConfig(cfg, "Down")), `{}`)
	if ex.Status != Failed || ex.Error != "PaymentDown" {
		t.Errorf("Down: %s %s", ex.Status, ex.Error)
	}
	doc, _ := asl.Unmarshal([]byte(def))
	if _, err := New(doc, UseMockConfig(cfg, "Missing")); err == nil || !strings.Contains(err.Error(), `no test case "Missing"`) {
		t.Errorf("a missing test case: %v", err)
	}
	for _, bad := range []string{`{"MockedResponses": {"R": {"x": {"Return": 1}}}}`, `{"MockedResponses": {"R": {"0": {}}}}`, `{"StateMachines": {"M": {"Bogus": 1}}}`} {
		if _, err := ParseMockConfig([]byte(bad)); err == nil {
			t.Errorf("ParseMockConfig(%s) succeeded", bad)
		}
	}
}

func TestUnmockedTask(t *testing.T) {
	s := mustSim(t, `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "t"},
		"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true}, "C": {"Type": "Succeed"}}}`)
	ex := mustRun(t, s, `{}`)
	wantStatus(t, ex, Failed)
	if ex.Error != ErrorUnmocked || !strings.Contains(ex.Cause, `state "T" (Resource arn:aws:states:::dynamodb:putItem) has no mock`) {
		t.Errorf("got %s %q", ex.Error, ex.Cause)
	}
}

// TestTypedHandlerWaitForToken checks the one meaning of a typed handler's
// types for lambda:invoke whatever the pattern: In is the Payload, the
// function's event. With .waitForTaskToken, Out is the task's result as the
// callback sends it, not wrapped; in any partition, placeholders included.
func TestTypedHandlerWaitForToken(t *testing.T) {
	type req struct {
		N     int    `json:"n"`
		Token string `json:"token"`
	}
	type answer struct {
		OK bool `json:"ok"`
	}
	for _, resource := range []string{"arn:aws:states:::lambda:invoke.waitForTaskToken", "arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken"} {
		def := `{"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "` + resource + `",
			"Parameters": {"FunctionName": "ask", "Payload": {"n.$": "$.n", "token.$": "$$.Task.Token"}}, "End": true}}}`
		var got req
		ask := Func(func(_ context.Context, r req) (answer, error) { got = r; return answer{OK: r.N == 3}, nil })
		ex := mustRun(t, mustSim(t, def, Strict(), OnState("Ask", ask)), `{"n": 3}`)
		wantOutput(t, ex, `{"ok": true}`)
		if got.N != 3 || got.Token == "" {
			t.Errorf("%s: the handler got %+v, want the Payload with the token", resource, got)
		}
	}
}

func TestTypedHandlers(t *testing.T) {
	type in struct{ N int }
	type out struct{ Double int }
	def := `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName": "f", "Payload": {"N.$": "$.n"}}, "Next": "Legacy"},
		"Legacy": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:g", "InputPath": "$.Payload", "End": true}}}`
	double := Func(func(_ context.Context, i in) (out, error) { return out{Double: 2 * i.N}, nil })
	again := Func(func(_ context.Context, o out) (out, error) { return out{Double: 2 * o.Double}, nil })
	ex := mustRun(t, mustSim(t, def, OnState("L", double), OnState("Legacy", again)), `{"n": 21}`)
	wantStatus(t, ex, Succeeded)
	// The Lambda integration wraps the function's result; a Lambda ARN does not.
	runs := ex.StateRuns("Legacy")
	var lambdaResult struct {
		Payload    out
		StatusCode int
	}
	if err := Decode(runs[0].Input, &lambdaResult); err != nil || lambdaResult.Payload.Double != 42 || lambdaResult.StatusCode != 200 {
		t.Errorf("lambda:invoke result %+v (%v)", lambdaResult, err)
	}
	wantOutput(t, ex, `{"Double": 84}`)
	if count(ex, "LambdaFunctionScheduled") != 1 || count(ex, "TaskScheduled") != 1 {
		t.Errorf("events %v", ex.EventTypes())
	}
	failing := Func(func(context.Context, in) (out, error) { return out{}, errors.New("plain error") })
	ex = mustRun(t, mustSim(t, def, OnState("L", failing)), `{"n": 1}`)
	if ex.Error != "States.TaskFailed" || ex.Cause != "plain error" {
		t.Errorf("a plain error: %s %q", ex.Error, ex.Cause)
	}
	panicky := Func(func(context.Context, in) (out, error) { panic("oops") })
	ex = mustRun(t, mustSim(t, def, OnState("L", panicky)), `{"n": 1}`)
	if ex.Error != "States.TaskFailed" || !strings.Contains(ex.Cause, "panicked: oops") {
		t.Errorf("a panicking mock: %s %q", ex.Error, ex.Cause)
	}
}

// TestHistory checks the shape of the history: ids from 1, previous ids,
// virtual timestamps, and AWS's JSON.
func TestHistory(t *testing.T) {
	s := mustSim(t, `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "W"}, "W": {"Type": "Wait", "Seconds": 5, "End": true}}}`)
	ex := mustRun(t, s, `{"k": "v"}`)
	want := []string{"ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"}
	if got := ex.EventTypes(); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	prev := []int64{0, 0, 2, 3, 4, 5}
	for i, ev := range ex.Events() {
		if ev.ID != int64(i+1) || ev.PreviousEventID != prev[i] {
			t.Errorf("event %d: id %d previous %d, want %d %d", i, ev.ID, ev.PreviousEventID, i+1, prev[i])
		}
	}
	if got := ex.Events()[4].Timestamp.Sub(t0); got != 5*time.Second {
		t.Errorf("WaitStateExited at +%v, want +5s", got)
	}
	raw, err := json.Marshal(ex.Events()[1])
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	d, _ := ev["stateEnteredEventDetails"].(map[string]any)
	if ev["type"] != "PassStateEntered" || d["name"] != "A" || d["input"] != `{"k":"v"}` {
		t.Errorf("event JSON %s", raw)
	}
	off := mustRun(t, mustSim(t, `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`, History(false)), `{}`)
	if len(off.Events()) != 0 || off.Status != Succeeded {
		t.Errorf("History(false) recorded %d events", len(off.Events()))
	}
}

func TestConcurrentRuns(t *testing.T) {
	s := mustSim(t, `{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": true}}}, "End": true}}}`)
	done := make(chan *Execution)
	for i := 0; i < 8; i++ {
		go func() {
			ex, _ := s.Run(context.Background(), json.RawMessage(`[3, 1, 2]`))
			done <- ex
		}()
	}
	for i := 0; i < 8; i++ {
		ex := <-done
		if ex.Status != Succeeded || string(ex.OutputJSON()) != `[3,1,2]` {
			t.Errorf("run %d: %s %s", i, ex.Status, ex.OutputJSON())
		}
	}
}

// TestWaitForTaskToken checks the callback pattern: one branch's task waits
// for its token, which the other branch's task answers 10 s later.
func TestWaitForTaskToken(t *testing.T) {
	def := `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
		{"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
			"Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "TimeoutSeconds": %d, "End": true}}},
		{"StartAt": "Later", "States": {"Later": {"Type": "Wait", "Seconds": 10, "Next": "Approve"},
			"Approve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "approve"}, "End": true}}}],
		"End": true}}}`
	var queue []string
	ask := AwaitCallback(func(_ context.Context, c *Call) error {
		var msg struct {
			MessageBody struct{ Token string } `json:"MessageBody"`
		}
		if err := c.Decode(&msg); err != nil {
			return err
		}
		queue = append(queue, msg.MessageBody.Token)
		return nil
	})
	approve := Respond(func(ctx context.Context, c *Call) (any, error) {
		if len(queue) == 0 {
			return nil, errors.New("no message")
		}
		return "sent", SendTaskSuccess(ctx, queue[0], map[string]bool{"approved": true})
	})
	ex := mustRun(t, mustSim(t, strings.Replace(def, "%d", "60", 1), OnState("Ask", ask), OnState("Approve", approve)), `{}`)
	wantOutput(t, ex, `[{"approved": true}, "sent"]`)
	if d := ex.StopTime.Sub(ex.StartTime); d != 10*time.Second {
		t.Errorf("took %v, want the 10s until the answer", d)
	}

	queue = nil
	silent := Respond(func(context.Context, *Call) (any, error) { return "nothing sent", nil })
	ex = mustRun(t, mustSim(t, strings.Replace(def, "%d", "60", 1), OnState("Ask", ask), OnState("Approve", silent)), `{}`)
	wantStatus(t, ex, Failed)
	if ex.Error != "States.Timeout" || ex.StopTime.Sub(ex.StartTime) != time.Minute {
		t.Errorf("unanswered: %s after %v, want States.Timeout after 1m", ex.Error, ex.StopTime.Sub(ex.StartTime))
	}

	queue = nil
	failing := Respond(func(ctx context.Context, c *Call) (any, error) {
		return "sent", SendTaskFailure(ctx, queue[0], "Rejected", "no budget")
	})
	ex = mustRun(t, mustSim(t, strings.Replace(def, "%d", "60", 1), OnState("Ask", ask), OnState("Approve", failing)), `{}`)
	if ex.Status != Failed || ex.Error != "Rejected" || ex.Cause != "no budget" {
		t.Errorf("SendTaskFailure: %s %s %q", ex.Status, ex.Error, ex.Cause)
	}

	// No timeout and no answer: the execution cannot go on.
	noTimeout := strings.Replace(strings.Replace(def, `, "TimeoutSeconds": %d`, "", 1), "%d", "", 1)
	ex = mustRun(t, mustSim(t, noTimeout, OnState("Ask", ask), OnState("Approve", silent)), `{}`)
	if ex.Status != Failed || !strings.Contains(ex.Cause, "waits for a task token") {
		t.Errorf("deadlock: %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	if err := SendTaskSuccess(context.Background(), "t", 1); err == nil {
		t.Error("SendTaskSuccess outside a handler succeeded")
	}
}

// TestRunawayLoop checks that a machine that loops without waiting ends:
// with history, at AWS's 25,000 events; without, at the simulator's bound.
func TestRunawayLoop(t *testing.T) {
	def := `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
		"B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "A"}, "Done": {"Type": "Succeed"}}}`
	ex := mustRun(t, mustSim(t, def), `{}`)
	if ex.Status != Failed || !strings.Contains(ex.Cause, "maximum number of history events (25000)") || len(ex.Events()) != MaxEvents ||
		ex.Events()[MaxEvents-1].Type != "ExecutionFailed" {
		t.Errorf("with history: %s %q, %d events", ex.Status, ex.Cause, len(ex.Events()))
	}
	off := mustRun(t, mustSim(t, def, History(false)), `{}`)
	if off.Status != ex.Status || off.Error != ex.Error || off.Cause != ex.Cause || !off.StopTime.Equal(ex.StopTime) {
		t.Errorf("without history: %s %s %q, want %s %s %q", off.Status, off.Error, off.Cause, ex.Status, ex.Error, ex.Cause)
	}
}

// TestEventLimitWithoutHistory checks the report: a loop of 9,000 iterations
// (36,000 events) fails at the 25,000-event limit whether its history is
// recorded or not, and one of 6,000 (24,004 events) succeeds either way.
func TestEventLimitWithoutHistory(t *testing.T) {
	def := `{"StartAt": "Count", "States": {
		"Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "More"},
		"More": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.n", "Next": "Count"}], "Default": "Done"},
		"Done": {"Type": "Succeed"}}}`
	for _, n := range []string{"9000", "6000", "6249", "6250"} {
		on := mustRun(t, mustSim(t, def, History(true)), `{"i": 0, "n": `+n+`}`)
		off := mustRun(t, mustSim(t, def, History(false)), `{"i": 0, "n": `+n+`}`)
		if on.Status != off.Status || on.Error != off.Error || on.Cause != off.Cause || !on.StopTime.Equal(off.StopTime) ||
			!jsonvalue.Equal(on.Output, off.Output) {
			t.Errorf("n = %s: with history %s %s %q, without %s %s %q", n, on.Status, on.Error, on.Cause, off.Status, off.Error, off.Cause)
		}
		if want := map[string]Status{"9000": Failed, "6000": Succeeded, "6249": Succeeded, "6250": Failed}[n]; on.Status != want {
			t.Errorf("n = %s: %s (%d events), want %s", n, on.Status, len(on.Events()), want)
		}
	}
}

// TestSequenceDelaysAndGoValues checks that a Sequence's handlers keep their
// durations and that Go values in slices reach the simulator.
func TestSequenceDelaysAndGoValues(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "TimeoutSeconds": 5, "End": true}}}`
	ex := mustRun(t, mustSim(t, def, OnResource("arn:aws:states:::ecs:runTask.sync", Sequence(Return(1).After(time.Hour)))), `{}`)
	if ex.Status != Failed || ex.Error != "States.Timeout" {
		t.Errorf("a slow handler in a Sequence: %s %s", ex.Status, ex.Error)
	}
	s := mustSim(t, def, OnResource("arn:aws:states:::ecs:runTask.sync", Return([]any{1, "x", map[string]int{"a": 1}})))
	ex, err := s.Run(context.Background(), []any{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	wantOutput(t, ex, `[1, "x", {"a": 1}]`)
	if in := ex.StateRuns("T")[0].Input; !jsonvalue.Equal(in, jsonvalue.MustParse(`[1, 2]`)) {
		t.Errorf("input %s, want [1,2]", jsonvalue.String(in))
	}
}

func TestToleratedFailurePaths(t *testing.T) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map", "%s": "$.t",
		"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
		"ItemsPath": "$.items", "End": true}}}`
	for _, tc := range []struct{ field, t, cause string }{
		{"ToleratedFailureCountPath", `"x"`, `The ToleratedFailureCountPath field refers to value "x" which is not a valid integer: $.t`},
		{"ToleratedFailureCountPath", `{}`, `The ToleratedFailureCountPath field refers to value "{}" which is not a valid integer: $.t`},
		{"ToleratedFailureCountPath", `-1`, `ToleratedFailureCount cannot be negative.`},
		{"ToleratedFailurePercentagePath", `"x"`, `The ToleratedFailurePercentagePath field refers to value "x" which is not a valid float: $.t`},
		{"ToleratedFailurePercentagePath", `101`, `ToleratedFailurePercentage must be between 0 and 100.`},
		{"ToleratedFailurePercentagePath", `12.5`, ``},
	} {
		ex := mustRun(t, mustSim(t, strings.Replace(def, "%s", tc.field, 1)), `{"items": [1], "t": `+tc.t+`}`)
		if tc.cause == "" {
			wantOutput(t, ex, `[1]`)
			continue
		}
		if want := "An error occurred while executing the state 'M' (entered at the event id #2). " + tc.cause; ex.Error != "States.Runtime" || ex.Cause != want {
			t.Errorf("%s = %s: got %s %q, want %q", tc.field, tc.t, ex.Error, ex.Cause, want)
		}
	}
}

func TestStrict(t *testing.T) {
	type payment struct {
		OrderID string `json:"orderId"`
		Amount  int    `json:"amount"`
	}
	def := `{"StartAt": "Pay", "States": {"Pay": {"Type": "Task", ` + task + `,
		"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true}, "Caught": {"Type": "Succeed"}}}`
	pay := Func(func(_ context.Context, p payment) (payment, error) { return p, nil })
	// Lenient by default: an extra field is ignored.
	ex := mustRun(t, mustSim(t, def, OnState("Pay", pay)), `{"orderId": "o-1", "amount": 5, "coupon": "X"}`)
	wantOutput(t, ex, `{"orderId": "o-1", "amount": 5}`)
	for _, input := range []string{`{"orderId": "o-1", "amount": 5, "coupon": "X"}`, `{"orderId": "o-1", "amount": "five"}`} {
		ex = mustRun(t, mustSim(t, def, OnState("Pay", pay), Strict()), input)
		if ex.Status != Failed || ex.Error != ErrorTypeMismatch || !strings.Contains(ex.Cause, `state "Pay": the input does not fit sim.payment`) ||
			!strings.Contains(ex.Cause, "the input is {") {
			t.Errorf("strict, input %s: %s %s %q", input, ex.Status, ex.Error, ex.Cause)
		}
	}
	ex = mustRun(t, mustSim(t, def, OnState("Pay", pay), Strict()), `{"orderId": "o-1", "amount": 5}`)
	wantOutput(t, ex, `{"orderId": "o-1", "amount": 5}`)
}

// TestWith checks that With gives a simulator of the same compiled machine
// with other options, leaving the original as it was.
func TestWith(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
		"ResultPath": "$.r", "Next": "P"}, "P": {"Type": "Pass", "Parameters": {"r.$": "$.r", "start.$": "$$.Execution.StartTime"}, "End": true}}}`
	base := mustSim(t, def, OnState("T", Return("base")), StartTime(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))
	other, err := base.With(OnState("T", Return("other")), StartTime(time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	wantOutput(t, mustRun(t, other, `{}`), `{"r": "other", "start": "2031-02-03T04:05:06.000Z"}`)
	wantOutput(t, mustRun(t, base, `{}`), `{"r": "base", "start": "2030-01-01T00:00:00.000Z"}`)
	if other.top != base.top {
		t.Error("With compiled the machine again")
	}
	// An option With cannot take is an error, as New's.
	if _, err := base.With(UseMockConfig(&MockConfig{}, "nothere")); err == nil {
		t.Error("With took a mock test case that does not exist")
	}
}
