package sim_test

import (
	"encoding/json"
	"testing"

	"github.com/aslgen/aslgen/dsl/sim"
)

// BenchmarkTestState is one TestState call of a Task with a mocked result,
// at each inspection level.
func BenchmarkTestState(b *testing.B) {
	def := json.RawMessage(`{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName": "charge", "Payload.$": "$.order"},
		"ResultSelector": {"chargeId.$": "$.Payload.chargeId"}, "ResultPath": "$.charge", "Next": "Ship"}`)
	input := json.RawMessage(`{"order": {"id": "o-1", "amount": 42}}`)
	mock := sim.MockResultJSON(`{"Payload": {"chargeId": "ch-9"}, "StatusCode": 200, "ExecutedVersion": "$LATEST"}`)
	for _, level := range []sim.InspectionLevel{sim.Info, sim.Debug, sim.Trace} {
		b.Run(string(level), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := sim.TestState(def, input, mock, sim.Inspection(level))
				if err != nil || res.Status != sim.TestSucceeded {
					b.Fatal(res, err)
				}
			}
		})
	}
}
