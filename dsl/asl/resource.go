package asl

import "strings"

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
	rest, ok := strings.CutPrefix(resource, "arn:")
	if !ok {
		return Integration{}, false
	}
	partition, rest, ok := cutPartition(rest)
	if !ok || partition == "" {
		return Integration{}, false
	}
	rest, ok = strings.CutPrefix(rest, ":states:::")
	if !ok {
		return Integration{}, false
	}
	switch {
	case strings.HasSuffix(rest, ".waitForTaskToken"):
		in.Pattern, rest = WaitForTaskToken, strings.TrimSuffix(rest, ".waitForTaskToken")
	case strings.HasSuffix(rest, ".sync:2"):
		in.Pattern, rest = RunJob, strings.TrimSuffix(rest, ".sync:2")
	case strings.HasSuffix(rest, ".sync"):
		in.Pattern, rest = RunJob, strings.TrimSuffix(rest, ".sync")
	}
	in.Service, in.Action, ok = strings.Cut(rest, ":")
	if !ok || in.Service == "" || in.Action == "" {
		return Integration{}, false
	}
	return in, true
}

// cutPartition splits the partition, which may be a "${...}" placeholder
// holding colons, from the rest of an ARN after "arn:".
func cutPartition(s string) (partition, rest string, ok bool) {
	if strings.HasPrefix(s, "${") {
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return "", "", false
		}
		return s[:end+1], s[end+1:], true
	}
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i:], true
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
