package sim_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/sim"
)

type order struct {
	ID    string  `json:"id"`
	Total float64 `json:"total"`
	Paid  bool    `json:"paid"`
}

// A workflow built with dsl runs in the simulator with typed mocks.
func ExampleSimulator_Run() {
	m := dsl.NewMachine("Checkout")
	pay := m.LambdaInvoke("Pay", "pay").OutputPath("$.Payload").
		Retry(dsl.Retry(dsl.ErrTaskFailed).Interval(2 * time.Second).MaxAttempts(3))
	big := m.Choice("Big")
	review := m.Wait("Review").For(dsl.Duration(time.Hour))
	done := m.Succeed("Done")
	m.Chain(pay, big)
	big.When(dsl.NumericGreaterThan("$.total", 100), review).Otherwise(done)
	review.Next(done)
	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}

	s, err := sim.New(doc, sim.OnState("Pay", sim.Sequence(
		sim.Throw("States.TaskFailed", "card network busy"),
		sim.Func(func(_ context.Context, o order) (order, error) {
			o.Paid = true
			return o, nil
		}),
	)))
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), order{ID: "o-1", Total: 250})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex.Status, string(ex.OutputJSON()))
	fmt.Println(ex.StatesEntered())
	fmt.Println("virtual time:", ex.StopTime.Sub(ex.StartTime))
	// Output:
	// SUCCEEDED {"id":"o-1","total":250,"paid":true}
	// [Pay Big Review Done]
	// virtual time: 1h0m2s
}

// A failure shows AWS's error name and cause.
func ExampleSimulator_Run_failure() {
	m := dsl.NewMachine("Strict")
	m.Pass("Pick").InputPath("$.order")
	doc, _ := m.Build()
	s, _ := sim.New(doc)
	ex, _ := s.Run(context.Background(), map[string]any{"id": 1})
	fmt.Println(ex.Status, ex.Error)
	fmt.Println(ex.Cause)
	// Output:
	// FAILED States.Runtime
	// An error occurred while executing the state 'Pick' (entered at the event id #2). Invalid path '$.order' : No results for path: $['order']
}

// A JSONata workflow keeps data in variables: every state reads them, and
// the history records what each state assigned.
func ExampleSimulator_Run_jsonata() {
	m := dsl.NewMachine("Totals").QueryLanguage(dsl.JSONata)
	load := m.Pass("Load").Assign(dsl.Obj{"rate": 0.2, "items": "{% $states.input.items %}"})
	sum := m.Pass("Sum").Output(dsl.Obj{"total": "{% $sum($items.price) * (1 + $rate) %}"})
	m.Chain(load, sum)
	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := sim.New(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := s.Run(context.Background(), map[string]any{"items": []map[string]any{{"price": 10}, {"price": 40}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex.Status, string(ex.OutputJSON()))
	for _, ev := range ex.Events() {
		if ev.AssignedVariables != nil {
			fmt.Println(ev.Name, "assigned", len(ev.AssignedVariables), "variables")
		}
	}
	// Output:
	// SUCCEEDED {"total":60}
	// Load assigned 2 variables
}
