package orderprocessing

import (
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/golden"
)

func TestOrderProcessingASL(t *testing.T) {
	golden.ASL(t, OrderProcessing(), "orderprocessing.asl.json")
}

func TestOrderProcessingShape(t *testing.T) {
	doc, err := OrderProcessing().Build()
	if err != nil {
		t.Fatal(err)
	}
	if doc.StartAt != "ValidateOrder" {
		t.Errorf("StartAt = %q, want ValidateOrder", doc.StartAt)
	}
	next := map[string]string{"ValidateOrder": "ProcessPayment", "ProcessPayment": "ShipOrder"}
	for _, name := range []string{"ValidateOrder", "ProcessPayment", "ShipOrder"} {
		st, ok := doc.States.Get(name)
		if !ok {
			t.Fatalf("no state %s", name)
		}
		task := st.(*asl.Task)
		if task.Next != next[name] || task.End != (next[name] == "") {
			t.Errorf("%s: Next %q End %v, want Next %q", name, task.Next, task.End, next[name])
		}
		if len(task.Catch) != 1 || task.Catch[0].Next != "OrderFailed" ||
			len(task.Catch[0].ErrorEquals) != 1 || task.Catch[0].ErrorEquals[0] != "States.ALL" {
			t.Errorf("%s: Catch = %+v, want States.ALL → OrderFailed", name, task.Catch)
		}
	}
	st, _ := doc.States.Get("OrderFailed")
	if fail, ok := st.(*asl.Fail); !ok || fail.Error != "Order.ProcessingError" {
		t.Errorf("OrderFailed = %#v, want a Fail state with Error Order.ProcessingError", st)
	}
}
