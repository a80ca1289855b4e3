package orderconfirmation

import (
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/golden"
	"github.com/google/go-cmp/cmp"
)

func TestOrderConfirmationASL(t *testing.T) {
	golden.ASL(t, OrderConfirmation(), "orderconfirmation.asl.json")
}

func TestSendEmailRetry(t *testing.T) {
	doc, err := OrderConfirmation().Build()
	if err != nil {
		t.Fatal(err)
	}
	st, ok := doc.States.Get("SendEmail")
	if !ok {
		t.Fatal("no SendEmail state")
	}
	interval, attempts, backoff := 5, 3, 2.0
	want := []asl.Retrier{{
		ErrorEquals:     []string{"States.TaskFailed"},
		IntervalSeconds: &interval,
		MaxAttempts:     &attempts,
		BackoffRate:     &backoff,
	}}
	if diff := cmp.Diff(want, st.(*asl.Task).Retry); diff != "" {
		t.Errorf("SendEmail Retry (-want +got):\n%s", diff)
	}
}
