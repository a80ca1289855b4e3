package orderprocessing

import (
	"context"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/sim"
)

// simulator runs the committed ASL with the given mocks; Strict checks that
// the payloads fit the generated types exactly.
func simulator(t *testing.T, opts ...sim.Option) *sim.Simulator {
	t.Helper()
	s, err := NewOrderProcessingSimulator(append([]sim.Option{sim.Strict()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(_ context.Context, o Order) (Order, error) { return o, nil }

func pay(_ context.Context, o Order) (Order, error) {
	o.Paid = true
	return o, nil
}

func ship(_ context.Context, o Order) (Order, error) {
	o.Shipped = true
	return o, nil
}

func TestOrderProcessingHappyPath(t *testing.T) {
	s := simulator(t,
		MockOrderProcessingValidateOrder(validate),
		MockOrderProcessingProcessPayment(pay),
		MockOrderProcessingShipOrder(ship),
	)
	ex, err := s.Run(context.Background(), Order{OrderID: "o-1", Amount: 42})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s: %s", ex.Status, ex.Error, ex.Cause)
	}
	var out Order
	if err := ex.DecodeOutput(&out); err != nil {
		t.Fatal(err)
	}
	if out != (Order{OrderID: "o-1", Amount: 42, Paid: true, Shipped: true}) {
		t.Errorf("output %+v", out)
	}
	want := []string{"ValidateOrder", "ProcessPayment", "ShipOrder"}
	if got := ex.StatesEntered(); !equal(got, want) {
		t.Errorf("states entered %v, want %v", got, want)
	}
}

func TestOrderProcessingCatchesPaymentFailure(t *testing.T) {
	s := simulator(t,
		MockOrderProcessingValidateOrder(validate),
		sim.OnState("ProcessPayment", sim.Throw("PaymentDeclined", "card expired")),
		MockOrderProcessingShipOrder(ship),
	)
	ex, err := s.Run(context.Background(), Order{OrderID: "o-2"})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Failed || ex.Error != "Order.ProcessingError" || ex.Cause != "The order could not be processed." {
		t.Fatalf("got %s %s %q, want FAILED Order.ProcessingError", ex.Status, ex.Error, ex.Cause)
	}
	want := []string{"ValidateOrder", "ProcessPayment", "OrderFailed"}
	if got := ex.StatesEntered(); !equal(got, want) {
		t.Errorf("states entered %v, want %v", got, want)
	}
	// The catcher put the error under $.error of OrderFailed's input.
	runs := ex.StateRuns("OrderFailed")
	if len(runs) != 1 {
		t.Fatalf("OrderFailed ran %d times", len(runs))
	}
	var in struct {
		Error struct{ Error, Cause string } `json:"error"`
	}
	if err := sim.Decode(runs[0].Input, &in); err != nil {
		t.Fatal(err)
	}
	if in.Error.Error != "PaymentDeclined" || in.Error.Cause != "card expired" {
		t.Errorf("OrderFailed input error = %+v", in.Error)
	}
}

// TestOrderProcessingRetriesThrottling checks the retry path: the payment
// function is throttled twice, retried after 2 s and 4 s, then succeeds.
func TestOrderProcessingRetriesThrottling(t *testing.T) {
	throttled := sim.Throw("Lambda.TooManyRequestsException", "Rate exceeded")
	s := simulator(t,
		MockOrderProcessingValidateOrder(validate),
		sim.OnState("ProcessPayment", sim.Sequence(throttled, throttled, sim.Func(pay))),
		MockOrderProcessingShipOrder(ship),
	)
	ex, err := s.Run(context.Background(), Order{OrderID: "o-4"})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s %s", ex.Status, ex.Error, ex.Cause)
	}
	if d := ex.StopTime.Sub(ex.StartTime); d != 6*time.Second {
		t.Errorf("took %v of virtual time, want 2s + 4s of retries", d)
	}
	failed := 0
	for _, ev := range ex.Events() {
		if ev.Type == "TaskFailed" {
			failed++
		}
	}
	if failed != 2 {
		t.Errorf("%d TaskFailed events, want 2", failed)
	}
}

func TestOrderProcessingUnmockedTask(t *testing.T) {
	s := simulator(t, MockOrderProcessingValidateOrder(validate))
	ex, err := s.Run(context.Background(), Order{OrderID: "o-3"})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Failed || ex.Error != sim.ErrorUnmocked {
		t.Fatalf("got %s %s, want FAILED %s (the catch-all must not hide a missing mock)", ex.Status, ex.Error, sim.ErrorUnmocked)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
