package orderconfirmation

import (
	"time"

	"github.com/aslgen/aslgen/dsl"
)

//go:generate go tool aslgen

// OrderConfirmation processes an order, then sends the confirmation email,
// retrying States.TaskFailed every 5 seconds, 3 attempts, backoff 2.0.
// Both tasks name their functions with ${...} substitutions.
func OrderConfirmation() *dsl.Machine {
	m := dsl.NewMachine("OrderConfirmation").
		Comment("Processes an order and emails the confirmation.")

	process := m.Task("ProcessOrder").Resource("${ProcessOrderFunctionArn}")
	email := m.Task("SendEmail").
		Resource("${SendEmailFunctionArn}").
		Retry(dsl.Retry(dsl.ErrTaskFailed).
			Interval(5 * time.Second).
			MaxAttempts(3).
			Backoff(2.0))

	m.Chain(process, email)
	return m
}
