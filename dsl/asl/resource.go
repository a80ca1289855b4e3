package asl

import "github.com/aslgen/aslgen/dsl/awsapi"

// Pattern is the service integration pattern a Task's Resource asks for.
type Pattern int

const (
	// RequestResponse calls the service and continues with its response.
	RequestResponse Pattern = iota
	// RunJob (".sync", ".sync:2") waits for the job the call started.
	RunJob
	// WaitForTaskToken (".waitForTaskToken") waits for a callback with
	// the task token: the task's result is what SendTaskSuccess sends.
	WaitForTaskToken
)

// Integration is what the Resource of a Task names when it is one of Step
// Functions' optimized integrations,
// arn:PARTITION:states:::SERVICE:ACTION[.sync[:2] | .waitForTaskToken].
type Integration struct {
	// Service and Action are the integration's, such as "lambda" and
	// "invoke", or "aws-sdk" and "dynamodb:getItem".
	Service, Action string
	Pattern         Pattern
}

// ParseIntegration reads an optimized integration's Resource. The
// partition may be any, including a deploy tool's "${AWS::Partition}"; ok is
// false for anything else, such as a Lambda function's own ARN or an
// activity.
func ParseIntegration(resource string) (in Integration, ok bool) {
	service, action, pattern, ok := awsapi.ParseResource(resource)
	if !ok {
		return Integration{}, false
	}
	in = Integration{Service: service, Action: action}
	switch pattern {
	case awsapi.Sync, awsapi.Sync2:
		in.Pattern = RunJob
	case awsapi.WaitForTaskToken:
		in.Pattern = WaitForTaskToken
	}
	return in, true
}

// IsLambdaInvoke reports whether resource is the optimized Lambda
// integration, lambda:invoke, in any partition and with any pattern. Its
// Parameters (or Arguments) name the function (FunctionName) and carry the
// event it receives (Payload); with the request-response pattern its result
// wraps the function's return value in Payload.
func (in Integration) IsLambdaInvoke() bool {
	return in.Service == "lambda" && in.Action == "invoke"
}

// IsLambdaInvoke is ParseIntegration(resource).IsLambdaInvoke().
func IsLambdaInvoke(resource string) bool {
	in, ok := ParseIntegration(resource)
	return ok && in.IsLambdaInvoke()
}
