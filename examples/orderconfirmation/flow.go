package orderconfirmation

import (
	"time"

	"github.com/aslgen/aslgen/dsl"
)

//go:generate go tool aslgen

// ErrConfirmationFailed is the error an order fails with when its
// confirmation cannot be sent.
const ErrConfirmationFailed dsl.ErrorName = "Order.ConfirmationFailed"

// OrderConfirmation processes an order, then sends the confirmation email,
// retrying States.TaskFailed every 5 seconds, 3 attempts, backoff 2.0, and
// failing with Order.ConfirmationFailed when the retries run out.
// Both tasks name their functions with ${...} substitutions.
func OrderConfirmation() *dsl.Machine {
	m := dsl.NewMachine("OrderConfirmation").
		Comment("Processes an order and emails the confirmation.")

	failed := m.Fail("ConfirmationFailed").
		Error(ErrConfirmationFailed).
		Cause(dsl.Text("The confirmation email could not be sent."))
	process := m.Task("ProcessOrder").Resource("${ProcessOrderFunctionArn}")
	email := m.Task("SendEmail").
		Resource("${SendEmailFunctionArn}").
		Retry(dsl.Retry(dsl.ErrTaskFailed).
			Interval(5 * time.Second).
			MaxAttempts(3).
			Backoff(2.0)).
		Catch(dsl.Catch(failed, dsl.ErrAll).ResultPath("$.error"))

	m.Chain(process, email)
	return m
}
