package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// typedFlow is a typed workflow whose Parameters read $.<field> of Order.
const typedFlow = `package orders

import "github.com/aslgen/aslgen/dsl"

// Order is the execution input.
type Order struct {
	ID     string  ` + "`json:\"id\"`" + `
	Amount float64 ` + "`json:\"amount\"`" + `
}

// Payments charges an order.
func Payments() *dsl.Machine {
	m := dsl.NewMachine("Payments").InputType(dsl.TypeOf[Order]())
	m.Task("Charge").
		Resource("arn:aws:states:::lambda:invoke").
		Parameters(dsl.Obj{"FunctionName": "charge", "Payload": dsl.Obj{"amount": dsl.Path("$.FIELD")}})
	return m
}
`

// TestTypedPathTypo checks that a path typo against a declared Go type stops
// generation with the builder call's file:line, the state, the bad path and a
// suggestion, and that fixing it lets generation succeed.
func TestTypedPathTypo(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{"orders/flow.go": strings.Replace(typedFlow, "FIELD", "amout", 1)})
	r := aslgen(t, mod, "./...")
	r.want(t, 2)
	want := filepath.Join("orders", "flow.go") + `:16: state "Charge": Parameters`
	if !strings.HasPrefix(r.stderr, want) || !strings.Contains(r.stderr, `$.amout: no field "amout" in orders.Order (did you mean "amount"?)`) {
		t.Errorf("stderr:\n%s\nwant it to start with %q and name the bad path with a suggestion", r.stderr, want)
	}
	if got := listDir(t, filepath.Join(mod, "orders")); got != "flow.go" {
		t.Errorf("files written despite the error: %s", got)
	}
	writeFiles(t, mod, map[string]string{"orders/flow.go": strings.Replace(typedFlow, "FIELD", "amount", 1)})
	aslgen(t, mod, "./...").want(t, 0)
	if got := listDir(t, filepath.Join(mod, "orders")); !strings.Contains(got, "payments.asl.json") {
		t.Errorf("no ASL written after the fix: %s", got)
	}
}
