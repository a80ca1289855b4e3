package sim

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
)

// elapsed is the virtual time an execution took.
func elapsed(ex *Execution) time.Duration { return ex.StopTime.Sub(ex.StartTime) }

// wantFailure checks an execution's status, error and duration.
func wantFailure(t *testing.T, ex *Execution, status Status, name string, took time.Duration) {
	t.Helper()
	if ex.Status != status || ex.Error != name || elapsed(ex) != took {
		t.Errorf("got %s %s (%q) after %v, want %s %s after %v", ex.Status, ex.Error, ex.Cause, elapsed(ex), status, name, took)
	}
}

// callbackTask is a machine of one .waitForTaskToken task with the limits
// given, as JSON members (none when empty).
func callbackTask(limits string) string {
	if limits != "" {
		limits = ", " + limits
	}
	return `{"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
		"Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}` + limits + `, "End": true}}}`
}

// TestAfterEveryKind checks that After makes every kind of handler take its
// time: Func, Respond, Return and Throw, alone or in a Sequence.
func TestAfterEveryKind(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}}}`
	ok := map[string]Handler{
		"Func":    Func(func(_ context.Context, in any) (any, error) { return in, nil }),
		"Respond": Respond(func(_ context.Context, c *Call) (any, error) { return c.Input, nil }),
		"Return":  Return(map[string]int{"a": 1}),
	}
	for name, h := range ok {
		for _, wrap := range []func(Handler) Handler{
			func(h Handler) Handler { return h.After(90 * time.Second) },
			func(h Handler) Handler { return Sequence(h.After(90 * time.Second)) },
			func(h Handler) Handler { return Sequence(h).After(90 * time.Second) },
			func(h Handler) Handler {
				return Sequence(Sequence(h.After(30 * time.Second)).After(20 * time.Second)).After(40 * time.Second)
			},
		} {
			ex := mustRun(t, mustSim(t, def, OnState("T", wrap(h))), `{"a": 1}`)
			wantOutput(t, ex, `{"a": 1}`)
			if elapsed(ex) != 90*time.Second {
				t.Errorf("%s: took %v, want 90s", name, elapsed(ex))
			}
		}
	}
	for _, h := range []Handler{Throw("Boom", "late").After(90 * time.Second), Sequence(Throw("Boom", "late")).After(90 * time.Second)} {
		wantFailure(t, mustRun(t, mustSim(t, def, OnState("T", h)), `{}`), Failed, "Boom", 90*time.Second)
	}
}

// TestAfterOnSequence checks the report: a Sequence made slow with After
// takes that time on every call, so timeouts and heartbeats fire; the
// Afters of a Sequence and of the handler whose turn it is add up.
func TestAfterOnSequence(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", %s
		"Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1, "MaxAttempts": 3}], "End": true}}}`
	slow := Sequence(Return(1), Return(2)).After(2 * time.Hour)
	ex := mustRun(t, mustSim(t, strings.Replace(def, "%s", `"TimeoutSeconds": 3600,`, 1), OnState("T", slow)), `{}`)
	wantFailure(t, ex, Failed, "States.Timeout", time.Hour)
	ex = mustRun(t, mustSim(t, strings.Replace(def, "%s", `"HeartbeatSeconds": 600,`, 1), OnState("T", slow)), `{}`)
	wantFailure(t, ex, Failed, "States.HeartbeatTimeout", 10*time.Minute)

	// 10s + 1m for the first call, the 1s retry interval, 20s + 1m for the second.
	h := Sequence(Throw("Busy", "try again").After(10*time.Second), Return("done").After(20*time.Second)).After(time.Minute)
	ex = mustRun(t, mustSim(t, strings.Replace(def, "%s", "", 1), OnState("T", h)), `{}`)
	wantOutput(t, ex, `"done"`)
	if want := 70*time.Second + time.Second + 80*time.Second; elapsed(ex) != want {
		t.Errorf("took %v, want %v", elapsed(ex), want)
	}
	// After replaces an After of the same handler.
	ex = mustRun(t, mustSim(t, strings.Replace(def, "%s", "", 1), OnState("T", Return(1).After(time.Hour).After(time.Second))), `{}`)
	if elapsed(ex) != time.Second {
		t.Errorf("h.After(1h).After(1s) took %v", elapsed(ex))
	}
}

