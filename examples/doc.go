// Package examples holds real order workflows written with aslgen, one package
// each, with go:generate directives, committed ASL and tests:
//
//   - orderprocessing: ValidateOrder → ProcessPayment → ShipOrder, every task
//     catching States.ALL into the OrderFailed Fail state;
//   - orderconfirmation: ProcessOrder → SendEmail, SendEmail retrying
//     States.TaskFailed every 5 s, 3 attempts, backoff 2.0;
//   - ecommerce: VerifyPayment → UpdateInventory → NotifyCustomer, with a Fail
//     state for each business error;
//   - fulfilment: every state type and typed payloads, with a Map over an
//     order's line items;
//   - invoicing: JSONata mode and workflow variables: the customer, the
//     priced lines and the subtotal kept in $variables, an approval that
//     waits for a task token, and a catcher that reads $states.errorOutput.
//
// Regenerate them with `go generate ./examples/...`; check that the committed
// files are current with `go run ./cmd/aslgen -check ./examples/...`.
package examples
