package dsl_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl"
)

// TestCheckIntegrationWarnings checks that the validator's warnings about
// integrations (UNKNOWN_INTEGRATION, UNSUPPORTED_PARAMETER) reach Check at
// the Resource, Parameters or Arguments call, nested states included.
func TestCheckIntegrationWarnings(t *testing.T) {
	type want struct {
		line  int
		state string
		msg   string
	}
	m := dsl.NewMachine("M")
	notify := m.Task("Notify").
		Resource("arn:aws:states:::sns:publsh")
	w := []want{{line() - 1, "Notify", `Resource: "arn:aws:states:::sns:publsh" names no service integration: the optimized sns integration has no action "publsh" (did you mean "publish"?) (UNKNOWN_INTEGRATION)`}}
	send := m.Task("Send").Resource("arn:aws:states:::sqs:sendMessage").
		Parameters(dsl.Obj{"QueueUrl": "q", "MesageBody": dsl.Path("$.body")})
	w = append(w, want{line() - 1, "Send", `Parameters/MesageBody.$: The field "MesageBody" is not supported by Step Functions: sqs:sendMessage has no parameter "MesageBody" (did you mean "MessageBody"?) (UNSUPPORTED_PARAMETER)`})
	p := m.Parallel("P")
	p.Branch().Task("Put").Resource("arn:aws:states:::dynamodb:putItem").
		Parameters(dsl.Obj{"TableName": "t", "Item": dsl.Obj{}, "ReturnValue": "ALL_OLD"})
	w = append(w, want{line() - 1, "Put", `Parameters/ReturnValue: The field "ReturnValue" is not supported by Step Functions: dynamodb:putItem has no parameter "ReturnValue" (did you mean "ReturnValues"?) (UNSUPPORTED_PARAMETER)`})
	publish := m.Task("Publish").QueryLanguage(dsl.JSONata).Resource("arn:aws:states:::sns:publish").
		Arguments(dsl.Obj{"TopicArn": "t", "Mesage": "{% $states.input.text %}"})
	w = append(w, want{line() - 1, "Publish", `Arguments/Mesage: The field "Mesage" is not supported by Step Functions: sns:publish has no parameter "Mesage" (did you mean "Message"?) (UNSUPPORTED_PARAMETER)`})
	fn := m.Task("Fn").Resource("arn:aws:lambda:us-east-1:123456789012:function:F").
		Parameters(dsl.Obj{"anything": 1}) // not an integration: no warning
	m.Chain(notify, send, p, publish, fn)

	doc, warnings, err := m.Check()
	if err != nil || doc == nil {
		t.Fatalf("Check: %v", err)
	}
	if len(warnings) != len(w) {
		t.Fatalf("got %d warnings, want %d:\n%v", len(warnings), len(w), warnings)
	}
	for i, got := range warnings {
		if got.Pos.Line != w[i].line || got.State != w[i].state || got.Msg != w[i].msg ||
			!strings.HasSuffix(got.Pos.File, "integration_warnings_test.go") {
			t.Errorf("warning %d:\n got %s:%d: state %q: %s\nwant line %d: state %q: %s",
				i, got.Pos.File, got.Pos.Line, got.State, got.Msg, w[i].line, w[i].state, w[i].msg)
		}
	}

	// Strict makes them errors.
	_, err = m.Strict().Build()
	if err == nil || !strings.Contains(err.Error(), "UNKNOWN_INTEGRATION") {
		t.Errorf("Strict: %v, want the warnings as errors", err)
	}
}

// TestStrictIntegrationWarningOnce checks that a LambdaInvoke parameter
// that the builder reports is not reported again, under Strict, as the
// validator's UNSUPPORTED_PARAMETER.
func TestStrictIntegrationWarningOnce(t *testing.T) {
	m := dsl.NewMachine("M").Strict()
	m.LambdaInvoke("Pay", "pay").Parameters(dsl.Obj{"orderId": dsl.Path("$.id")})
	_, err := m.Build()
	var list dsl.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Msg, `"orderId" is not a parameter of lambda:invoke`) {
		t.Errorf("got %v, want the builder's error alone", err)
	}
}
