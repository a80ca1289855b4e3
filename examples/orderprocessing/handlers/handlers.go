// Package handlers holds the Lambda functions behind the order-processing
// workflow's tasks. Each takes the input type and returns the output type
// that aslgen generated for its task, so the workflow and its functions
// cannot drift apart: a change to the data flow changes the generated types
// and the handlers stop compiling. Deploy each with
// github.com/aws/aws-lambda-go's lambda.Start(handlers.ProcessPayment); the
// simulator runs the same functions as mocks.
package handlers

import (
	"context"
	"errors"

	"github.com/aslgen/aslgen/examples/orderprocessing"
)

// ErrInvalidAmount is returned for an order that cannot be charged.
var ErrInvalidAmount = errors.New("the order's amount must be positive")

// ValidateOrder checks an order before it is charged.
func ValidateOrder(_ context.Context, in orderprocessing.ValidateOrderInput) (orderprocessing.ValidateOrderOutput, error) {
	if in.OrderID == "" || in.Amount <= 0 {
		return orderprocessing.ValidateOrderOutput{}, ErrInvalidAmount
	}
	return in, nil
}

// ProcessPayment charges an order.
func ProcessPayment(_ context.Context, in orderprocessing.ProcessPaymentInput) (orderprocessing.ProcessPaymentOutput, error) {
	in.Paid = true
	return in, nil
}

// ShipOrder ships a paid order.
func ShipOrder(_ context.Context, in orderprocessing.ShipOrderInput) (orderprocessing.ShipOrderOutput, error) {
	in.Shipped = in.Paid
	return in, nil
}
