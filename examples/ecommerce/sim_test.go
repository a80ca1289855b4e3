package ecommerce

import (
	"context"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/sim"
)

func run(t *testing.T, opts ...sim.Option) *sim.Execution {
	t.Helper()
	doc, err := ECommerce().Build()
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(doc, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), map[string]any{"orderId": "o-7", "amount": 30})
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

type order struct {
	OrderID string `json:"orderId"`
	Amount  int    `json:"amount"`
}

func passThrough(_ context.Context, o order) (order, error) { return o, nil }

func TestECommerceHappyPath(t *testing.T) {
	var message string
	ex := run(t,
		sim.OnState("VerifyPayment", sim.Func(passThrough)),
		sim.OnState("UpdateInventory", sim.Func(passThrough)),
		sim.OnResource("arn:aws:states:::sns:publish", sim.Respond(func(_ context.Context, c *sim.Call) (any, error) {
			var in struct{ Message string }
			if err := c.Decode(&in); err != nil {
				return nil, err
			}
			message = in.Message
			return map[string]string{"MessageId": "m-1"}, nil
		})),
	)
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s %s", ex.Status, ex.Error, ex.Cause)
	}
	if message != "Order o-7 is on its way." {
		t.Errorf("SNS message %q, want the States.Format result", message)
	}
}

func TestECommercePaymentFailure(t *testing.T) {
	ex := run(t,
		sim.OnState("VerifyPayment", sim.Throw(string(ErrPaymentVerificationFailed), "card declined")),
	)
	if ex.Status != sim.Failed || ex.Error != string(ErrPaymentVerificationFailed) || ex.Cause != "The payment could not be verified." {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
}

func TestECommerceInventoryFailure(t *testing.T) {
	ex := run(t,
		sim.OnState("VerifyPayment", sim.Func(passThrough)),
		sim.OnState("UpdateInventory", sim.Throw(string(ErrInventoryUpdateFailed), "out of stock")),
	)
	if ex.Status != sim.Failed || ex.Error != string(ErrInventoryUpdateFailed) {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	want := []string{"VerifyPayment", "UpdateInventory", "InventoryFailed"}
	if got := ex.StatesEntered(); len(got) != 3 || got[2] != want[2] {
		t.Errorf("states entered %v, want %v", got, want)
	}
}

// TestECommerceRetriesThenCatches checks the retry path ending in the
// catcher: throttled until the retrier gives up, then a business error.
func TestECommerceRetriesThenCatches(t *testing.T) {
	throttled := sim.Throw("Lambda.TooManyRequestsException", "Rate exceeded")
	ex := run(t,
		sim.OnState("VerifyPayment", sim.Func(passThrough)),
		sim.OnState("UpdateInventory", sim.Sequence(throttled, sim.Throw(string(ErrInventoryUpdateFailed), "warehouse offline"))),
	)
	if ex.Status != sim.Failed || ex.Error != string(ErrInventoryUpdateFailed) || ex.Cause != "The inventory could not be updated." {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	if d := ex.StopTime.Sub(ex.StartTime); d != time.Second {
		t.Errorf("took %v, want the 1s retry interval", d)
	}
}

// TestECommerceUncaughtError checks that an error the catchers do not name
// fails the execution with the task's own error.
func TestECommerceUncaughtError(t *testing.T) {
	ex := run(t, sim.OnState("VerifyPayment", sim.Throw("Lambda.InvalidRequestContentException", "bad payload")))
	if ex.Status != sim.Failed || ex.Error != "Lambda.InvalidRequestContentException" || ex.Cause != "bad payload" {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
}
