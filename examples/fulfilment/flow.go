package fulfilment

import (
	"time"

	"github.com/aslgen/aslgen/dsl"
)

//go:generate go tool aslgen -graph

// ErrOutOfStock is the error an order fails with when its items cannot be
// restocked soon.
const ErrOutOfStock dsl.ErrorName = "Order.OutOfStock"

// ErrSettlement is the error an order fails with when it cannot be charged
// or its shipment booked.
const ErrSettlement dsl.ErrorName = "Order.SettlementFailed"

// Fulfilment reserves an order's stock, waits for a restock of up to three
// days, packs every line item, then charges the customer and books the
// shipment in parallel.
func Fulfilment() *dsl.Machine {
	m := dsl.NewMachine("OrderFulfilment").
		Comment("Reserves, packs, charges and ships an order.").
		Timeout(7 * 24 * time.Hour).
		InputType(dsl.TypeOf[Order]()).
		OutputType(dsl.TypeOf[Result]())

	received := m.Pass("MarkReceived").
		Result(dsl.Obj{"status": "RECEIVED"}).
		ResultPath("$.fulfilment")

	reserve := m.LambdaInvoke("ReserveInventory", "reserve-inventory").
		ResultType(dsl.TypeOf[Reservation]()).
		ResultSelector(dsl.Obj{
			"available":   dsl.Path("$.Payload.available"),
			"restockDays": dsl.Path("$.Payload.restockDays"),
		}).
		ResultPath("$.reservation").
		Retry(dsl.Retry(dsl.ErrLambdaServiceException, dsl.ErrLambdaTooManyRequestsException).
			Interval(2 * time.Second).MaxAttempts(4).Backoff(2).Jitter(dsl.JitterFull))

	inStock := m.Choice("CheckStock")
	restock := m.Wait("WaitForRestock").For(dsl.Duration(24 * time.Hour))
	outOfStock := m.Fail("OutOfStock").
		Error(ErrOutOfStock).
		Cause(dsl.Text("The items will not be back in stock within three days."))

	pack := m.Map("PackItems").
		Items(dsl.Path("$.items")).
		ItemSelector(dsl.Obj{
			"orderId": dsl.Path("$.orderId"),
			"index":   dsl.MapItemIndex,
			"item":    dsl.MapItemValue,
		}).
		MaxConcurrency(dsl.Int(10)).
		ResultPath("$.parcels")
	packer := pack.ItemProcessor()
	packer.Chain(packer.Task("PackItem").
		Resource("${PackItemFunctionArn}").
		InputType(dsl.TypeOf[PackRequest]()).
		ResultType(dsl.TypeOf[Parcel]()).
		Retry(dsl.Retry(dsl.ErrTaskFailed).MaxAttempts(2)))

	notSettled := m.Fail("SettlementFailed").
		Error(ErrSettlement).
		Cause(dsl.Text("The customer could not be charged or the shipment booked."))
	settle := m.Parallel("ChargeAndShip").
		ResultPath("$.settlement").
		Catch(dsl.Catch(notSettled, dsl.ErrAll).ResultPath("$.error"))
	charge := settle.Branch()
	charge.Chain(charge.LambdaInvoke("ChargeCustomer", "charge-customer").
		ResultType(dsl.TypeOf[Charge]()).
		OutputPath("$.Payload"))
	ship := settle.Branch()
	ship.Chain(ship.Task("ScheduleShipment").
		Resource("${ScheduleShipmentFunctionArn}").
		Parameters(dsl.Obj{
			"orderId": dsl.Path("$.orderId"),
			"express": dsl.Path("$.express"),
			"parcels": dsl.Path("$.parcels"),
		}).
		ResultType(dsl.TypeOf[Shipment]()))

	done := m.Succeed("Fulfilled").OutputPath("$.result")
	summarize := m.Pass("Summarize").
		Parameters(dsl.Obj{
			"orderId": dsl.Path("$.orderId"),
			"status":  "FULFILLED",
		}).
		ResultPath("$.result")

	m.Chain(received, reserve, inStock)
	inStock.
		When(dsl.BooleanEquals("$.reservation.available", true), pack).
		When(dsl.NumericLessThanEquals("$.reservation.restockDays", 3), restock).
		Otherwise(outOfStock)
	m.Chain(restock, reserve)
	m.Chain(pack, settle, summarize, done)
	return m
}
