package sim

import (
	"context"
	"fmt"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// passChain returns a machine of n Pass states in a row.
func passChain(n int) *asl.StateMachine {
	sm := &asl.StateMachine{StartAt: "P0"}
	for i := 0; i < n; i++ {
		p := &asl.Pass{}
		if i == n-1 {
			p.End = true
		} else {
			p.Next = fmt.Sprintf("P%d", i+1)
		}
		sm.States.Add(fmt.Sprintf("P%d", i), p)
	}
	return sm
}

// mapMachine returns a Map over $.items whose processor is Pass → Choice → Pass.
func mapMachine() *asl.StateMachine {
	doc, err := asl.Unmarshal([]byte(`{
  "StartAt": "Items",
  "States": {
    "Items": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "StartAt": "Tag",
        "States": {
          "Tag": {"Type": "Pass", "Parameters": {"n.$": "$.n", "tag": "item"}, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 4999, "Next": "Big"}], "Default": "Small"},
          "Big": {"Type": "Pass", "Result": "big", "End": true},
          "Small": {"Type": "Pass", "Result": "small", "End": true}
        }
      },
      "End": true
    }
  }
}`))
	if err != nil {
		panic(err)
	}
	return doc
}

// fiveStates is the 5-state workflow with one mocked task of the design's
// performance targets.
func fiveStates() *asl.StateMachine {
	doc, err := asl.Unmarshal([]byte(`{
  "StartAt": "Init",
  "States": {
    "Init": {"Type": "Pass", "Result": {"attempt": 1}, "ResultPath": "$.meta", "Next": "Pay"},
    "Pay": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "pay", "Payload.$": "$"}, "OutputPath": "$.Payload",
      "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}], "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.paid", "BooleanEquals": true, "Next": "Done"}], "Default": "Failed"},
    "Done": {"Type": "Succeed"},
    "Failed": {"Type": "Fail", "Error": "NotPaid"}
  }
}`))
	if err != nil {
		panic(err)
	}
	return doc
}

// BenchmarkPassChain runs a 1,000-Pass chain (target ≥ 2 million state
// transitions per second).
func BenchmarkPassChain(b *testing.B) {
	for _, history := range []bool{false, true} {
		b.Run(fmt.Sprintf("history=%v", history), func(b *testing.B) {
			s, err := New(passChain(1000), History(history))
			if err != nil {
				b.Fatal(err)
			}
			in := jsonvalue.MustParse(`{"order": {"id": "o-1", "total": 42}}`)
			b.ReportAllocs()
			for b.Loop() {
				ex := s.run(context.Background(), in)
				if ex.Status != Succeeded {
					b.Fatal(ex.Error, ex.Cause)
				}
			}
			b.ReportMetric(float64(b.N)*1000/b.Elapsed().Seconds(), "transitions/s")
		})
	}
}

// BenchmarkMap10000 runs a Map over 10,000 items, each Pass → Choice → Pass
// (target: under 20 ms).
func BenchmarkMap10000(b *testing.B) {
	items := make([]any, 10000)
	for i := range items {
		o := jsonvalue.NewObject(1)
		o.Set("n", jsonvalue.Int(int64(i)))
		items[i] = o
	}
	in := jsonvalue.NewObject(1)
	in.Set("items", items)
	// Without history: recorded, the 10,000 iterations would pass AWS's
	// 25,000-event limit, as they would on AWS.
	s, err := New(mapMachine(), History(false))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ex := s.run(context.Background(), in)
		if ex.Status != Succeeded {
			b.Fatal(ex.Error, ex.Cause)
		}
	}
}

