package invoicing

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/sim"
)

var order = Order{OrderID: "o-1", CustomerID: "c-7", Lines: []Line{{SKU: "pen", Qty: 10}, {SKU: "desk", Qty: 1}}}

// prices are the unit prices of the price-line mock.
var prices = map[string]float64{"pen": 2.5, "desk": 300, "piano": 4000}

func loadCustomer(tier string) sim.Option {
	return MockInvoicingLoadCustomer(func(_ context.Context, in InvoicingLoadCustomerInput) (InvoicingLoadCustomerOutput, error) {
		return Customer{ID: in.CustomerID, Tier: tier, TaxRate: 0.2}, nil
	})
}

var priceLine = MockInvoicingPriceLine(func(_ context.Context, in InvoicingPriceLineInput) (InvoicingPriceLineOutput, error) {
	return PricedLine{SKU: in.SKU, Amount: float64(in.Qty) * prices[in.SKU] * (1 - in.Discount)}, nil
})

// issued records the invoice requests it receives.
func issued(got *[]InvoiceRequest) sim.Option {
	return MockInvoicingIssueInvoice(func(_ context.Context, in InvoicingIssueInvoiceInput) (InvoicingIssueInvoiceOutput, error) {
		*got = append(*got, in)
		return Issued{InvoiceID: "inv-" + in.OrderID}, nil
	})
}

func run(t *testing.T, in Order, opts ...sim.Option) *sim.Execution {
	t.Helper()
	// Strict: a typed mock whose input has a field its Go type lacks fails.
	s, err := NewInvoicingSimulator(append([]sim.Option{sim.Strict(), sim.StartTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func output(t *testing.T, ex *sim.Execution) Invoice {
	t.Helper()
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s: %s", ex.Status, ex.Error, ex.Cause)
	}
	var inv Invoice
	if err := ex.DecodeOutput(&inv); err != nil {
		t.Fatal(err)
	}
	return inv
}

// TestSmallOrder follows the variables through a run below the approval
// limit: $customer sets the discount, $lines and $subtotal the invoice.
func TestSmallOrder(t *testing.T) {
	var requests []InvoiceRequest
	ex := run(t, order, loadCustomer("gold"), priceLine, issued(&requests))
	got := output(t, ex)
	// (10 × 2.5 + 300) × 0.9 = 292.5; with 20% tax, 351.
	want := Invoice{InvoiceID: "inv-o-1", OrderID: "o-1", Total: 351, Approved: false}
	if got != want {
		t.Errorf("output %+v, want %+v", got, want)
	}
	if len(requests) != 1 || requests[0].CustomerID != "c-7" || len(requests[0].Lines) != 2 || requests[0].Total != 351 {
		t.Errorf("invoice request %+v", requests)
	}
	if entered := strings.Join(ex.StatesEntered(), " "); entered != "LoadCustomer PriceLines PriceLine PriceLine CheckLimit IssueInvoice" {
		t.Errorf("states entered: %s", entered)
	}
	// The history records what each state assigned.
	for _, ev := range ex.Events() {
		if ev.Type == "MapStateExited" {
			if ev.AssignedVariables["subtotal"] == nil || len(ev.AssignedVariables) != 2 {
				t.Errorf("PriceLines assigned %v, want lines and subtotal", ev.AssignedVariables)
			}
		}
	}
}

// TestApproval runs an order above the limit: the approval task waits for
// its token, and the manager's answer decides.
func TestApproval(t *testing.T) {
	big := Order{OrderID: "o-2", CustomerID: "c-7", Lines: []Line{{SKU: "piano", Qty: 1}}}
	// The approval function gets the Payload, with the task token; what
	// the mock returns is what the manager's callback sends.
	approver := func(approved bool) sim.Option {
		return MockInvoicingRequestApproval(func(_ context.Context, req InvoicingRequestApprovalInput) (InvoicingRequestApprovalOutput, error) {
			if req.Subtotal != 4000 || req.OrderID != "o-2" || req.Token == "" {
				return Approval{}, fmt.Errorf("approval request %+v", req)
			}
			return Approval{Approved: approved, By: "ann"}, nil
		})
	}
	var requests []InvoiceRequest
	got := output(t, run(t, big, loadCustomer("silver"), priceLine, approver(true), issued(&requests)))
	if want := (Invoice{InvoiceID: "inv-o-2", OrderID: "o-2", Total: 4800, Approved: true}); got != want {
		t.Errorf("output %+v, want %+v", got, want)
	}

	ex := run(t, big, loadCustomer("silver"), priceLine, approver(false), issued(&requests))
	if ex.Status != sim.Failed || ex.Error != string(ErrRejected) || ex.Cause != "Invoice for order o-2 rejected" {
		t.Errorf("rejected: %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
}

// TestIssueFails checks the catcher: after its retry, the invoice's error
// output goes to NotIssued, whose Cause reads it.
func TestIssueFails(t *testing.T) {
	broken := sim.OnState("IssueInvoice", sim.Throw("States.TaskFailed", "ledger offline"))
	ex := run(t, order, loadCustomer("gold"), priceLine, broken)
	if ex.Status != sim.Failed || ex.Error != string(ErrNotIssued) || ex.Cause != "ledger offline" {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	if d := ex.StopTime.Sub(ex.StartTime); d != 15*time.Second {
		t.Errorf("took %v of virtual time, want 15s: retries after 5s and 10s", d)
	}
}
