package orderprocessing

import (
	"time"

	"github.com/aslgen/aslgen/dsl"
)

//go:generate go tool aslgen

// ErrProcessing is the error an order that could not be processed fails with.
const ErrProcessing dsl.ErrorName = "Order.ProcessingError"

// OrderProcessing validates an order, processes its payment and ships it. Each
// Lambda task retries Lambda's transient errors and sends any other error to
// OrderFailed.
//
// ValidateOrder and ProcessPayment use the optimized Lambda integration with a
// function name, so the definition holds no account ID; ShipOrder names its
// function with a ${ShipOrderFunctionArn} substitution that the deploy tool
// (SAM, CDK, CloudFormation) fills in.
func OrderProcessing() *dsl.Machine {
	m := dsl.NewMachine("OrderProcessing").
		Comment("Validates, charges and ships an order.").
		InputType(dsl.TypeOf[Order]()).
		OutputType(dsl.TypeOf[Order]())

	failed := m.Fail("OrderFailed").
		Error(ErrProcessing).
		Cause(dsl.Text("The order could not be processed."))
	catchAll := dsl.Catch(failed, dsl.ErrAll).ResultPath("$.error")
	// Lambda's transient errors are retried, as AWS recommends, before the
	// catcher gives up on the order.
	transient := dsl.Retry(dsl.ErrLambdaServiceException, dsl.ErrLambdaAWSLambdaException,
		dsl.ErrLambdaSdkClientException, dsl.ErrLambdaTooManyRequestsException).
		Interval(2 * time.Second).MaxAttempts(3).Backoff(2)

	validate := m.LambdaInvoke("ValidateOrder", "validate-order").
		ResultType(dsl.TypeOf[Order]()).
		OutputPath("$.Payload").
		Retry(transient).
		Catch(catchAll)
	pay := m.LambdaInvoke("ProcessPayment", "process-payment").
		ResultType(dsl.TypeOf[Order]()).
		OutputPath("$.Payload").
		Retry(transient).
		Catch(catchAll)
	ship := m.Task("ShipOrder").
		Resource("${ShipOrderFunctionArn}").
		InputType(dsl.TypeOf[Order]()).
		ResultType(dsl.TypeOf[Order]()).
		Retry(transient).
		Catch(catchAll)

	m.Chain(validate, pay, ship)
	return m
}
