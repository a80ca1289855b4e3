package orderconfirmation

import (
	"context"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/sim"
)

func run(t *testing.T, email sim.Handler) *sim.Execution {
	t.Helper()
	doc, err := OrderConfirmation().Build()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := sim.New(doc,
		sim.StartTime(start),
		sim.OnState("ProcessOrder", sim.Return(map[string]string{"orderId": "o-1", "email": "a@example.com"})),
		sim.OnState("SendEmail", email),
	)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), map[string]string{"orderId": "o-1"})
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func TestOrderConfirmationHappyPath(t *testing.T) {
	ex := run(t, sim.Return(map[string]bool{"sent": true}))
	if ex.Status != sim.Succeeded || string(ex.OutputJSON()) != `{"sent":true}` {
		t.Fatalf("got %s %s %s %s", ex.Status, ex.OutputJSON(), ex.Error, ex.Cause)
	}
}

// TestSendEmailRetries checks the retrier: two failures, retried after 5 s
// and 10 s of virtual time, then success.
func TestSendEmailRetries(t *testing.T) {
	fail := sim.Throw("States.TaskFailed", "SMTP timeout")
	ex := run(t, sim.Sequence(fail, fail, sim.Return(map[string]bool{"sent": true})))
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s %s", ex.Status, ex.Error, ex.Cause)
	}
	if got := ex.StopTime.Sub(ex.StartTime); got != 15*time.Second {
		t.Errorf("execution took %v of virtual time, want 15s (5s then 10s between attempts)", got)
	}
	var scheduled []time.Duration
	for _, ev := range ex.Events() {
		if ev.Type == "TaskScheduled" {
			scheduled = append(scheduled, ev.Timestamp.Sub(ex.StartTime))
		}
	}
	want := []time.Duration{0, 0, 5 * time.Second, 15 * time.Second}
	if len(scheduled) != len(want) {
		t.Fatalf("TaskScheduled at %v, want %v", scheduled, want)
	}
	for i := range want {
		if scheduled[i] != want[i] {
			t.Errorf("TaskScheduled %d at %v, want %v", i, scheduled[i], want[i])
		}
	}
}

// TestSendEmailGivesUp checks the catch path: after 3 retries the catcher
// sends the execution to ConfirmationFailed with the email's error.
func TestSendEmailGivesUp(t *testing.T) {
	ex := run(t, sim.Throw("States.TaskFailed", "SMTP down"))
	if ex.Status != sim.Failed || ex.Error != "Order.ConfirmationFailed" {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	var in struct {
		Error struct{ Error, Cause string } `json:"error"`
	}
	if err := sim.Decode(ex.StateRuns("ConfirmationFailed")[0].Input, &in); err != nil || in.Error.Cause != "SMTP down" {
		t.Errorf("ConfirmationFailed input error %+v (%v)", in.Error, err)
	}
	if runs := len(ex.StateRuns("SendEmail")); runs != 1 {
		t.Errorf("SendEmail entered %d times, want 1 (retries do not re-enter)", runs)
	}
	n := 0
	for _, ev := range ex.Events() {
		if ev.Type == "TaskFailed" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d TaskFailed events, want 4 (the attempt and 3 retries)", n)
	}
}
