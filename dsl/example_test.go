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

// Choice rules are typed conditions; Otherwise is the Default. A
// comparison takes the value to compare with, or a Path to compare with
// the value at another path (ASL's ...Path operators).
func ExampleChoiceState_When() {
	m := dsl.NewMachine("Shipping")
	check := m.Choice("CheckTotal")
	express := m.Pass("Express").Result(dsl.Obj{"method": "express"})
	standard := m.Pass("Standard").Result(dsl.Obj{"method": "standard"})
	check.When(dsl.And(
		dsl.IsPresent("$.total", true),
		dsl.NumericGreaterThan("$.total", 100),
	), express).
		When(dsl.NumericGreaterThan("$.total", dsl.Path("$.freeShippingFrom")), express).
		Otherwise(standard)

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	st, _ := doc.States.Get("CheckTotal")
	for _, rule := range st.(*asl.Choice).Choices {
		if rule.And != nil {
			rule = rule.And[1]
		}
		fmt.Println(rule.Variable, rule.Operator, string(rule.Operand))
	}
	// Output:
	// $.total NumericGreaterThan 100
	// $.total NumericGreaterThanPath "$.freeShippingFrom"
}

// A Parallel state runs its branches concurrently; each branch is a graph
// of its own, created with Branch, and its states are created on it.
func ExampleParallelState_Branch() {
	m := dsl.NewMachine("Fulfil")
	both := m.Parallel("ChargeAndShip").ResultPath("$.results")
	charge := both.Branch()
	charge.Chain(charge.LambdaInvoke("Charge", "charge").OutputPath("$.Payload"))
	ship := both.Branch()
	ship.Chain(ship.LambdaInvoke("Ship", "ship").OutputPath("$.Payload"))
	m.Chain(both, m.Succeed("Done"))

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := asl.Marshal(doc)
	fmt.Print(string(out))
	// Output:
	// {
	//   "StartAt": "ChargeAndShip",
	//   "States": {
	//     "ChargeAndShip": {
	//       "Type": "Parallel",
	//       "Branches": [
	//         {
	//           "StartAt": "Charge",
	//           "States": {
	//             "Charge": {
	//               "Type": "Task",
	//               "Resource": "arn:aws:states:::lambda:invoke",
	//               "Parameters": {
	//                 "FunctionName": "charge",
	//                 "Payload.$": "$"
	//               },
	//               "OutputPath": "$.Payload",
	//               "End": true
	//             }
	//           }
	//         },
	//         {
	//           "StartAt": "Ship",
	//           "States": {
	//             "Ship": {
	//               "Type": "Task",
	//               "Resource": "arn:aws:states:::lambda:invoke",
	//               "Parameters": {
	//                 "FunctionName": "ship",
	//                 "Payload.$": "$"
	//               },
	//               "OutputPath": "$.Payload",
	//               "End": true
	//             }
	//           }
	//         }
	//       ],
	//       "ResultPath": "$.results",
	//       "Next": "Done"
	//     },
	//     "Done": {
	//       "Type": "Succeed"
	//     }
	//   }
	// }
}

// A Map state runs its item processor, a graph of its own, for each item
// of an array: here the array at $.items, ten items at a time. The
// ItemProcessor says "Mode": "INLINE"; OmitProcessorConfig would leave
// ProcessorConfig out (AWS's default is the same INLINE mode), Distributed
// runs each item in a child workflow.
func ExampleMapState_ItemProcessor() {
	m := dsl.NewMachine("PackOrder")
	pack := m.Map("PackItems").
		Items(dsl.Path("$.items")).
		ItemSelector(dsl.Obj{"orderId": dsl.Path("$.orderId"), "item": dsl.MapItemValue}).
		MaxConcurrency(dsl.Int(10)).
		ResultPath("$.parcels")
	items := pack.ItemProcessor()
	items.Chain(items.LambdaInvoke("PackItem", "pack-item").OutputPath("$.Payload"))

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := asl.Marshal(doc)
	fmt.Print(string(out))
	// Output:
	// {
	//   "StartAt": "PackItems",
	//   "States": {
	//     "PackItems": {
	//       "Type": "Map",
	//       "ItemsPath": "$.items",
	//       "ItemSelector": {
	//         "item.$": "$$.Map.Item.Value",
	//         "orderId.$": "$.orderId"
	//       },
	//       "ItemProcessor": {
	//         "ProcessorConfig": {
	//           "Mode": "INLINE"
	//         },
	//         "StartAt": "PackItem",
	//         "States": {
	//           "PackItem": {
	//             "Type": "Task",
	//             "Resource": "arn:aws:states:::lambda:invoke",
	//             "Parameters": {
	//               "FunctionName": "pack-item",
	//               "Payload.$": "$"
	//             },
	//             "OutputPath": "$.Payload",
	//             "End": true
	//           }
	//         }
	//       },
	//       "MaxConcurrency": 10,
	//       "ResultPath": "$.parcels",
	//       "End": true
	//     }
	//   }
	// }
}

