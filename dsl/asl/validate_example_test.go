package asl_test

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/asl"
)

func ExampleValidate() {
	sm, err := asl.Unmarshal([]byte(`{
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}],
      "Next": "Ship"
    },
    "Notify": {"Type": "Succeed"}
  }
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	ds := asl.Validate(sm)
	for _, d := range ds {
		fmt.Println(d)
	}
	fmt.Println("valid:", !asl.HasErrors(ds))
	// Output:
	// ERROR SCHEMA_VALIDATION_FAILED /States/Charge/Retry/0/BackoffRate: BackoffRate must be at least 1.0, got 0.5
	// ERROR MISSING_TRANSITION_TARGET /States/Charge/Next: Missing 'Next' target: Ship (no state of that name in this scope)
	// ERROR MISSING_TRANSITION_TARGET /States/Notify: State "Notify" is not reachable. Remove it or add a transition to it
	// valid: false
}

func ExampleValidateJSON() {
	ds := asl.ValidateJSON([]byte(`{
  "StartAt": "Wait",
  "States": {
    "Wait": {"Type": "Wait", "Seconds": 10, "SecondsPath": "$.delay", "End": true}
  }
}`))
	for _, d := range ds {
		fmt.Println(d)
	}
	// Output:
	// 4:45: ERROR SCHEMA_VALIDATION_FAILED /States/Wait/SecondsPath: There should only be one of the following fields: [Seconds, SecondsPath]
}
