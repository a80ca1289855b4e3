package sim_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/sim"
)

func TestStrictChecksMockedResults(t *testing.T) {
	doc, err := asl.Unmarshal([]byte(`{"StartAt":"Put","States":{"Put":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents",
		"Parameters":{"Entries":[{"Detail":"d","DetailType":"t","Source":"s"}]},"End":true}}}`))
	if err != nil {
		t.Fatal(err)
	}
	bad := sim.OnState("Put", sim.Return(json.RawMessage(`{"Entries":[{"EventId":["not","a","string"]}]}`)))
	good := sim.OnState("Put", sim.Return(json.RawMessage(`{"Entries":[{"EventId":"e-1"}],"FailedEntryCount":0}`)))
	for _, c := range []struct {
		opts   []sim.Option
		status sim.Status
	}{
		{[]sim.Option{bad}, sim.Succeeded}, // not Strict: no check
		{[]sim.Option{bad, sim.Strict()}, sim.Failed},
		{[]sim.Option{good, sim.Strict()}, sim.Succeeded},
	} {
		s, err := sim.New(doc, c.opts...)
		if err != nil {
			t.Fatal(err)
		}
		ex, err := s.Run(context.Background(), map[string]any{})
		if err != nil {
			t.Fatal(err)
		}
		if ex.Status != c.status {
			t.Errorf("status %s (%s: %s), want %s", ex.Status, ex.Error, ex.Cause, c.status)
		}
		if ex.Status == sim.Failed && (ex.Error != sim.ErrorMockResult || !strings.Contains(ex.Cause, `state "Put"`) || !strings.Contains(ex.Cause, "Field 'EventId' must be a string")) {
			t.Errorf("error %s: %s", ex.Error, ex.Cause)
		}
	}
}

// TestTestStateTyped tests one state of a machine with Go values.
func TestTestStateTyped(t *testing.T) {
	type order struct {
		ID    string `json:"id"`
		Total int    `json:"total"`
	}
	type charged struct {
		ChargeID string `json:"chargeId"`
	}
	type out struct {
		ID     string  `json:"id"`
		Total  int     `json:"total"`
		Charge charged `json:"charge"`
	}
	doc, err := asl.Unmarshal([]byte(`{"StartAt":"Charge","States":{
		"Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"charge","Payload.$":"$"},
			"ResultSelector":{"chargeId.$":"$.Payload.chargeId"},"ResultPath":"$.charge",
			"Retry":[{"ErrorEquals":["Card.Declined"],"MaxAttempts":2,"IntervalSeconds":3,"BackoffRate":2}],
			"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Failed"}],"Next":"Done"},
		"Done":{"Type":"Succeed"},"Failed":{"Type":"Fail"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	got, res, err := sim.TestStateOf[out](doc, order{ID: "o-1", Total: 42}, sim.StateName("Charge"),
		sim.MockResult(map[string]any{"Payload": charged{ChargeID: "ch-9"}, "StatusCode": 200}), sim.Inspection(sim.Debug))
	if err != nil {
		t.Fatal(err)
	}
	if want := (out{ID: "o-1", Total: 42, Charge: charged{ChargeID: "ch-9"}}); got != want || res.NextState != "Done" {
		t.Errorf("got %+v next %q", got, res.NextState)
	}
	var params struct {
		FunctionName string
		Payload      order
	}
	if err := res.InspectionData.Decode("afterParameters", &params); err != nil || params.Payload.ID != "o-1" {
		t.Errorf("afterParameters %+v, %v", params, err)
	}

	// A retrier with attempts left: RETRIABLE, with the wait AWS computes.
	res, err = sim.TestState(doc, order{ID: "o-1"}, sim.StateName("Charge"), sim.MockError("Card.Declined", "expired"),
		sim.RetrierRetryCount(1), sim.Inspection(sim.Info))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != sim.TestRetriable || res.InspectionData != nil {
		t.Errorf("got %+v", res)
	}
	// None left: the catcher takes it.
	res, err = sim.TestState(doc, order{ID: "o-1"}, sim.StateName("Charge"), sim.MockError("Card.Declined", "expired"),
		sim.RetrierRetryCount(2), sim.Inspection(sim.Trace))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != sim.TestCaughtError || res.NextState != "Failed" || *res.InspectionData.ErrorDetails.CatchIndex != 0 {
		t.Errorf("got %+v", res)
	}

	// A refused request.
	_, err = sim.TestState(doc, nil, sim.StateName("Done"), sim.MockResultJSON("{}"))
	var ve *sim.ValidationError
	if !errors.As(err, &ve) || ve.Message != "State type 'Succeed' is not supported when a mock is specified" {
		t.Errorf("err %v", err)
	}
}

// TestTestStateOfASLState tests a state given as an asl value.
func TestTestStateOfASLState(t *testing.T) {
	res, err := sim.TestState(&asl.Pass{Next: "After"}, map[string]int{"n": 1}, sim.Inspection(sim.Trace))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != sim.TestSucceeded || res.NextState != "After" || string(res.Output) != `{"n":1}` ||
		string(res.InspectionData.AfterParameters) != `{"n":1}` {
		t.Errorf("got %+v", res)
	}
}
