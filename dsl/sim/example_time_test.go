package sim_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aslgen/aslgen/dsl/sim"
)

// approvalDoc is a machine whose one task waits for a manager's answer
// for up to a day, with a heartbeat every two hours.
const approvalDoc = `{
  "StartAt": "AskManager",
  "States": {
    "AskManager": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters": {"QueueUrl": "approvals", "MessageBody": {"token.$": "$$.Task.Token"}},
      "TimeoutSeconds": 86400,
      "HeartbeatSeconds": 7200,
      "End": true
    }
  }
}`

// A handler takes the virtual time After gives it, whatever its kind. In
// a Sequence each handler keeps its own time, and the Sequence's is added
// to it: here the first call fails after 10 s + 5 s, the retry 2 s later
// succeeds after 5 s.
func ExampleHandler_After() {
	doc := mustDecode(`{
	  "StartAt": "Export",
	  "States": {
	    "Export": {
	      "Type": "Task",
	      "Resource": "arn:aws:states:::ecs:runTask.sync",
	      "Retry": [{"ErrorEquals": ["Export.Busy"], "IntervalSeconds": 2}],
	      "End": true
	    }
	  }
	}`)
	export := sim.Sequence(
		sim.Throw("Export.Busy", "try later").After(10*time.Second),
		sim.Return(map[string]string{"file": "export.csv"}),
	).After(5 * time.Second)
	s, err := sim.New(doc, sim.StartTime(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)), sim.OnState("Export", export))
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), map[string]any{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range ex.Events() {
		if ev.Type == "TaskFailed" || ev.Type == "TaskSucceeded" {
			fmt.Println(ev.Timestamp.Format(time.TimeOnly), ev.Type)
		}
	}
	fmt.Println(ex)
	// Output:
	// 09:00:15 TaskFailed
	// 09:00:22 TaskSucceeded
	// {"status":"SUCCEEDED","output":{"file":"export.csv"}}
}

// A test answers a callback at a virtual time of its choice with At, as
// Temporal's RegisterDelayedCallback does. The heartbeat fires first when
// the answer comes too late.
func ExampleAt() {
	doc := mustDecode(approvalDoc)
	var token string // what the queue got
	ask := sim.AwaitCallback(func(_ context.Context, c *sim.Call) error {
		token = c.TaskToken
		return nil
	})
	for _, after := range []time.Duration{90 * time.Minute, 3 * time.Hour} {
		approve := sim.At(after, func(ctx context.Context) error {
			return sim.SendTaskSuccess(ctx, token, map[string]any{"approved": true, "at": sim.Now(ctx).Format(time.TimeOnly)})
		})
		s, err := sim.New(doc, sim.StartTime(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)), sim.OnState("AskManager", ask), approve)
		if err != nil {
			fmt.Println(err)
			return
		}
		ex, err := s.Run(context.Background(), map[string]any{})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(after, ex)
	}
	// Output:
	// 1h30m0s {"status":"SUCCEEDED","output":{"approved":true,"at":"10:30:00"}}
	// 3h0m0s {"status":"FAILED","error":"States.HeartbeatTimeout"}
}

// The service a callback task calls may answer later:
// SendTaskSuccessAfter (or SendTaskFailureAfter) sends the answer at a
// virtual delay, against which the task's timeouts apply.
func ExampleSendTaskSuccessAfter() {
	doc := mustDecode(approvalDoc)
	ask := sim.AwaitCallback(func(ctx context.Context, c *sim.Call) error {
		return sim.SendTaskSuccessAfter(ctx, 45*time.Minute, c.TaskToken, map[string]bool{"approved": true})
	})
	s, err := sim.New(doc, sim.OnState("AskManager", ask))
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), map[string]any{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex, "after", ex.StopTime.Sub(ex.StartTime))
	// Output:
	// {"status":"SUCCEEDED","output":{"approved":true}} after 45m0s
}

// An execution counts the calls of each mock, so that a test asserts on
// them and on the mocks that never ran (a sign that a test does not test
// what it means to).
func ExampleExecution_MockCalls() {
	doc := mustDecode(`{
	  "StartAt": "Charge",
	  "States": {
	    "Charge": {
	      "Type": "Task",
	      "Resource": "arn:aws:states:::lambda:invoke",
	      "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
	      "Retry": [{"ErrorEquals": ["Gateway.Busy"], "IntervalSeconds": 1}],
	      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Refund"}],
	      "Next": "Receipt"
	    },
	    "Receipt": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message": "paid"}, "End": true},
	    "Refund": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "refund"}, "End": true}
	  }
	}`)
	s, err := sim.New(doc,
		sim.OnState("Charge", sim.Sequence(sim.Throw("Gateway.Busy", "again"), sim.Return(map[string]bool{"paid": true}))),
		sim.OnState("Refund", sim.Return("refunded")),
		sim.OnResource("arn:aws:states:::sns:publish", sim.Return(map[string]string{"MessageId": "m-1"})),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), map[string]any{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex.MockCalls())
	fmt.Println("never called:", ex.UnusedMocks())
	// Output:
	// map[Charge:2 Refund:0 arn:aws:states:::sns:publish:1]
	// never called: [Refund]
}

// New refuses a mock that could never run, naming the states that take
// one.
func ExampleOnState_typo() {
	doc := mustDecode(`{
	  "StartAt": "ReserveHotel",
	  "States": {
	    "ReserveHotel": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Confirm"},
	    "Confirm": {"Type": "Pass", "End": true}
	  }
	}`)
	_, err := sim.New(doc, sim.OnState("ReserveHotl", sim.Return("room")), sim.OnState("Confirm", sim.Return("ok")))
	fmt.Println(err)
	// Output:
	// sim: OnState("Confirm"): state "Confirm" is a Pass state, which takes no mock; the states that take mocks are ReserveHotel
	// sim: OnState("ReserveHotl"): the state machine has no state "ReserveHotl" (did you mean "ReserveHotel"?); the states that take mocks are ReserveHotel
}

// A mock configuration may carry a team's own top-level keys: they are
// ignored, with a warning.
func ExampleMockConfig_Warnings() {
	cfg, err := sim.ParseMockConfig([]byte(`{
	  "StateMachines": {"Orders": {"TestCases": {"Happy": {"Pay": "Paid"}}}},
	  "MockedResponses": {"Paid": {"0": {"Return": {"paid": true}}}},
	  "Assert": {"Happy": {"status": "SUCCEEDED"}}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range cfg.Warnings() {
		fmt.Println(w)
	}
	// Output:
	// mock config: top-level key "Assert" is not part of the format (StateMachines, MockedResponses): ignored
}
