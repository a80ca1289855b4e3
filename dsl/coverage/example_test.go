package coverage_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/coverage"
	"github.com/aslgen/aslgen/dsl/sim"
)

// The coverage of some executions: what they reached, and what they left
// out.
func ExampleProfile_Missing() {
	doc, err := asl.Unmarshal([]byte(`{"StartAt": "Check", "States": {
	  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Failed"},
	  "Done": {"Type": "Succeed"},
	  "Failed": {"Type": "Fail", "Error": "NotOK"}}}`))
	if err != nil {
		panic(err)
	}
	s, err := sim.New(doc, sim.StartTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		panic(err)
	}
	ex, err := s.Run(context.Background(), map[string]any{"ok": true})
	if err != nil {
		panic(err)
	}
	p := sim.Coverage(doc, ex)
	fig := p.Summary()
	fmt.Println("states:", fig[coverage.States])
	for _, m := range p.Missing(coverage.States) {
		fmt.Println("missing:", m)
	}
	// Output:
	// states: 66.7%
	// missing: state Failed
}
