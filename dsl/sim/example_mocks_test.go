package sim_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/sim"
)

// mustDecode decodes an ASL document of an example.
func mustDecode(def string) *asl.StateMachine {
	doc, err := asl.Unmarshal([]byte(def))
	if err != nil {
		panic(err)
	}
	return doc
}

// A typed handler receives the task's input decoded into a Go value and
// returns the task's result. For the optimized Lambda integration it is
// the function: it gets the Payload and its result is wrapped in
// Lambda's response.
func ExampleFunc() {
	doc := mustDecode(`{
	  "StartAt": "Quote",
	  "States": {
	    "Quote": {
	      "Type": "Task",
	      "Resource": "arn:aws:states:::lambda:invoke",
	      "Parameters": {"FunctionName": "quote", "Payload": {"sku.$": "$.sku", "qty.$": "$.qty"}},
	      "ResultSelector": {"price.$": "$.Payload.price"},
	      "End": true
	    }
	  }
	}`)
	type item struct {
		SKU string `json:"sku"`
		Qty int    `json:"qty"`
	}
	type quote struct {
		Price float64 `json:"price"`
	}
	quoteFn := sim.Func(func(_ context.Context, in item) (quote, error) {
		return quote{Price: 2.5 * float64(in.Qty)}, nil
	})
	s, err := sim.New(doc, sim.OnState("Quote", quoteFn))
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), item{SKU: "A-1", Qty: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex)
	fmt.Println(ex.StateRuns("Quote"))
	// Output:
	// {"status":"SUCCEEDED","output":{"price":10}}
	// [{"name":"Quote","input":{"sku":"A-1","qty":4},"output":{"price":10}}]
}

// Scripted handlers make a task fail before it succeeds, so that a test
// sees its Retry at work: the intervals pass on the virtual clock, at once.
func ExampleSequence() {
	doc := mustDecode(`{
	  "StartAt": "Charge",
	  "States": {
	    "Charge": {
	      "Type": "Task",
	      "Resource": "arn:aws:states:::dynamodb:putItem",
	      "Parameters": {"TableName": "charges", "Item": {"id": {"S.$": "$.id"}}},
	      "Retry": [{"ErrorEquals": ["Gateway.Busy"], "IntervalSeconds": 3, "BackoffRate": 2, "MaxAttempts": 3}],
	      "End": true
	    }
	  }
	}`)
	s, err := sim.New(doc,
		sim.StartTime(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)),
		sim.OnState("Charge", sim.Sequence(
			sim.Throw("Gateway.Busy", "try again"),
			sim.Throw("Gateway.Busy", "try again"),
			sim.Return(map[string]string{"status": "charged"}),
		)),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), map[string]string{"id": "c-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range ex.Events() {
		switch ev.Type {
		case "TaskScheduled", "TaskSucceeded":
			fmt.Println(ev.Timestamp.Format(time.TimeOnly), ev.Type)
		case "TaskFailed":
			fmt.Println(ev.Timestamp.Format(time.TimeOnly), ev.Type, ev.Error)
		}
	}
	fmt.Println(ex)
	// Output:
	// 09:00:00 TaskScheduled
	// 09:00:00 TaskFailed Gateway.Busy
	// 09:00:03 TaskScheduled
	// 09:00:03 TaskFailed Gateway.Busy
	// 09:00:09 TaskScheduled
	// 09:00:09 TaskSucceeded
	// {"status":"SUCCEEDED","output":{"status":"charged"}}
}

// A .waitForTaskToken task waits until something answers its token. Here
// the request for approval carries the token, and a later state of the
// workflow, two hours on, answers it with SendTaskSuccess.
func ExampleAwaitCallback() {
	doc := mustDecode(`{
	  "StartAt": "Review",
	  "States": {
	    "Review": {
	      "Type": "Parallel",
	      "Branches": [
	        {"StartAt": "AskManager", "States": {"AskManager": {
	          "Type": "Task",
	          "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
	          "Parameters": {"QueueUrl": "approvals", "MessageBody": {"token.$": "$$.Task.Token"}},
	          "TimeoutSeconds": 86400,
	          "End": true}}},
	        {"StartAt": "Meeting", "States": {
	          "Meeting": {"Type": "Wait", "Seconds": 7200, "Next": "Decide"},
	          "Decide": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
	            "Parameters": {"FunctionName": "decide"}, "OutputPath": "$.Payload", "End": true}}}
	      ],
	      "End": true
	    }
	  }
	}`)
	var token string // the queue: what AskManager sent
	ask := sim.AwaitCallback(func(_ context.Context, c *sim.Call) error {
		var msg struct {
			MessageBody struct {
				Token string `json:"token"`
			}
		}
		if err := c.Decode(&msg); err != nil {
			return err
		}
		token = msg.MessageBody.Token
		return nil
	})
	decide := sim.Func(func(ctx context.Context, _ any) (string, error) {
		return "decided", sim.SendTaskSuccess(ctx, token, map[string]bool{"approved": true})
	})
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	s, err := sim.New(doc, sim.StartTime(start), sim.OnState("AskManager", ask), sim.OnState("Decide", decide))
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), map[string]any{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex)
	fmt.Println("approved at", ex.StopTime.Format(time.TimeOnly))
	// Output:
	// {"status":"SUCCEEDED","output":[{"approved":true},"decided"]}
	// approved at 11:00:00
}

// A Step Functions Local mock configuration file names a test case's
// answers per state: by invocation ("0", "1-2"), a Return or a Throw.
func ExampleUseMockConfig() {
	doc := mustDecode(`{
	  "StartAt": "Reserve",
	  "States": {
	    "Reserve": {
	      "Type": "Task",
	      "Resource": "arn:aws:states:::lambda:invoke",
	      "Parameters": {"FunctionName": "reserve", "Payload.$": "$"},
	      "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1}],
	      "OutputPath": "$.Payload",
	      "End": true
	    }
	  }
	}`)
	cfg, err := sim.ParseMockConfig([]byte(`{
	  "StateMachines": {
	    "Inventory": {"TestCases": {"Throttled": {"Reserve": "ThrottledThenReserved"}}}
	  },
	  "MockedResponses": {
	    "ThrottledThenReserved": {
	      "0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "Rate exceeded"}},
	      "1": {"Return": {"StatusCode": 200, "Payload": {"reserved": 3}}}
	    }
	  }
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := sim.New(doc, sim.Name("Inventory"), sim.UseMockConfig(cfg, "Throttled"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), map[string]int{"qty": 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex)
	fmt.Println("retried after", ex.StopTime.Sub(ex.StartTime))
	// Output:
	// {"status":"SUCCEEDED","output":{"reserved":3}}
	// retried after 1s
}