// BenchmarkFiveStates runs executions of a 5-state workflow with a mocked
// task, the machine built once (target ≥ 200,000 executions per second). The
// mock returns a fixed response, as the peers' mock configuration does;
// "typed" uses a sim.Func handler instead, which converts through Go types;
// "jsonata" runs the JSONata version of the workflow.
func BenchmarkFiveStates(b *testing.B) {
	fixed := Return(map[string]any{"Payload": map[string]any{"orderId": "o-1", "paid": true}, "StatusCode": 200})
	typed := Func(func(_ context.Context, in map[string]any) (map[string]any, error) {
		in["paid"] = true
		return in, nil
	})
	for _, bc := range []struct {
		name    string
		doc     func() *asl.StateMachine
		mock    Handler
		history bool
	}{{"history=false", fiveStates, fixed, false}, {"history=true", fiveStates, fixed, true},
		{"typed/history=false", fiveStates, typed, false}, {"jsonata/history=false", fiveStatesJSONata, fixed, false}} {
		b.Run(bc.name, func(b *testing.B) {
			s, err := New(bc.doc(), History(bc.history), OnState("Pay", bc.mock))
			if err != nil {
				b.Fatal(err)
			}
			in := jsonvalue.MustParse(`{"orderId": "o-1", "total": 42}`)
			b.ReportAllocs()
			for b.Loop() {
				ex := s.run(context.Background(), in)
				if ex.Status != Succeeded {
					b.Fatal(ex.Error, ex.Cause)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "executions/s")
		})
	}
}

// fiveStatesJSONata is fiveStates in JSONata mode, with a variable: the
// same work through Arguments, Output, Assign and Condition.
func fiveStatesJSONata() *asl.StateMachine {
	doc, err := asl.Unmarshal([]byte(`{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": {"Type": "Pass", "Assign": {"attempt": 1}, "Output": "{% $merge([$states.input, {'meta': {'attempt': $attempt}}]) %}", "Next": "Pay"},
    "Pay": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {"FunctionName": "pay", "Payload": "{% $states.input %}"}, "Output": "{% $states.result.Payload %}",
      "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}], "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.paid %}", "Next": "Done"}], "Default": "Failed"},
    "Done": {"Type": "Succeed"},
    "Failed": {"Type": "Fail", "Error": "NotPaid"}
  }
}`))
	if err != nil {
		panic(err)
	}
	return doc
}

// BenchmarkHistoryGrowth runs Pass chains of growing length with history:
// the cost per event should stay flat as the history grows (one
// 12,500-state chain records about 25,000 events, the limit).
func BenchmarkHistoryGrowth(b *testing.B) {
	in := jsonvalue.MustParse(`{"order": {"id": "o-1", "total": 42}}`)
	for _, n := range []int{1250, 12450} {
		b.Run(fmt.Sprintf("states=%d", n), func(b *testing.B) {
			s, err := New(passChain(n), History(true))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			events := 0
			for b.Loop() {
				ex := s.run(context.Background(), in)
				if ex.Status != Succeeded {
					b.Fatal(ex.Error, ex.Cause)
				}
				events = len(ex.Events())
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(events), "ns/event")
		})
	}
}

// BenchmarkHistoryLoop runs one three-state loop (a Pass that counts, a
// Choice that loops back, a Succeed) for about 2,500 and about 25,000
// history events: the same machine, so only the history's length differs,
// and its cost per event should stay flat.
func BenchmarkHistoryLoop(b *testing.B) {
	doc, err := asl.Unmarshal([]byte(`{"StartAt":"Count","States":{
  "Count":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)","n.$":"$.n"},"Next":"More"},
  "More":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThanPath":"$.n","Next":"Count"}],"Default":"Done"},
  "Done":{"Type":"Succeed"}}}`))
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(doc, History(true))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{624, 6249} {
		in := jsonvalue.MustParse(fmt.Sprintf(`{"i": 0, "n": %d}`, n))
		b.Run(fmt.Sprintf("events=%d", 4*n+4), func(b *testing.B) {
			b.ReportAllocs()
			events := 0
			for b.Loop() {
				ex := s.run(context.Background(), in)
				if ex.Status != Succeeded {
					b.Fatal(ex.Error, ex.Cause)
				}
				events = len(ex.Events())
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(events), "ns/event")
		})
	}
}