// TestAfterOnAwaitCallback checks the report: a callback handler made slow
// with After answers no sooner than that, so a heartbeat or a timeout
// shorter than it fires.
func TestAfterOnAwaitCallback(t *testing.T) {
	answerAtOnce := AwaitCallback(func(ctx context.Context, c *Call) error {
		return SendTaskSuccess(ctx, c.TaskToken, map[string]bool{"ok": true})
	})
	for _, tc := range []struct {
		limits string
		h      Handler
		status Status
		err    string
		took   time.Duration
	}{
		{``, answerAtOnce.After(2 * time.Hour), Succeeded, "", 2 * time.Hour},
		{`"HeartbeatSeconds": 3600`, answerAtOnce.After(2 * time.Hour), Failed, "States.HeartbeatTimeout", time.Hour},
		{`"TimeoutSeconds": 1800`, answerAtOnce.After(2 * time.Hour), Failed, "States.Timeout", 30 * time.Minute},
		{`"TimeoutSeconds": 10800`, answerAtOnce.After(2 * time.Hour), Succeeded, "", 2 * time.Hour},
		// An answer due when the task times out comes first, as with any handler.
		{`"TimeoutSeconds": 7200`, answerAtOnce.After(2 * time.Hour), Succeeded, "", 2 * time.Hour},
		{`"HeartbeatSeconds": 3600`, Sequence(answerAtOnce.After(2 * time.Hour)), Failed, "States.HeartbeatTimeout", time.Hour},
		{`"HeartbeatSeconds": 3600`, Sequence(answerAtOnce).After(2 * time.Hour), Failed, "States.HeartbeatTimeout", time.Hour},
		{``, Sequence(answerAtOnce.After(time.Hour)).After(time.Hour), Succeeded, "", 2 * time.Hour},
		// The callback handler's own error comes after its time as well.
		{``, AwaitCallback(func(context.Context, *Call) error { return errors.New("queue full") }).After(time.Minute), Failed, "States.TaskFailed", time.Minute},
	} {
		ex := mustRun(t, mustSim(t, callbackTask(tc.limits), OnState("Ask", tc.h)), `{}`)
		if ex.Status != tc.status || ex.Error != tc.err || elapsed(ex) != tc.took {
			t.Errorf("%s: got %s %s (%q) after %v, want %s %s after %v", tc.limits, ex.Status, ex.Error, ex.Cause, elapsed(ex), tc.status, tc.err, tc.took)
		}
	}
	// A callback sent later than the handler's time arrives when it is sent.
	later := AwaitCallback(func(ctx context.Context, c *Call) error {
		return SendTaskSuccessAfter(ctx, 3*time.Hour, c.TaskToken, "late")
	}).After(time.Hour)
	ex := mustRun(t, mustSim(t, callbackTask(""), OnState("Ask", later)), `{}`)
	wantOutput(t, ex, `"late"`)
	if elapsed(ex) != 3*time.Hour {
		t.Errorf("took %v, want 3h", elapsed(ex))
	}
}

