package handlers_test

import (
	"context"
	"testing"

	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/examples/orderprocessing"
	"github.com/aslgen/aslgen/examples/orderprocessing/handlers"
)

// TestHandlersInWorkflow runs the committed workflow with the real handlers
// as its tasks, through the generated typed mocks.
func TestHandlersInWorkflow(t *testing.T) {
	s, err := orderprocessing.NewOrderProcessingSimulator(
		sim.Strict(),
		orderprocessing.MockValidateOrder(handlers.ValidateOrder),
		orderprocessing.MockProcessPayment(handlers.ProcessPayment),
		orderprocessing.MockShipOrder(handlers.ShipOrder),
	)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), orderprocessing.Order{OrderID: "o-1", Amount: 20})
	if err != nil {
		t.Fatal(err)
	}
	var out orderprocessing.OrderProcessingOutput
	if err := ex.DecodeOutput(&out); err != nil {
		t.Fatalf("%v (%s %s)", err, ex.Error, ex.Cause)
	}
	if !out.Paid || !out.Shipped {
		t.Errorf("output %+v", out)
	}

	// A handler's plain error fails the task; the workflow's catcher turns it
	// into Order.ProcessingError.
	ex, err = s.Run(context.Background(), orderprocessing.Order{OrderID: "o-2"})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Failed || ex.Error != "Order.ProcessingError" {
		t.Errorf("invalid order: %s %s", ex.Status, ex.Error)
	}
}