// Retriers and catchers are values: Retry retries the errors it names with
// a backoff, Catch sends them to another state. The first catcher that
// names the error wins; dsl.ErrAll, last, catches the rest.
func ExampleRetry() {
	const errDeclined dsl.ErrorName = "Payment.Declined"
	m := dsl.NewMachine("Charge")
	charge := m.LambdaInvoke("Charge", "charge").OutputPath("$.Payload")
	declined := m.Fail("Declined").Error(errDeclined).Cause(dsl.Text("The card was declined."))
	failed := m.Fail("Failed").Error(dsl.Path("$.error.Error")).Cause(dsl.Path("$.error.Cause"))
	charge.
		Retry(dsl.Retry(dsl.ErrLambdaServiceException, dsl.ErrLambdaTooManyRequestsException).
			Interval(2*time.Second).MaxAttempts(6).Backoff(2).MaxDelay(30*time.Second).Jitter(dsl.JitterFull)).
		Catch(
			dsl.Catch(declined, errDeclined),
			dsl.Catch(failed, dsl.ErrAll).ResultPath("$.error"),
		)

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := asl.Marshal(doc)
	fmt.Print(string(out))
	// Output:
	// {
	//   "StartAt": "Charge",
	//   "States": {
	//     "Charge": {
	//       "Type": "Task",
	//       "Resource": "arn:aws:states:::lambda:invoke",
	//       "Parameters": {
	//         "FunctionName": "charge",
	//         "Payload.$": "$"
	//       },
	//       "OutputPath": "$.Payload",
	//       "Retry": [
	//         {
	//           "ErrorEquals": [
	//             "Lambda.ServiceException",
	//             "Lambda.TooManyRequestsException"
	//           ],
	//           "IntervalSeconds": 2,
	//           "MaxAttempts": 6,
	//           "BackoffRate": 2,
	//           "MaxDelaySeconds": 30,
	//           "JitterStrategy": "FULL"
	//         }
	//       ],
	//       "Catch": [
	//         {
	//           "ErrorEquals": [
	//             "Payment.Declined"
	//           ],
	//           "Next": "Declined"
	//         },
	//         {
	//           "ErrorEquals": [
	//             "States.ALL"
	//           ],
	//           "ResultPath": "$.error",
	//           "Next": "Failed"
	//         }
	//       ],
	//       "End": true
	//     },
	//     "Declined": {
	//       "Type": "Fail",
	//       "Error": "Payment.Declined",
	//       "Cause": "The card was declined."
	//     },
	//     "Failed": {
	//       "Type": "Fail",
	//       "ErrorPath": "$.error.Error",
	//       "CausePath": "$.error.Cause"
	//     }
	//   }
	// }
}

// Go types declared for the machine's input and a task's input and result
// are carried in the model (PayloadTypes), from which aslgen generates Go
// code, and Build checks the paths against them: a typo is reported at the
// builder call that holds it, with the member meant.
func ExampleTypeOf() {
	type Order struct {
		ID    string  `json:"id"`
		Total float64 `json:"total"`
	}
	type Receipt struct {
		ChargeID string `json:"chargeId"`
	}

	_, file, first, _ := runtime.Caller(0)
	m := dsl.NewMachine("Checkout").InputType(dsl.TypeOf[Order]())
	charge := m.LambdaInvoke("Charge", "charge").
		InputType(dsl.TypeOf[Order]()).
		ResultType(dsl.TypeOf[Receipt]()).
		ResultSelector(dsl.Obj{"chargeId": dsl.Path("$.Payload.chargeId")}).
		ResultPath("$.receipt")
	done := m.Pass("Done").Parameters(dsl.Obj{ // first+7
		"total":    dsl.Path("$.totl"),
		"chargeId": dsl.Path("$.receipt.chargeID"),
	})
	m.Chain(charge, done)

	for _, t := range m.PayloadTypes() {
		fmt.Printf("%q %s: %s\n", t.State, t.Role, t.Type)
	}
	_, err := m.Build()
	for _, e := range err.(dsl.ErrorList) {
		fmt.Printf("%s:first+%d: state %q: %s\n", filepath.Base(file), e.Pos.Line-first, e.State, e.Msg)
	}
	// Output:
	// "" input: dsl_test.Order
	// "Charge" input: dsl_test.Order
	// "Charge" result: dsl_test.Receipt
	// example_test.go:first+7: state "Done": Parameters "chargeId.$": $.receipt.chargeID: no field "chargeID" in {chargeId: string} (did you mean "chargeId"?)
	// example_test.go:first+7: state "Done": Parameters "total.$": $.totl: no field "totl" in {id: string, total: number, receipt: {chargeId: string}} (did you mean "total"?)
}

