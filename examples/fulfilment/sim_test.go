package fulfilment

import (
	"context"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/sim"
)

var testOrder = Order{
	OrderID:  "o-9",
	Customer: Customer{ID: "c-1", Email: "c@example.com"},
	Items:    []LineItem{{SKU: "A", Quantity: 1, Price: 10}, {SKU: "B", Quantity: 2, Price: 5}, {SKU: "C", Quantity: 1, Price: 1}},
}

func simulator(t *testing.T, reserve sim.Handler, extra ...sim.Option) *sim.Simulator {
	t.Helper()
	// The generated simulator runs the committed ASL; the generated mocks
	// take the types aslgen inferred, and Strict checks that the payloads
	// fit them exactly.
	s, err := NewOrderFulfilmentSimulator([]sim.Option{
		sim.Strict(),
		sim.StartTime(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)),
		sim.OnState("ReserveInventory", reserve),
		MockOrderFulfilmentPackItem(func(_ context.Context, r OrderFulfilmentPackItemInput) (OrderFulfilmentPackItemOutput, error) {
			return Parcel{ParcelID: r.OrderID + "-" + r.Item.SKU, WeightKg: float64(r.Item.Quantity)}, nil
		}),
		MockOrderFulfilmentChargeCustomer(func(_ context.Context, o OrderFulfilmentChargeCustomerInput) (OrderFulfilmentChargeCustomerOutput, error) {
			return Charge{ChargeID: "ch-" + o.OrderID}, nil
		}),
		sim.OnState("ScheduleShipment", sim.Return(Shipment{TrackingNumber: "T-1"})),
	}...)
	if err != nil {
		t.Fatal(err)
	}
	// A test's own options may replace the mocks above: New refuses two
	// mocks for one state, With replaces the one it inherits.
	if s, err = s.With(extra...); err != nil {
		t.Fatal(err)
	}
	return s
}

func reservation(r Reservation) sim.Handler {
	return sim.Func(func(context.Context, OrderFulfilmentReserveInventoryInput) (OrderFulfilmentReserveInventoryOutput, error) {
		return r, nil
	})
}

func TestFulfilmentHappyPath(t *testing.T) {
	ex, err := simulator(t, reservation(Reservation{Available: true})).Run(context.Background(), testOrder)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s %s", ex.Status, ex.Error, ex.Cause)
	}
	var res Result
	if err := ex.DecodeOutput(&res); err != nil {
		t.Fatal(err)
	}
	if res != (Result{OrderID: "o-9", Status: "FULFILLED"}) {
		t.Errorf("output %+v", res)
	}
	if n := len(ex.StateRuns("PackItem")); n != 3 {
		t.Errorf("PackItem ran %d times, want once per line item", n)
	}
	// The Map passes each item with its index, in order.
	var req PackRequest
	if err := sim.Decode(ex.StateRuns("PackItem")[1].Input, &req); err != nil {
		t.Fatal(err)
	}
	if req.Index != 1 || req.Item.SKU != "B" || req.OrderID != "o-9" {
		t.Errorf("second PackItem input %+v", req)
	}
}

// TestFulfilmentWaitsForRestock checks the Choice, the Wait on the virtual
// clock and the loop back to ReserveInventory.
func TestFulfilmentWaitsForRestock(t *testing.T) {
	reserve := sim.Sequence(reservation(Reservation{RestockDays: 2}), reservation(Reservation{Available: true}))
	ex, err := simulator(t, reserve).Run(context.Background(), testOrder)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s %s", ex.Status, ex.Error, ex.Cause)
	}
	if got := ex.StopTime.Sub(ex.StartTime); got != 24*time.Hour {
		t.Errorf("took %v of virtual time, want the 24h wait", got)
	}
	if n := len(ex.StateRuns("ReserveInventory")); n != 2 {
		t.Errorf("ReserveInventory ran %d times, want 2", n)
	}
}

func TestFulfilmentOutOfStock(t *testing.T) {
	ex, err := simulator(t, reservation(Reservation{RestockDays: 30})).Run(context.Background(), testOrder)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Failed || ex.Error != string(ErrOutOfStock) {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
}

// TestFulfilmentRetriesReservation checks the retrier on Lambda errors and
// its backoff on the virtual clock (2 s, then 4 s, with full jitter at most).
func TestFulfilmentRetriesReservation(t *testing.T) {
	throttled := sim.Throw("Lambda.TooManyRequestsException", "slow down")
	reserve := sim.Sequence(throttled, throttled, reservation(Reservation{Available: true}))
	ex, err := simulator(t, reserve).Run(context.Background(), testOrder)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Succeeded {
		t.Fatalf("status %s: %s %s", ex.Status, ex.Error, ex.Cause)
	}
	if got := ex.StopTime.Sub(ex.StartTime); got > 6*time.Second {
		t.Errorf("retries took %v, want at most 6s", got)
	}
}

// TestFulfilmentCatchesSettlementFailure checks the catch path: a branch of
// the Parallel fails, the other is cancelled, and the catcher ends the order.
func TestFulfilmentCatchesSettlementFailure(t *testing.T) {
	s := simulator(t, reservation(Reservation{Available: true}),
		sim.OnState("ChargeCustomer", sim.Throw("Card.Declined", "insufficient funds")))
	ex, err := s.Run(context.Background(), testOrder)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Failed || ex.Error != string(ErrSettlement) {
		t.Fatalf("got %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	var in struct {
		Error struct{ Error, Cause string } `json:"error"`
	}
	if err := sim.Decode(ex.StateRuns("SettlementFailed")[0].Input, &in); err != nil || in.Error.Error != "Card.Declined" {
		t.Errorf("SettlementFailed input error %+v (%v)", in.Error, err)
	}
}