// TestDelayedCallbacks checks SendTaskSuccessAfter and
// SendTaskFailureAfter against the task's timeout and heartbeat.
func TestDelayedCallbacks(t *testing.T) {
	succeed := AwaitCallback(func(ctx context.Context, c *Call) error {
		return SendTaskSuccessAfter(ctx, 30*time.Minute, c.TaskToken, map[string]string{"by": "later"})
	})
	fail := AwaitCallback(func(ctx context.Context, c *Call) error {
		return SendTaskFailureAfter(ctx, 30*time.Minute, c.TaskToken, "Rejected", "no budget")
	})
	ex := mustRun(t, mustSim(t, callbackTask(""), OnState("Ask", succeed)), `{}`)
	wantOutput(t, ex, `{"by": "later"}`)
	if elapsed(ex) != 30*time.Minute {
		t.Errorf("answered after %v, want 30m", elapsed(ex))
	}
	ex = mustRun(t, mustSim(t, callbackTask(""), OnState("Ask", fail)), `{}`)
	wantFailure(t, ex, Failed, "Rejected", 30*time.Minute)
	if ex.Cause != "no budget" {
		t.Errorf("cause %q", ex.Cause)
	}
	ex = mustRun(t, mustSim(t, callbackTask(`"HeartbeatSeconds": 600`), OnState("Ask", succeed)), `{}`)
	wantFailure(t, ex, Failed, "States.HeartbeatTimeout", 10*time.Minute)
	ex = mustRun(t, mustSim(t, callbackTask(`"TimeoutSeconds": 1200`), OnState("Ask", fail)), `{}`)
	wantFailure(t, ex, Failed, "States.Timeout", 20*time.Minute)
	ex = mustRun(t, mustSim(t, callbackTask(`"TimeoutSeconds": 3600, "HeartbeatSeconds": 2400`), OnState("Ask", succeed)), `{}`)
	wantOutput(t, ex, `{"by": "later"}`)
	ex = mustRun(t, mustSim(t, callbackTask(`"TimeoutSeconds": 1800`), OnState("Ask", succeed)), `{}`)
	wantOutput(t, ex, `{"by": "later"}`)

	if err := SendTaskSuccessAfter(context.Background(), time.Second, "t", 1); err == nil {
		t.Error("SendTaskSuccessAfter outside an execution succeeded")
	}
	if err := SendTaskSuccessAfter(context.Background(), -time.Second, "t", 1); err == nil {
		t.Error("SendTaskSuccessAfter with a negative delay succeeded")
	}
}

// TestAt checks work a test registers at a virtual time: it answers a
// callback, sees the virtual time, and fails the execution with
// ErrorScheduled when it returns an error.
func TestAt(t *testing.T) {
	var token string
	ask := AwaitCallback(func(_ context.Context, c *Call) error { token = c.TaskToken; return nil })
	var at time.Time
	approve := At(45*time.Minute, func(ctx context.Context) error {
		at = Now(ctx)
		return SendTaskSuccess(ctx, token, "approved")
	})
	ex := mustRun(t, mustSim(t, callbackTask(`"TimeoutSeconds": 3600`), OnState("Ask", ask), approve), `{}`)
	wantOutput(t, ex, `"approved"`)
	if elapsed(ex) != 45*time.Minute || !at.Equal(t0.Add(45*time.Minute)) {
		t.Errorf("answered after %v, Now said %v", elapsed(ex), at)
	}
	// Too late: the task timed out first, and the execution ended before.
	ex = mustRun(t, mustSim(t, callbackTask(`"TimeoutSeconds": 1800`), OnState("Ask", ask), approve), `{}`)
	wantFailure(t, ex, Failed, "States.Timeout", 30*time.Minute)

	// Several, in the order of their times; those at one time in the order given.
	var order []string
	note := func(s string) func(context.Context) error {
		return func(context.Context) error { order = append(order, s); return nil }
	}
	ex = mustRun(t, mustSim(t, callbackTask(""), OnState("Ask", ask),
		At(2*time.Minute, note("b")), At(time.Minute, note("a")), At(2*time.Minute, note("c")),
		At(3*time.Minute, func(ctx context.Context) error { return SendTaskFailure(ctx, token, "Nope", "no") })), `{}`)
	wantFailure(t, ex, Failed, "Nope", 3*time.Minute)
	if strings.Join(order, "") != "abc" {
		t.Errorf("ran in the order %v", order)
	}

	// A function that fails fails the execution, naming itself.
	ex = mustRun(t, mustSim(t, callbackTask(""), OnState("Ask", ask),
		At(time.Minute, func(context.Context) error { return errors.New("the approver is away") })), `{}`)
	wantFailure(t, ex, Failed, ErrorScheduled, time.Minute)
	if !strings.Contains(ex.Cause, "the approver is away") || !strings.Contains(ex.Cause, "sim.At(1m0s") {
		t.Errorf("cause %q", ex.Cause)
	}
	// Answering twice is an error of the second answer.
	twice := func(ctx context.Context) error { return SendTaskSuccess(ctx, token, 1) }
	// (The handler takes an hour, so the first answer waits for it.)
	ex = mustRun(t, mustSim(t, callbackTask(""), OnState("Ask", ask.After(time.Hour)), At(time.Minute, twice), At(2*time.Minute, twice)), `{}`)
	wantFailure(t, ex, Failed, ErrorScheduled, 2*time.Minute)
	if !strings.Contains(ex.Cause, "already answered") {
		t.Errorf("cause %q", ex.Cause)
	}
	// A panic, too.
	ex = mustRun(t, mustSim(t, callbackTask(""), OnState("Ask", ask), At(time.Second, func(context.Context) error { panic("oops") })), `{}`)
	wantFailure(t, ex, Failed, ErrorScheduled, time.Second)
	if !strings.Contains(ex.Cause, "panicked: oops") {
		t.Errorf("cause %q", ex.Cause)
	}
	// An answer to a task that timed out is an error, as AWS's TaskTimedOut.
	retried := `{"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
		"Parameters": {"QueueUrl": "q"}, "TimeoutSeconds": 60, "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 1}], "End": true}}}`
	var first string
	ex = mustRun(t, mustSim(t, retried, OnState("Ask", AwaitCallback(func(_ context.Context, c *Call) error {
		if first == "" {
			first = c.TaskToken
		}
		return nil
	})), At(90*time.Second, func(ctx context.Context) error { return SendTaskSuccess(ctx, first, 1) })), `{}`)
	wantFailure(t, ex, Failed, ErrorScheduled, 90*time.Second)
	if !strings.Contains(ex.Cause, "timed out") {
		t.Errorf("cause %q", ex.Cause)
	}
}

