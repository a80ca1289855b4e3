package ecommerce

import (
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/golden"
)

func TestECommerceASL(t *testing.T) {
	golden.ASL(t, ECommerce(), "ecommerce.asl.json")
}

func TestECommerceCatches(t *testing.T) {
	doc, err := ECommerce().Build()
	if err != nil {
		t.Fatal(err)
	}
	for state, want := range map[string]struct{ err, fail string }{
		"VerifyPayment":   {"PaymentVerificationFailed", "PaymentFailed"},
		"UpdateInventory": {"InventoryUpdateFailed", "InventoryFailed"},
	} {
		st, _ := doc.States.Get(state)
		task, ok := st.(*asl.Task)
		if !ok || len(task.Catch) != 1 {
			t.Fatalf("%s: want a Task with one catcher, got %#v", state, st)
		}
		c := task.Catch[0]
		if len(c.ErrorEquals) != 1 || c.ErrorEquals[0] != want.err || c.Next != want.fail {
			t.Errorf("%s: catches %v → %s, want [%s] → %s", state, c.ErrorEquals, c.Next, want.err, want.fail)
		}
		fs, _ := doc.States.Get(want.fail)
		if f, ok := fs.(*asl.Fail); !ok || f.Error != want.err {
			t.Errorf("%s: want a Fail state with Error %s, got %#v", want.fail, want.err, fs)
		}
	}
}