// In a JSONata machine, states read their input as $states.input and
// their result as $states.result in "{% ... %}" expressions, and Assign
// keeps values in workflow variables that later states read by name.
func ExampleMachine_QueryLanguage() {
	m := dsl.NewMachine("Invoice").QueryLanguage(dsl.JSONata)
	load := m.LambdaInvoke("LoadCustomer", "load-customer").
		Assign(dsl.Obj{"customer": "{% $states.result.Payload %}"}).
		Output("{% $states.input %}")
	total := m.Pass("Total").Output(dsl.Obj{
		"email": "{% $customer.email %}",
		"total": "{% $round($states.input.subtotal * (1 + $customer.taxRate), 2) %}",
	})
	m.Chain(load, total)

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := asl.Marshal(doc)
	fmt.Print(string(out))
	// Output:
	// {
	//   "QueryLanguage": "JSONata",
	//   "StartAt": "LoadCustomer",
	//   "States": {
	//     "LoadCustomer": {
	//       "Type": "Task",
	//       "Resource": "arn:aws:states:::lambda:invoke",
	//       "Arguments": {
	//         "FunctionName": "load-customer",
	//         "Payload": "{% $states.input %}"
	//       },
	//       "Output": "{% $states.input %}",
	//       "Assign": {
	//         "customer": "{% $states.result.Payload %}"
	//       },
	//       "Next": "Total"
	//     },
	//     "Total": {
	//       "Type": "Pass",
	//       "Output": {
	//         "email": "{% $customer.email %}",
	//         "total": "{% $round($states.input.subtotal * (1 + $customer.taxRate), 2) %}"
	//       },
	//       "End": true
	//     }
	//   }
	// }
}

// A field that ASL lets a state give as a constant, as a path into the
// state's input or as a JSONata expression is set by one method, given a
// value that says which: Duration(d) or another constant, a Path (the
// field's ...Path form) or an Expr.
func ExampleDuration() {
	m := dsl.NewMachine("Reminder")
	due := m.Wait("WaitUntilDue").Until(dsl.Path("$.dueAt"))
	remind := m.Task("Remind").Resource("arn:aws:states:::sns:publish").
		Parameters(dsl.Obj{"TopicArn": "${TopicArn}", "Message": dsl.Path("$.message")}).
		Timeout(dsl.Duration(30 * time.Second)).
		Heartbeat(dsl.Path("$.heartbeatSeconds"))
	pause := m.Wait("Pause").For(dsl.Duration(time.Hour))
	m.Chain(due, remind, pause)

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := asl.Marshal(doc)
	fmt.Print(string(out))
	// Output:
	// {
	//   "StartAt": "WaitUntilDue",
	//   "States": {
	//     "WaitUntilDue": {
	//       "Type": "Wait",
	//       "TimestampPath": "$.dueAt",
	//       "Next": "Remind"
	//     },
	//     "Remind": {
	//       "Type": "Task",
	//       "Resource": "arn:aws:states:::sns:publish",
	//       "Parameters": {
	//         "Message.$": "$.message",
	//         "TopicArn": "${TopicArn}"
	//       },
	//       "TimeoutSeconds": 30,
	//       "HeartbeatSecondsPath": "$.heartbeatSeconds",
	//       "Next": "Pause"
	//     },
	//     "Pause": {
	//       "Type": "Wait",
	//       "Seconds": 3600,
	//       "End": true
	//     }
	//   }
	// }
}

// In a JSONata state a field's value is an Expr. A Path there, or an Expr
// in a JSONPath state, is reported at the call that set the field.
func ExampleExpr() {
	_, file, first, _ := runtime.Caller(0)
	m := dsl.NewMachine("Poll").QueryLanguage(dsl.JSONata)
	wait := m.Wait("Backoff").For(dsl.Expr("{% $states.input.attempt * 10 %}"))
	poll := m.Task("Poll").Resource("arn:aws:states:::aws-sdk:sfn:describeExecution").
		Timeout(dsl.Path("$.timeout")) // first+4
	m.Chain(wait, poll)

	_, err := m.Build()
	for _, e := range err.(dsl.ErrorList) {
		fmt.Printf("%s:first+%d: state %q: %s\n", filepath.Base(file), e.Pos.Line-first, e.State, e.Msg)
	}
	// Output:
	// example_test.go:first+4: state "Poll": TimeoutSeconds: dsl.Path("$.timeout") is for JSONPath states (TimeoutSecondsPath); in a JSONata state give a dsl.Expr("{% ... %}")
}

// The intrinsic functions of JSONPath states are built from Go values by
// Format, UUID, MathAdd and the rest; in a payload template they are
// evaluated at run time, like a Path.
func ExampleFormat() {
	m := dsl.NewMachine("Greet")
	m.Pass("Greet").Parameters(dsl.Obj{
		"greeting":  dsl.Format("Hello, {}!", dsl.Path("$.name")),
		"requestId": dsl.UUID(),
		"visits":    dsl.MathAdd(dsl.Path("$.visits"), 1),
		"items":     dsl.ArrayLength(dsl.Path("$.cart")),
	})

	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := asl.Marshal(doc)
	fmt.Print(string(out))
	// Output:
	// {
	//   "StartAt": "Greet",
	//   "States": {
	//     "Greet": {
	//       "Type": "Pass",
	//       "Parameters": {
	//         "greeting.$": "States.Format('Hello, {}!', $.name)",
	//         "items.$": "States.ArrayLength($.cart)",
	//         "requestId.$": "States.UUID()",
	//         "visits.$": "States.MathAdd($.visits, 1)"
	//       },
	//       "End": true
	//     }
	//   }
	// }
}
