package ecommerce

import (
	"time"

	"github.com/aslgen/aslgen/dsl"
)

//go:generate go tool aslgen

// Errors the tasks throw.
const (
	ErrPaymentVerificationFailed dsl.ErrorName = "PaymentVerificationFailed"
	ErrInventoryUpdateFailed     dsl.ErrorName = "InventoryUpdateFailed"
)

// ECommerce verifies the payment, updates the inventory and notifies the
// customer. A payment that cannot be verified and an inventory that cannot be
// updated each end in their own Fail state; Lambda throttling is retried.
func ECommerce() *dsl.Machine {
	m := dsl.NewMachine("ECommerce").
		Comment("Verifies the payment, updates the inventory and notifies the customer.")

	paymentFailed := m.Fail("PaymentFailed").
		Error(ErrPaymentVerificationFailed).
		Cause(dsl.Text("The payment could not be verified."))
	inventoryFailed := m.Fail("InventoryFailed").
		Error(ErrInventoryUpdateFailed).
		Cause(dsl.Text("The inventory could not be updated."))

	throttled := dsl.Retry(dsl.ErrLambdaTooManyRequestsException, dsl.ErrLambdaServiceException).
		Interval(time.Second).MaxAttempts(2).Backoff(2)
	verify := m.LambdaInvoke("VerifyPayment", "verify-payment").
		OutputPath("$.Payload").
		Retry(throttled).
		Catch(dsl.Catch(paymentFailed, ErrPaymentVerificationFailed).ResultPath("$.error"))
	update := m.LambdaInvoke("UpdateInventory", "update-inventory").
		OutputPath("$.Payload").
		Retry(throttled).
		Catch(dsl.Catch(inventoryFailed, ErrInventoryUpdateFailed).ResultPath("$.error"))
	notify := m.Task("NotifyCustomer").
		Resource("arn:aws:states:::sns:publish").
		Parameters(dsl.Obj{
			"TopicArn": "${CustomerNotificationsTopicArn}",
			"Message":  dsl.Format("Order {} is on its way.", dsl.Path("$.orderId")),
		})

	m.Chain(verify, update, notify)
	return m
}
