package awsapi_test

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/awsapi"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// A Resource with a typo names no action; the error suggests the one meant.
func ExampleLookup() {
	_, err := awsapi.Lookup("arn:aws:states:::sns:publsh")
	fmt.Println(err)
	in, err := awsapi.Lookup("arn:aws:states:::sqs:sendMessage")
	fmt.Println(in.Service, in.Action, err)
	// Output:
	// resource arn:aws:states:::sns:publsh: the optimized sns integration has no action "publsh" (did you mean "publish"?)
	// sqs sendMessage <nil>
}

// A mocked result is checked as TestState checks it in STRICT mode.
func ExampleIntegration_CheckResult() {
	in, err := awsapi.Lookup("arn:aws:states:::aws-sdk:s3:getObject")
	if err != nil {
		panic(err)
	}
	problems := in.CheckResult(jsonvalue.MustParse(`{"StorageClass": "Papyrus"}`), awsapi.Strict)
	fmt.Println(awsapi.MockResultMessage(problems))
	// Output:
	// Mock result schema validation error: Field 'StorageClass' is not an expected value
}
