package sim_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/aslgen/aslgen/dsl/sim"
)

const pathMachine = `{
  "StartAt": "Start",
  "States": {
    "Start": {"Type": "Pass", "Next": "Route"},
    "Route": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Fan"}], "Default": "Each"},
    "Fan": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
      ],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
      "Next": "Each"
    },
    "Recover": {"Type": "Pass", "Next": "Each"},
    "Each": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}},
      "ResultPath": null,
      "Next": "Finish"
    },
    "Finish": {"Type": "Fail", "Error": "Done"}
  }
}`

func TestPath(t *testing.T) {
	s, err := sim.New(mustDecode(pathMachine), sim.OnState("B", sim.Throw("Boom", "b failed")))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), map[string]any{"ok": true, "items": []int{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	p := ex.Path()
	if want := []string{"Start", "Route", "Fan", "A", "B", "Recover", "Each", "Item", "Item", "Finish"}; !slices.Equal(p.Entered, want) {
		t.Errorf("Entered = %q, want %q", p.Entered, want)
	}
	got := map[string]int{}
	for _, tr := range p.Transitions {
		got[fmt.Sprintf("%s->%s/%v", tr.From, tr.To, tr.Caught)]++
	}
	want := map[string]int{
		"->Start/false": 1, "Start->Route/false": 1, "Route->Fan/false": 1,
		"Fan->A/false": 1, "Fan->B/false": 1, "A->/false": 1,
		"Fan->Recover/true": 1, "Recover->Each/false": 1,
		"Each->Item/false": 2, "Item->/false": 2, "Each->Finish/false": 1,
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("transition %s taken %d times, want %d (all: %v)", k, got[k], n, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("transitions %v, want %v", got, want)
	}
	if w := []string{"Fan", "B", "Finish"}; !slices.Equal(p.Failed, w) {
		t.Errorf("Failed = %q, want %q", p.Failed, w)
	}
}

func TestPathWithoutHistory(t *testing.T) {
	s, err := sim.New(mustDecode(pathMachine), sim.History(false))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), map[string]any{"ok": false, "items": []int{}})
	if err != nil {
		t.Fatal(err)
	}
	if p := ex.Path(); len(p.Entered)+len(p.Transitions)+len(p.Failed) > 0 {
		t.Errorf("Path without history = %+v, want empty", p)
	}
}
