package gen

import (
	"strings"
	"testing"

	"github.com/aslgen/aslgen/gen/runner"
)

func TestIdent(t *testing.T) {
	for in, want := range map[string]string{
		"ProcessPayment": "ProcessPayment", "process-payment": "ProcessPayment", "orderId": "OrderID",
		"Send SNS Message": "SendSNSMessage", "9lives": "X9lives", "item_url": "ItemURL", "OrderFulfilment": "OrderFulfilment",
	} {
		if got := ident(in); got != want {
			t.Errorf("ident(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRenderGo checks the Go aslgen writes for a typed machine: aliases for
// the user's types, structs for inferred shapes (optional members omitempty,
// nullable ones pointers, merged alternatives), typed mocks, the embedded
// ASL and its simulator; and that an untyped machine gets only the latter.
func TestRenderGo(t *testing.T) {
	str := &runner.Shape{Kind: "string"}
	order := &runner.Shape{Kind: "object", Go: &runner.GoType{Pkg: "example.com/m/orders", Name: "Order"}}
	typed := runner.Machine{Name: "Checkout", Types: &runner.Types{
		Input:  order,
		Output: &runner.Shape{Kind: "unknown"},
		Tasks: []runner.TaskTypes{{
			State: "charge-card",
			Input: &runner.Shape{Kind: "object", Fields: []runner.ShapeField{
				{Name: "orderId", Shape: str},
				{Name: "at", Shape: &runner.Shape{Kind: "timestamp"}},
				{Name: "note", Optional: true, Shape: &runner.Shape{Kind: "union", Elems: []*runner.Shape{str, {Kind: "null"}}}},
				{Name: "lines", Shape: &runner.Shape{Kind: "array", Elem: &runner.Shape{Kind: "union", Elems: []*runner.Shape{
					{Kind: "object", Fields: []runner.ShapeField{{Name: "sku", Shape: str}}},
					{Kind: "object", Fields: []runner.ShapeField{{Name: "sku", Shape: str}, {Name: "qty", Shape: &runner.Shape{Kind: "integer"}}}},
				}}}},
				{Name: "meta", Shape: &runner.Shape{Kind: "object", Open: true}},
			}},
			Result: &runner.Shape{Kind: "object", Go: &runner.GoType{Pkg: "example.com/m/pay", Name: "Receipt"}},
		}},
	}}
	src, err := renderGo("example.com/m/orders", "orders", []typedMachine{{m: typed, file: "checkout.asl.json"}, {m: runner.Machine{Name: "Plain"}, file: "plain.asl.json"}})
	if err != nil {
		t.Fatal(err)
	}
	got := string(src)
	flat := strings.Join(strings.Fields(got), " ") // alignment aside
	for _, want := range []string{
		GeneratedHeader,
		"//go:embed checkout.asl.json\nvar checkoutASL []byte",
		"func CheckoutASL() []byte",
		"func NewCheckoutSimulator(opts ...sim.Option) (*sim.Simulator, error)",
		"func NewPlainSimulator(",
		"type CheckoutInput = Order",
		"type CheckoutOutput any",
		"type ChargeCardInput struct {",
		"OrderID string `json:\"orderId\"`",
		"At      time.Time `json:\"at\"`",
		"Note    *string `json:\"note,omitempty\"`",
		"Sku string `json:\"sku\"`",
		"Qty int64  `json:\"qty,omitempty\"`",
		"Meta    map[string]any `json:\"meta\"`",
		"type ChargeCardOutput = pay.Receipt",
		"func MockChargeCard(f func(context.Context, ChargeCardInput) (ChargeCardOutput, error)) sim.Option",
		`return sim.OnState("charge-card", sim.Func(f))`,
	} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("generated Go lacks %q", want)
		}
	}
	if strings.Contains(got, "PlainInput") {
		t.Error("an untyped machine got types")
	}
	again, _ := renderGo("example.com/m/orders", "orders", []typedMachine{{m: runner.Machine{Name: "Plain"}, file: "plain.asl.json"}, {m: typed, file: "checkout.asl.json"}})
	if string(again) != got {
		t.Error("the output depends on the order of the machines")
	}
	if t.Failed() {
		t.Logf("generated:\n%s", got)
	}
}