// TestSchedule checks work a handler schedules: a task's handler answers
// another branch's callback an hour after it runs.
func TestSchedule(t *testing.T) {
	def := `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
		{"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
			"Parameters": {"QueueUrl": "q"}, "HeartbeatSeconds": %d, "End": true}}},
		{"StartAt": "Later", "States": {"Later": {"Type": "Wait", "Seconds": 600, "Next": "Approve"},
			"Approve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "approve"}, "OutputPath": "$.Payload", "End": true}}}],
		"End": true}}}`
	var token string
	ask := AwaitCallback(func(_ context.Context, c *Call) error { token = c.TaskToken; return nil })
	approve := Func(func(ctx context.Context, _ any) (string, error) {
		return "scheduled", Schedule(ctx, time.Hour, func(ctx context.Context) error {
			return SendTaskSuccess(ctx, token, "approved at "+Now(ctx).Format(time.TimeOnly))
		})
	})
	ex := mustRun(t, mustSim(t, strings.Replace(def, "%d", "7200", 1), OnState("Ask", ask), OnState("Approve", approve)), `{}`)
	wantOutput(t, ex, `["approved at 13:10:00", "scheduled"]`)
	ex = mustRun(t, mustSim(t, strings.Replace(def, "%d", "3600", 1), OnState("Ask", ask), OnState("Approve", approve)), `{}`)
	wantFailure(t, ex, Failed, "States.HeartbeatTimeout", time.Hour)
	if err := Schedule(context.Background(), time.Second, func(context.Context) error { return nil }); err == nil {
		t.Error("Schedule outside an execution succeeded")
	}
	if _, err := New(mustDecode(t, callbackTask("")), At(-time.Second, func(context.Context) error { return nil })); err == nil {
		t.Error("At with a negative time was accepted")
	}
}

func mustDecode(t *testing.T, def string) *asl.StateMachine {
	t.Helper()
	doc, err := asl.Unmarshal([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
