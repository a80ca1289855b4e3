package dsl_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
)

// A workflow is a function returning a *dsl.Machine; Build turns it into an
// ASL document and asl.Marshal into the JSON that aslgen commits.
func ExampleNewMachine() {
	m := dsl.NewMachine("OrderConfirmation")
	process := m.LambdaInvoke("ProcessOrder", "${ProcessOrderFunctionArn}").OutputPath("$.Payload")
	email := m.LambdaInvoke("SendEmail", "${SendEmailFunctionArn}").
		OutputPath("$.Payload").
		Retry(dsl.Retry(dsl.ErrTaskFailed).Interval(5 * time.Second).MaxAttempts(3).Backoff(2))
	m.Chain(process, email)

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := asl.Marshal(doc)
	fmt.Print(string(out))
	// Output:
	// {
	//   "StartAt": "ProcessOrder",
	//   "States": {
	//     "ProcessOrder": {
	//       "Type": "Task",
	//       "Resource": "arn:aws:states:::lambda:invoke",
	//       "Parameters": {
	//         "FunctionName": "${ProcessOrderFunctionArn}",
	//         "Payload.$": "$"
	//       },
	//       "OutputPath": "$.Payload",
	//       "Next": "SendEmail"
	//     },
	//     "SendEmail": {
	//       "Type": "Task",
	//       "Resource": "arn:aws:states:::lambda:invoke",
	//       "Parameters": {
	//         "FunctionName": "${SendEmailFunctionArn}",
	//         "Payload.$": "$"
	//       },
	//       "OutputPath": "$.Payload",
	//       "Retry": [
	//         {
	//           "ErrorEquals": [
	//             "States.TaskFailed"
	//           ],
	//           "IntervalSeconds": 5,
	//           "MaxAttempts": 3,
	//           "BackoffRate": 2
	//         }
	//       ],
	//       "End": true
	//     }
	//   }
	// }
}

// Build reports every problem at the builder call behind it: e.Pos is the
// file and line of the call (printed here relative to the example's first
// line, so that the output does not depend on where the example sits).
func ExampleMachine_Build_errors() {
	_, file, first, _ := runtime.Caller(0)
	m := dsl.NewMachine("Broken")
	pay := m.Task("Pay").Resource("arn:aws:states:::lambda:invoke").ResultPath("$.payment[") // first+2
	m.Pass("Forgotten")                                                                      // first+3
	m.Chain(pay)

	_, err := m.Build()
	for _, e := range err.(dsl.ErrorList) {
		fmt.Printf("%s:first+%d: state %q: %s\n", filepath.Base(file), e.Pos.Line-first, e.State, e.Msg)
	}
	// Output:
	// example_test.go:first+2: state "Pay": ResultPath "$.payment[": unterminated bracket at column 10
	// example_test.go:first+3: state "Forgotten": the state is not reachable. Remove it or add a transition to it
}

// Choice rules are typed conditions; Otherwise is the Default.
func ExampleChoiceState_When() {
	m := dsl.NewMachine("Shipping")
	check := m.Choice("CheckTotal")
	express := m.Pass("Express").Result(dsl.Obj{"method": "express"})
	standard := m.Pass("Standard").Result(dsl.Obj{"method": "standard"})
	check.When(dsl.And(
		dsl.IsPresent("$.total", true),
		dsl.NumericGreaterThan("$.total", 100),
	), express).Otherwise(standard)

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	st, _ := doc.States.Get("CheckTotal")
	rule := st.(*asl.Choice).Choices[0]
	fmt.Println(len(rule.And), rule.And[1].Operator, string(rule.And[1].Operand), rule.Next)
	// Output: 2 NumericGreaterThan 100 Express
}
