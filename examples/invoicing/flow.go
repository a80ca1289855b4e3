package invoicing

import (
	"strconv"
	"time"

	"github.com/aslgen/aslgen/dsl"
)

//go:generate go tool aslgen

// ErrRejected is the error an invoice fails with when a manager rejects it.
const ErrRejected dsl.ErrorName = "Invoice.Rejected"

// ErrNotIssued is the error an invoice fails with when it cannot be issued.
const ErrNotIssued dsl.ErrorName = "Invoice.NotIssued"

// ApprovalLimit is the subtotal above which an invoice needs approval.
const ApprovalLimit = 1000

// Invoicing bills an order. Every state is JSONata; the customer, the
// order and the subtotal live in variables ($customer, $order, $subtotal,
// $approved) that later states read directly.
func Invoicing() *dsl.Machine {
	m := dsl.NewMachine("Invoicing").
		Comment("Prices an order's lines, asks for approval above the limit, and issues the invoice.").
		QueryLanguage(dsl.JSONata).
		Timeout(24 * time.Hour).
		InputType(dsl.TypeOf[Order]()).
		OutputType(dsl.TypeOf[Invoice]())

	load := m.LambdaInvoke("LoadCustomer", "load-customer").
		Arguments(dsl.Obj{
			"FunctionName": "load-customer",
			"Payload":      dsl.Obj{"customerId": "{% $states.input.customerId %}"},
		}).
		InputType(dsl.TypeOf[CustomerRef]()).
		ResultType(dsl.TypeOf[Customer]()).
		Assign(dsl.Obj{
			"customer": "{% $states.result.Payload %}",
			"order":    "{% $states.input %}",
		}).
		Retry(dsl.Retry(dsl.ErrLambdaServiceException, dsl.ErrLambdaTooManyRequestsException).
			Interval(2 * time.Second).MaxAttempts(3).Backoff(2))

	price := m.Map("PriceLines").
		Items("{% $order.lines %}").
		ItemSelector(dsl.Obj{
			"sku":      "{% $states.context.Map.Item.Value.sku %}",
			"qty":      "{% $states.context.Map.Item.Value.qty %}",
			"discount": "{% $customer.tier = 'gold' ? 0.1 : 0 %}",
		}).
		MaxConcurrency(dsl.Int(5)).
		Assign(dsl.Obj{
			"lines":    "{% $states.result %}",
			"subtotal": "{% $round($sum($states.result.amount), 2) %}",
		})
	pricer := price.ItemProcessor()
	pricer.Chain(pricer.LambdaInvoke("PriceLine", "price-line").
		InputType(dsl.TypeOf[PriceRequest]()).
		ResultType(dsl.TypeOf[PricedLine]()).
		Output("{% $states.result.Payload %}"))

	check := m.Choice("CheckLimit")
	approve := m.Task("RequestApproval").
		Resource("arn:aws:states:::lambda:invoke.waitForTaskToken").
		Arguments(dsl.Obj{
			"FunctionName": "request-approval",
			"Payload": dsl.Obj{
				"orderId":  "{% $order.orderId %}",
				"subtotal": "{% $subtotal %}",
				"token":    "{% $states.context.Task.Token %}",
			},
		}).
		InputType(dsl.TypeOf[ApprovalRequest]()).
		ResultType(dsl.TypeOf[Approval]()).
		Heartbeat(dsl.Duration(time.Hour)).
		Assign(dsl.Obj{"approved": "{% $states.result.approved %}"})
	decide := m.Choice("Approved")
	rejected := m.Fail("Rejected").
		Error(ErrRejected).
		Cause(dsl.Expr("{% 'Invoice for order ' & $order.orderId & ' rejected' %}"))
	notIssued := m.Fail("NotIssued").
		Error(ErrNotIssued).
		Cause(dsl.Expr("{% $states.input.Cause %}"))

	issue := m.LambdaInvoke("IssueInvoice", "issue-invoice").
		Arguments(dsl.Obj{
			"FunctionName": "issue-invoice",
			"Payload": dsl.Obj{
				"orderId":    "{% $order.orderId %}",
				"customerId": "{% $customer.id %}",
				"lines":      "{% $lines %}",
				"total":      "{% $round($subtotal * (1 + $customer.taxRate), 2) %}",
			},
		}).
		InputType(dsl.TypeOf[InvoiceRequest]()).
		ResultType(dsl.TypeOf[Issued]()).
		Output(dsl.Obj{
			"invoiceId": "{% $states.result.Payload.invoiceId %}",
			"orderId":   "{% $order.orderId %}",
			"total":     "{% $round($subtotal * (1 + $customer.taxRate), 2) %}",
			"approved":  "{% $exists($approved) ? $approved : false %}",
		}).
		Retry(dsl.Retry(dsl.ErrTaskFailed).Interval(5 * time.Second).MaxAttempts(2)).
		Catch(dsl.Catch(notIssued, dsl.ErrAll))

	m.Chain(load, price, check)
	check.When(dsl.Condition("{% $subtotal > "+strconv.Itoa(ApprovalLimit)+" %}").Comment("large invoices need a manager"), approve).
		Otherwise(issue)
	m.Chain(approve, decide)
	decide.When(dsl.Condition("{% $approved %}"), issue).
		Otherwise(rejected)
	return m
}
