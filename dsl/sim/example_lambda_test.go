package sim_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/sim"
)

// Lambda functions registered by name run for every task that invokes
// them: through the optimized integration, whose result is Lambda's
// response, and through the function's ARN, whose result is the
// function's own. A function's error is Lambda's: the task fails with its
// type, and the cause is Lambda's error document.
func ExampleOnFunction() {
	doc, err := asl.Unmarshal([]byte(`{"StartAt": "Quote", "States": {
	  "Quote": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
	    "Parameters": {"FunctionName": "quote", "Payload.$": "$"},
	    "ResultSelector": {"price.$": "$.Payload.price", "status.$": "$.StatusCode"}, "ResultPath": "$.quote", "Next": "Charge"},
	  "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
	    "Catch": [{"ErrorEquals": ["CardDeclined"], "ResultPath": "$.error", "Next": "Declined"}], "End": true},
	  "Declined": {"Type": "Pass", "End": true}}}`))
	if err != nil {
		panic(err)
	}
	type order struct{ Items int }
	s, err := sim.New(doc,
		sim.OnFunction("quote", sim.Func(func(_ context.Context, o order) (map[string]int, error) {
			return map[string]int{"price": 10 * o.Items}, nil
		})),
		sim.OnFunction("charge", sim.Func(func(context.Context, any) (any, error) {
			return nil, &sim.FunctionError{Type: "CardDeclined", Message: "card expired"}
		})),
	)
	if err != nil {
		panic(err)
	}
	ex, err := s.Run(context.Background(), json.RawMessage(`{"Items": 3}`))
	if err != nil {
		panic(err)
	}
	var out struct {
		Quote struct{ Price, Status int }
		Error struct{ Error, Cause string }
	}
	if err := ex.DecodeOutput(&out); err != nil {
		panic(err)
	}
	var cause struct{ ErrorMessage, ErrorType string }
	if err := json.Unmarshal([]byte(out.Error.Cause), &cause); err != nil {
		panic(err)
	}
	fmt.Println(ex.Status, out.Quote.Price, out.Quote.Status)
	fmt.Println(out.Error.Error, cause.ErrorType, cause.ErrorMessage)
	// Output:
	// SUCCEEDED 30 200
	// CardDeclined CardDeclined card expired
}
