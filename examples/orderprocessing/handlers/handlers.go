// Package handlers holds the Lambda functions behind the order-processing
// workflow's tasks. Each takes the input type and returns the output type
// that aslgen generated for its task (OrderProcessing<Task>Input and
// OrderProcessing<Task>Output), so the workflow and its functions cannot
// drift apart: a change to the data flow changes the generated types and the
// handlers stop compiling. Deploy each with github.com/aws/aws-lambda-go's
// lambda.Start(handlers.ProcessPayment).
//
// The payload types live in the workflow package's aslgen_gen.go, which
// imports neither the simulator nor the ASL decoder: the simulator helpers
// are in aslgen_gen_test.go, which only tests compile, so a handler binary
// does not link the simulator. The tests run the same functions as mocks in
// the simulator.
package handlers

import (
	"context"
	"errors"

	"github.com/aslgen/aslgen/examples/orderprocessing"
)

// ErrInvalidAmount is returned for an order that cannot be charged.
var ErrInvalidAmount = errors.New("the order's amount must be positive")

// ValidateOrder checks an order before it is charged.
func ValidateOrder(_ context.Context, in orderprocessing.OrderProcessingValidateOrderInput) (orderprocessing.OrderProcessingValidateOrderOutput, error) {
	if in.OrderID == "" || in.Amount <= 0 {
		return orderprocessing.OrderProcessingValidateOrderOutput{}, ErrInvalidAmount
	}
	return in, nil
}

// ProcessPayment charges an order.
func ProcessPayment(_ context.Context, in orderprocessing.OrderProcessingProcessPaymentInput) (orderprocessing.OrderProcessingProcessPaymentOutput, error) {
	in.Paid = true
	return in, nil
}

// ShipOrder ships a paid order.
func ShipOrder(_ context.Context, in orderprocessing.OrderProcessingShipOrderInput) (orderprocessing.OrderProcessingShipOrderOutput, error) {
	in.Shipped = in.Paid
	return in, nil
}
