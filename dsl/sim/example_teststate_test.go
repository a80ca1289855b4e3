package sim_test

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/sim"
)

// Test one Task state with a mocked result, as AWS's TestState API does,
// and look at its data after each processing step.
func ExampleTestState() {
	def := `{
		"Type": "Task",
		"Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName": "charge", "Payload.$": "$.order"},
		"ResultSelector": {"chargeId.$": "$.Payload.chargeId"},
		"ResultPath": "$.charge",
		"Next": "Ship"
	}`
	res, err := sim.TestState(def, map[string]any{"order": map[string]any{"id": "o-1"}},
		sim.MockResultJSON(`{"Payload": {"chargeId": "ch-9"}, "StatusCode": 200}`),
		sim.Inspection(sim.Debug))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Status, res.NextState)
	fmt.Println(string(res.Output))
	fmt.Println(string(res.InspectionData.AfterParameters))
	fmt.Println(string(res.InspectionData.AfterResultSelector))

	// A mocked result that does not fit the Lambda API is refused, as AWS
	// refuses it.
	_, err = sim.TestState(def, map[string]any{}, sim.MockResultJSON(`{"StatusCode": "200"}`))
	fmt.Println(err)
	// Output:
	// SUCCEEDED Ship
	// {"order":{"id":"o-1"},"charge":{"chargeId":"ch-9"}}
	// {"FunctionName":"charge","Payload":{"id":"o-1"}}
	// {"chargeId":"ch-9"}
	// ValidationException: Mock result schema validation error: Field 'StatusCode' must be a number
}

// Test one state of a machine with typed input and output.
func ExampleTestStateOf() {
	type Order struct {
		ID     string `json:"id"`
		Amount int    `json:"amount"`
	}
	def := `{"StartAt": "Check", "States": {
		"Check": {"Type": "Choice", "Choices": [{"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "Review"}], "Default": "Accept"},
		"Review": {"Type": "Succeed"}, "Accept": {"Type": "Succeed"}}}`
	out, res, err := sim.TestStateOf[Order](def, Order{ID: "o-1", Amount: 250}, sim.StateName("Check"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Status, res.NextState, out.ID)
	// Output:
	// SUCCEEDED Review o-1
}
