package orderprocessing

import (
	"testing"

	"github.com/aslgen/aslgen/dsl/sim"
)

// TestProcessPaymentState tests the ProcessPayment state alone, as AWS's
// TestState API would: a typed input, a typed mocked Lambda result, and
// assertions on the typed output and the inspection data.
func TestProcessPaymentState(t *testing.T) {
	doc, err := OrderProcessing().Build()
	if err != nil {
		t.Fatal(err)
	}
	in := OrderProcessingProcessPaymentInput{OrderID: "o-1", Amount: 42}
	paid := OrderProcessingProcessPaymentOutput{OrderID: "o-1", Amount: 42, Paid: true}
	out, res, err := sim.TestStateOf[OrderProcessingProcessPaymentOutput](doc, in,
		sim.StateName("ProcessPayment"),
		sim.MockResult(map[string]any{"Payload": paid, "StatusCode": 200, "ExecutedVersion": "$LATEST"}),
		sim.Inspection(sim.Debug))
	if err != nil {
		t.Fatal(err)
	}
	if out != paid || res.Status != sim.TestSucceeded || res.NextState != "ShipOrder" {
		t.Errorf("got %+v, %s, next %q", out, res.Status, res.NextState)
	}
	var params struct {
		FunctionName string
		Payload      Order
	}
	if err := res.InspectionData.Decode("afterParameters", &params); err != nil || params.FunctionName != "process-payment" || params.Payload != in {
		t.Errorf("afterParameters %+v, %v", params, err)
	}

	// A Lambda service error is retried: RETRIABLE, 2 s then 4 s.
	res, err = sim.TestState(doc, in, sim.StateName("ProcessPayment"),
		sim.MockError("Lambda.ServiceException", "boom"), sim.RetrierRetryCount(1), sim.Inspection(sim.Debug))
	if err != nil {
		t.Fatal(err)
	}
	if d := res.InspectionData.ErrorDetails; res.Status != sim.TestRetriable || d == nil || *d.RetryBackoffIntervalSeconds != 4 {
		t.Errorf("got %+v", res)
	}
	// Once the retries are spent, the catcher sends the order to OrderFailed.
	res, err = sim.TestState(doc, in, sim.StateName("ProcessPayment"),
		sim.MockError("Lambda.ServiceException", "boom"), sim.RetrierRetryCount(3))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != sim.TestCaughtError || res.NextState != "OrderFailed" {
		t.Errorf("got %+v", res)
	}
}
