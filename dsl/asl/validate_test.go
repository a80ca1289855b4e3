package asl

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// E and W write an expected diagnostic as "SEVERITY CODE LOCATION".
func E(code, loc string) string { return "ERROR " + code + " " + loc }
func W(code, loc string) string { return "WARNING " + code + " " + loc }

const (
	svf = CodeSchemaValidationFailed
	mtt = CodeMissingTransitionTarget
)

// summary gives each diagnostic as "SEVERITY CODE LOCATION".
func summary(ds []Diagnostic) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, string(d.Severity)+" "+d.Code+" "+d.Location)
	}
	return out
}

// machine wraps states (the members of a States object) into a document
// that starts at A.
func machine(states string) string {
	return `{"StartAt": "A", "States": {` + states + `}}`
}

// jsonata is machine with a top-level QueryLanguage of JSONata.
func jsonata(states string) string {
	return `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {` + states + `}}`
}

const (
	endOK = `"Z": {"Type": "Succeed"}`
	// service is the Resource of a Task that calls an optimized
	// integration with no required parameters the validator knows of.
	service = `"Resource": "arn:aws:states:::sqs:sendMessage"`
	lambda  = `"Resource": "arn:aws:states:::lambda:invoke"`
)

// inlineMap returns a Map state A whose item processor is one Pass state,
// with extra fields (a leading comma included) and a processor config.
func mapWith(extra, config string) string {
	pc := ""
	if config != "" {
		pc = `"ProcessorConfig": ` + config + `, `
	}
	return `"A": {"Type": "Map", "ItemProcessor": {` + pc + `"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}` + extra + `, "End": true}`
}

const distributed = `{"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}`

type validateCase struct {
	name string
	doc  string
	want []string
}

var validateCases = []validateCase{
	// A baseline that must stay clean.
	{"valid minimal", machine(`"A": {"Type": "Pass", "Next": "Z"}, ` + endOK), nil},
	{"valid names with spaces and punctuation", `{"StartAt": "Say hello, world?", "States": {"Say hello, world?": {"Type": "Pass", "Next": "Buy/Sell: $ & \"quoted\""}, "Buy/Sell: $ & \"quoted\"": {"Type": "Succeed"}}}`, nil},

	// Names and scopes.
	{"StartAt missing", `{"States": {"A": {"Type": "Succeed"}}}`, []string{E(svf, "")}},
	{"StartAt names no state", `{"StartAt": "X", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}`,
		[]string{E(mtt, "/StartAt"), E(mtt, "/States/A")}},
	{"States empty", `{"StartAt": "A", "States": {}}`, []string{E(svf, "/States")}},
	{"StartAt and States missing", `{"Comment": "x"}`, []string{E(svf, "")}},
	{"branch StartAt names a state of another scope", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "Z", "States": {"B": {"Type": "Succeed"}}}], "Next": "Z"}, ` + endOK),
		[]string{E(mtt, "/States/A/Branches/0/StartAt"), E(mtt, "/States/A/Branches/0/States/B")}},
	{"state name of 80 characters", `{"StartAt": "` + strings.Repeat("x", 80) + `", "States": {"` + strings.Repeat("x", 80) + `": {"Type": "Succeed"}}}`, nil},
	{"state name of 81 characters", `{"StartAt": "` + strings.Repeat("é", 81) + `", "States": {"` + strings.Repeat("é", 81) + `": {"Type": "Succeed"}}}`,
		[]string{E(CodeInvalidStateName, "/States/"+strings.Repeat("é", 81))}},
	{"empty state name", `{"StartAt": "", "States": {"": {"Type": "Succeed"}}}`, []string{E(svf, ""), E(CodeInvalidStateName, "/States/")}},
	{"control character in state name", `{"StartAt": "A\u0007", "States": {"A\u0007": {"Type": "Succeed"}}}`,
		[]string{E(CodeInvalidStateName, "/States/A\u0007")}},
	{"C1 control character in state name", `{"StartAt": "A\u0085", "States": {"A\u0085": {"Type": "Succeed"}}}`,
		[]string{E(CodeInvalidStateName, "/States/A\u0085")}},
	{"duplicate name in a branch", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "Z", "States": {"Z": {"Type": "Succeed"}}}], "Next": "Z"}, ` + endOK),
		[]string{E(CodeDuplicateStateName, "/States/Z")}},
	{"duplicate name across two branches", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}, {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "End": true}`),
		[]string{E(CodeDuplicateStateName, "/States/A/Branches/1/States/B")}},
	{"duplicate name in an item processor", machine(`"A": {"Type": "Map", "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}, "End": true}`),
		[]string{E(CodeDuplicateStateName, "/States/A/ItemProcessor/States/A")}},

	// Transitions.
	{"Next names no state", machine(`"A": {"Type": "Pass", "Next": "Nope"}`),
		[]string{E(CodeMissingEndState, ""), E(mtt, "/States/A/Next")}},
	{"Default names no state", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Z"}], "Default": "Nope"}, ` + endOK),
		[]string{E(mtt, "/States/A/Default")}},
	{"Choices Next names no state", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Z"}, {"Variable": "$.y", "IsPresent": true, "Next": "Nope"}], "Default": "Z"}, ` + endOK),
		[]string{E(mtt, "/States/A/Choices/1/Next")}},
	{"Catch Next names no state", machine(`"A": {"Type": "Task", ` + service + `, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nope"}], "Next": "Z"}, ` + endOK),
		[]string{E(mtt, "/States/A/Catch/0/Next")}},
	{"Next leaves a branch", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Z"}, "C": {"Type": "Succeed"}}}], "Next": "Z"}, ` + endOK),
		[]string{E(mtt, "/States/A/Branches/0/States/B/Next"), E(mtt, "/States/A/Branches/0/States/C")}},
	{"Next into an item processor", machine(`"A": {"Type": "Pass", "Next": "I"}, ` + `"M": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}`),
		[]string{E(mtt, "/States/A/Next"), E(mtt, "/States/M")}},

	// Reachability.
	{"unreachable state", machine(`"A": {"Type": "Pass", "Next": "Z"}, "B": {"Type": "Pass", "Next": "Z"}, ` + endOK),
		[]string{E(mtt, "/States/B")}},
	{"reachable through Catch, Default and Choices", machine(`"A": {"Type": "Task", ` + service + `, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "Next": "C"}, "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Z"}], "Default": "D"}, "D": {"Type": "Succeed"}, "F": {"Type": "Fail"}, ` + endOK),
		nil},
	{"unreachable cycle", machine(`"A": {"Type": "Pass", "Next": "Z"}, "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Pass", "Next": "B"}, ` + endOK),
		[]string{E(mtt, "/States/B"), E(mtt, "/States/C")}},
	{"no terminal state hides unreachable states", machine(`"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "D": {"Type": "Pass", "Next": "A"}`),
		[]string{E(CodeMissingEndState, "")}},
	{"unreachable terminal state", machine(`"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Pass", "End": true}`),
		[]string{E(mtt, "/States/C")}},
	{"unreachable state in a branch", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}, "C": {"Type": "Succeed"}}}], "End": true}`),
		[]string{E(mtt, "/States/A/Branches/0/States/C")}},

	// Next and End.
	{"Next and End", machine(`"A": {"Type": "Pass", "Next": "Z", "End": true}, ` + endOK), []string{E(svf, "/States/A/End")}},
	{"Pass without Next or End", machine(`"A": {"Type": "Pass"}, "B": {"Type": "Succeed"}`),
		[]string{E(svf, "/States/A"), E(mtt, "/States/B")}},
	{"Task without Next or End", machine(`"A": {"Type": "Task", ` + service + `}, "B": {"Type": "Fail"}`),
		[]string{E(svf, "/States/A"), E(mtt, "/States/B")}},
	{"Wait without Next or End", machine(`"A": {"Type": "Wait", "Seconds": 1}, "B": {"Type": "Fail"}`),
		[]string{E(svf, "/States/A"), E(mtt, "/States/B")}},
	{"Parallel without Next or End", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}, "C": {"Type": "Fail"}`),
		[]string{E(svf, "/States/A"), E(mtt, "/States/C")}},
	{"Map without Next or End", machine(`"A": {"Type": "Map", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}, "C": {"Type": "Fail"}`),
		[]string{E(svf, "/States/A"), E(mtt, "/States/C")}},
	{"no terminal state", machine(`"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}`),
		[]string{E(CodeMissingEndState, "")}},
	{"no terminal state in a branch", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "B"}}}], "End": true}`),
		[]string{E(CodeMissingEndState, "/States/A/Branches/0")}},
	{"no terminal state in an item processor", machine(`"A": {"Type": "Map", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "B"}}}, "End": true}`),
		[]string{E(CodeMissingEndState, "/States/A/ItemProcessor")}},
	{"Fail is terminal", machine(`"A": {"Type": "Fail"}`), nil},

	// Choice.
	{"Choices missing", machine(`"A": {"Type": "Choice", "Default": "Z"}, ` + endOK), []string{E(svf, "/States/A")}},
	{"Choices empty", machine(`"A": {"Type": "Choice", "Choices": [], "Default": "Z"}, ` + endOK), []string{E(svf, "/States/A/Choices")}},
	{"rule without a comparison", machine(`"A": {"Type": "Choice", "Choices": [{"Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0")}},
	{"rule with a comparison and And", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "And": [{"Variable": "$.y", "IsNull": true}], "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0")}},
	{"rule with And and Not", machine(`"A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.y", "IsNull": true}, "And": [{"Variable": "$.y", "IsNull": true}], "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0")}},
	{"empty And", machine(`"A": {"Type": "Choice", "Choices": [{"And": [], "Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0/And")}},
	{"empty Or", machine(`"A": {"Type": "Choice", "Choices": [{"Or": [], "Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0/Or")}},
	{"operator without Variable", machine(`"A": {"Type": "Choice", "Choices": [{"StringEquals": "x", "Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0")}},
	{"Variable without operator", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0/Variable")}},
	{"nested rule without operator", machine(`"A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x"}, "Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0/Not/Variable")}},
	{"nested rule checked inside Or", machine(`"A": {"Type": "Choice", "Choices": [{"Or": [{"Variable": "$.x", "IsNull": true}, {"Comment": "empty"}], "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0/Or/1")}},
	{"top-level rule without Next", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true}], "Default": "Z"}, ` + endOK), []string{E(svf, "/States/A/Choices/0")}},
	{"Condition in a JSONPath state", machine(`"A": {"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0/Condition")}},
	{"rule Output in a JSONPath state", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Output": {}, "Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0/Output")}},
	{"Variable in a JSONata state", jsonata(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": "y", "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0/Variable"), E(svf, "/States/A/Choices/0/StringEquals")}},
	{"And in a JSONata state", jsonata(`"A": {"Type": "Choice", "Choices": [{"And": [{"Condition": "{% true %}"}], "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0/And")}},
	{"JSONata rule without Condition", jsonata(`"A": {"Type": "Choice", "Choices": [{"Next": "Z"}]}, ` + endOK), []string{E(svf, "/States/A/Choices/0")}},
	{"valid JSONata Choice", jsonata(`"A": {"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Output": {"a": 1}, "Assign": {"b": 2}, "Next": "Z"}], "Default": "Z"}, ` + endOK), nil},

	// Wait.
	{"Wait without a duration", machine(`"A": {"Type": "Wait", "End": true}`), []string{E(svf, "/States/A")}},
	{"Wait with Seconds and SecondsPath", machine(`"A": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}`), []string{E(svf, "/States/A/SecondsPath")}},
	{"Wait with Seconds and Timestamp", machine(`"A": {"Type": "Wait", "Seconds": 1, "Timestamp": "2016-03-14T01:59:00Z", "End": true}`), []string{E(svf, "/States/A/Timestamp")}},
	{"Wait with SecondsPath and TimestampPath", machine(`"A": {"Type": "Wait", "SecondsPath": "$.s", "TimestampPath": "$.t", "End": true}`), []string{E(svf, "/States/A/TimestampPath")}},
	{"negative Seconds", machine(`"A": {"Type": "Wait", "Seconds": -1, "End": true}`), []string{E(svf, "/States/A/Seconds")}},
	{"Seconds over the limit", machine(`"A": {"Type": "Wait", "Seconds": 100000000, "End": true}`), []string{E(svf, "/States/A/Seconds")}},
	{"zero Seconds", machine(`"A": {"Type": "Wait", "Seconds": 0, "End": true}`), nil},
	{"Timestamp with a lowercase t", machine(`"A": {"Type": "Wait", "Timestamp": "2016-03-14t01:59:00Z", "End": true}`), []string{E(svf, "/States/A/Timestamp")}},
	{"Timestamp with a lowercase z", machine(`"A": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00z", "End": true}`), []string{E(svf, "/States/A/Timestamp")}},
	{"Timestamp without a zone", machine(`"A": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00", "End": true}`), []string{E(svf, "/States/A/Timestamp")}},
	{"Timestamp that is no date", machine(`"A": {"Type": "Wait", "Timestamp": "2016-02-30T01:59:00Z", "End": true}`), []string{E(svf, "/States/A/Timestamp")}},
	{"Timestamp that is a date only", machine(`"A": {"Type": "Wait", "Timestamp": "2016-03-14", "End": true}`), []string{E(svf, "/States/A/Timestamp")}},
	{"Timestamp with fraction and offset", machine(`"A": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00.123+05:30", "Next": "B"}, "B": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00.5Z", "End": true}`), nil},
	{"JSONata Timestamp expression", jsonata(`"A": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "Next": "B"}, "B": {"Type": "Wait", "Seconds": "{% 3 %}", "End": true}`), nil},
	{"JSONata Timestamp that is no timestamp", jsonata(`"A": {"Type": "Wait", "Timestamp": "tomorrow", "End": true}`), []string{E(svf, "/States/A/Timestamp")}},
	{"JSONata Seconds that is no expression", jsonata(`"A": {"Type": "Wait", "Seconds": "10", "End": true}`), []string{E(svf, "/States/A/Seconds")}},

	// Task.
	{"Task without Resource", machine(`"A": {"Type": "Task", "End": true}`), []string{E(svf, "/States/A")}},
	{"Resource that is no ARN", machine(`"A": {"Type": "Task", "Resource": "MyFunction", "End": true}`), []string{E(svf, "/States/A/Resource")}},
	{"Resource with too few ARN parts", machine(`"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1", "End": true}`), []string{E(svf, "/States/A/Resource")}},
	{"Resource with an unclosed placeholder", machine(`"A": {"Type": "Task", "Resource": "${lambdaArn", "End": true}`), []string{E(svf, "/States/A/Resource")}},
	{"Resource with an empty placeholder", machine(`"A": {"Type": "Task", "Resource": "arn:${}:states:::lambda:invoke", "End": true}`), []string{E(svf, "/States/A/Resource")}},
	{"Resource placeholders", machine(`"A": {"Type": "Task", "Resource": "${LambdaArn}", "Next": "B"}, "B": {"Type": "Task", "Resource": "arn:${AWS::Partition}:states:::lambda:invoke", "End": true}`), nil},
	{"Resource as an intrinsic function", machine(`"A": {"Type": "Task", "Resource": {"Fn::GetAtt": ["F", "Arn"]}, "End": true}`), nil},
	{"Lambda ARN with an empty alias", machine(`"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F:", "End": true}`), []string{E(svf, "/States/A/Resource")}},
	{"Lambda ARN with a bad alias", machine(`"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F:a*b", "End": true}`), []string{E(svf, "/States/A/Resource")}},
	{"Lambda ARNs with version and alias", machine(`"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F:$LATEST", "Next": "B"}, "B": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F.v2:prod-1", "End": true}`), nil},
	{"lambda:invoke without FunctionName", machine(`"A": {"Type": "Task", ` + lambda + `, "Parameters": {"Payload.$": "$"}, "End": true}`), []string{E(svf, "/States/A/Parameters")}},
	{"lambda:invoke.waitForTaskToken without FunctionName", machine(`"A": {"Type": "Task", "Resource": "arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken", "Parameters": {"Payload": {"t.$": "$$.Task.Token"}}, "End": true}`), []string{E(svf, "/States/A/Parameters")}},
	{"JSONata lambda:invoke without FunctionName", jsonata(`"A": {"Type": "Task", ` + lambda + `, "Arguments": {"Payload": "{% $states.input %}"}, "End": true}`), []string{E(svf, "/States/A/Arguments")}},
	{"lambda:invoke with FunctionName, a path to it, an expression or no Parameters", machine(`"A": {"Type": "Task", ` + lambda + `, "Parameters": {"FunctionName": "f"}, "Next": "B"}, "B": {"Type": "Task", ` + lambda + `, "Parameters": {"FunctionName.$": "$.fn"}, "Next": "C"}, "C": {"Type": "Task", ` + lambda + `, "End": true}`), nil},
	{"JSONata lambda:invoke with FunctionName or an expression", jsonata(`"A": {"Type": "Task", ` + lambda + `, "Arguments": {"FunctionName": "f"}, "Next": "B"}, "B": {"Type": "Task", ` + lambda + `, "Arguments": "{% $states.input %}", "End": true}`), nil},
	{"TimeoutSeconds zero", machine(`"A": {"Type": "Task", ` + service + `, "TimeoutSeconds": 0, "End": true}`), []string{E(svf, "/States/A/TimeoutSeconds")}},
	{"TimeoutSeconds over the limit", machine(`"A": {"Type": "Task", ` + service + `, "TimeoutSeconds": 100000000, "End": true}`), []string{E(svf, "/States/A/TimeoutSeconds")}},
	{"HeartbeatSeconds zero", machine(`"A": {"Type": "Task", ` + service + `, "HeartbeatSeconds": 0, "End": true}`), []string{E(svf, "/States/A/HeartbeatSeconds")}},
	{"TimeoutSeconds and its path", machine(`"A": {"Type": "Task", ` + service + `, "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": true}`), []string{E(svf, "/States/A/TimeoutSecondsPath")}},
	{"HeartbeatSeconds and its path", machine(`"A": {"Type": "Task", ` + service + `, "HeartbeatSeconds": 5, "HeartbeatSecondsPath": "$.h", "End": true}`), []string{E(svf, "/States/A/HeartbeatSecondsPath")}},
	{"heartbeat not below timeout", machine(`"A": {"Type": "Task", ` + service + `, "TimeoutSeconds": 10, "HeartbeatSeconds": 10, "End": true}`), []string{E(svf, "/States/A/HeartbeatSeconds")}},
	{"heartbeat below timeout", machine(`"A": {"Type": "Task", ` + service + `, "TimeoutSeconds": 10, "HeartbeatSeconds": 9, "End": true}`), nil},
	{"JSONata timeout expressions", jsonata(`"A": {"Type": "Task", ` + service + `, "TimeoutSeconds": "{% 10 %}", "HeartbeatSeconds": "{% 20 %}", "End": true}`), nil},

	// Fail.
	{"Fail with Error and ErrorPath", machine(`"A": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}`), []string{E(svf, "/States/A/ErrorPath")}},
	{"Fail with Cause and CausePath", machine(`"A": {"Type": "Fail", "Cause": "C", "CausePath": "$.c"}`), []string{E(svf, "/States/A/CausePath")}},
	{"Fail paths", machine(`"A": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}`), nil},

	// Parallel.
	{"Parallel without Branches", machine(`"A": {"Type": "Parallel", "End": true}`), []string{E(svf, "/States/A")}},
	{"Parallel with no branch", machine(`"A": {"Type": "Parallel", "Branches": [], "End": true}`), []string{E(svf, "/States/A/Branches")}},
	{"empty branch", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {}}], "End": true}`), []string{E(svf, "/States/A/Branches/0/States")}},

	// Map.
	{"Map without a processor", machine(`"A": {"Type": "Map", "End": true}`), []string{E(svf, "/States/A")}},
	{"Map with ItemProcessor and Iterator", machine(`"A": {"Type": "Map", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}, "Iterator": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}, "End": true}`),
		[]string{E(svf, "/States/A/Iterator")}},
	{"legacy Iterator", machine(`"A": {"Type": "Map", "Iterator": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}, "Parameters": {"x.$": "$$.Map.Item.Value"}, "End": true}`), nil},
	{"Map with Parameters and ItemSelector", machine(mapWith(`, "ItemSelector": {}, "Parameters": {}`, "")), []string{E(svf, "/States/A/Parameters")}},
	{"Map with ItemsPath and Items", jsonata(mapWith(`, "ItemsPath": "$.items", "Items": [1]`, "")),
		[]string{E(svf, "/States/A/ItemsPath"), E(svf, "/States/A/Items")}},
	{"negative MaxConcurrency", machine(mapWith(`, "MaxConcurrency": -1`, "")), []string{E(svf, "/States/A/MaxConcurrency")}},
	{"MaxConcurrency and its path", machine(mapWith(`, "MaxConcurrency": 1, "MaxConcurrencyPath": "$.m"`, "")), []string{E(svf, "/States/A/MaxConcurrencyPath")}},
	{"unknown Mode", machine(mapWith("", `{"Mode": "PARALLEL"}`)), []string{E(svf, "/States/A/ItemProcessor/ProcessorConfig/Mode")}},
	{"unknown ExecutionType", machine(mapWith("", `{"Mode": "DISTRIBUTED", "ExecutionType": "FAST"}`)), []string{E(svf, "/States/A/ItemProcessor/ProcessorConfig/ExecutionType")}},
	{"ExecutionType in inline mode", machine(mapWith("", `{"Mode": "INLINE", "ExecutionType": "EXPRESS"}`)), []string{E(svf, "/States/A/ItemProcessor/ProcessorConfig/ExecutionType")}},
	{"distributed without ExecutionType", machine(mapWith("", `{"Mode": "DISTRIBUTED"}`)), []string{E(svf, "/States/A/ItemProcessor/ProcessorConfig")}},
	{"distributed fields in an inline Map", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"}, "ItemBatcher": {"MaxItemsPerBatch": 2}, "ResultWriter": {}, "ToleratedFailurePercentage": 5, "ToleratedFailureCount": 1, "Label": "L"`, "")),
		[]string{W(svf, "/States/A/ItemReader"), W(svf, "/States/A/ItemBatcher"), W(svf, "/States/A/ResultWriter"),
			W(svf, "/States/A/ToleratedFailurePercentage"), W(svf, "/States/A/ToleratedFailureCount"), W(svf, "/States/A/Label")}},
	{"distributed Map", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a"], "CSVDelimiter": "PIPE", "MaxItems": 10}, "Parameters": {"Bucket": "b"}}, "ItemBatcher": {"MaxItemsPerBatch": 2, "MaxInputBytesPerBatch": 262144}, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {}, "WriterConfig": {"OutputType": "JSONL", "Transformation": "FLATTEN"}}, "ToleratedFailurePercentage": 100, "ToleratedFailureCount": 0, "Label": "my-map_1"`, distributed)), nil},
	{"ToleratedFailurePercentage over 100", machine(mapWith(`, "ToleratedFailurePercentage": 100.5`, distributed)), []string{E(svf, "/States/A/ToleratedFailurePercentage")}},
	{"negative ToleratedFailurePercentage", machine(mapWith(`, "ToleratedFailurePercentage": -1`, distributed)), []string{E(svf, "/States/A/ToleratedFailurePercentage")}},
	{"negative ToleratedFailureCount", machine(mapWith(`, "ToleratedFailureCount": -1`, distributed)), []string{E(svf, "/States/A/ToleratedFailureCount")}},
	{"ToleratedFailurePercentage and its path", machine(mapWith(`, "ToleratedFailurePercentage": 1, "ToleratedFailurePercentagePath": "$.p"`, distributed)), []string{E(svf, "/States/A/ToleratedFailurePercentagePath")}},
	{"ToleratedFailureCount and its path", machine(mapWith(`, "ToleratedFailureCount": 1, "ToleratedFailureCountPath": "$.c"`, distributed)), []string{E(svf, "/States/A/ToleratedFailureCountPath")}},
	{"Label of 41 characters", machine(mapWith(`, "Label": "`+strings.Repeat("a", 41)+`"`, distributed)), []string{E(CodeInvalidLabelName, "/States/A/Label")}},
	{"Label with a space", machine(mapWith(`, "Label": "my map"`, distributed)), []string{E(CodeInvalidLabelName, "/States/A/Label")}},
	{"Label with a colon", machine(mapWith(`, "Label": "my:map"`, distributed)), []string{E(CodeInvalidLabelName, "/States/A/Label")}},
	{"duplicate Label", machine(`"A": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": ` + distributed + `, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "Label": "L", "Next": "B"}, ` +
		`"B": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": ` + distributed + `, "StartAt": "J", "States": {"J": {"Type": "Pass", "End": true}}}, "Label": "L", "End": true}`),
		[]string{E(CodeDuplicateLabelName, "/States/B/Label")}},
	{"ItemReader without Resource", machine(mapWith(`, "ItemReader": {"Parameters": {}}`, distributed)), []string{E(svf, "/States/A/ItemReader")}},
	{"unknown InputType", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "XML"}}`, distributed)), []string{E(svf, "/States/A/ItemReader/ReaderConfig/InputType")}},
	{"PARQUET and MANIFEST InputType", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST", "ManifestType": "ATHENA_DATA"}}`, distributed) + `, "P": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": ` + distributed + `, "StartAt": "J", "States": {"J": {"Type": "Pass", "End": true}}}, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "PARQUET"}}, "End": true}`),
		[]string{E(mtt, "/States/P")}},
	{"unknown CSVHeaderLocation", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "LAST_ROW"}}`, distributed)), []string{E(svf, "/States/A/ItemReader/ReaderConfig/CSVHeaderLocation")}},
	{"GIVEN without CSVHeaders", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN"}}`, distributed)), []string{E(svf, "/States/A/ItemReader/ReaderConfig")}},
	{"unknown CSVDelimiter", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVDelimiter": "COLON"}}`, distributed)), []string{E(svf, "/States/A/ItemReader/ReaderConfig/CSVDelimiter")}},
	{"unknown ManifestType", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST", "ManifestType": "CSV"}}`, distributed)), []string{E(svf, "/States/A/ItemReader/ReaderConfig/ManifestType")}},
	{"MaxItems and its path", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"MaxItems": 1, "MaxItemsPath": "$.m"}}`, distributed)), []string{E(svf, "/States/A/ItemReader/ReaderConfig/MaxItemsPath")}},
	{"MaxItems over the limit", machine(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"MaxItems": 100000001}}`, distributed)), []string{E(svf, "/States/A/ItemReader/ReaderConfig/MaxItems")}},
	{"MaxItemsPerBatch zero", machine(mapWith(`, "ItemBatcher": {"MaxItemsPerBatch": 0}`, distributed)), []string{E(svf, "/States/A/ItemBatcher/MaxItemsPerBatch")}},
	{"MaxItemsPerBatch and its path", machine(mapWith(`, "ItemBatcher": {"MaxItemsPerBatch": 1, "MaxItemsPerBatchPath": "$.n"}`, distributed)), []string{E(svf, "/States/A/ItemBatcher/MaxItemsPerBatchPath")}},
	{"MaxInputBytesPerBatch over 256 KiB", machine(mapWith(`, "ItemBatcher": {"MaxInputBytesPerBatch": 262145}`, distributed)), []string{E(svf, "/States/A/ItemBatcher/MaxInputBytesPerBatch")}},
	{"MaxInputBytesPerBatch and its path", machine(mapWith(`, "ItemBatcher": {"MaxInputBytesPerBatch": 1, "MaxInputBytesPerBatchPath": "$.n"}`, distributed)), []string{E(svf, "/States/A/ItemBatcher/MaxInputBytesPerBatchPath")}},
	{"unknown OutputType", machine(mapWith(`, "ResultWriter": {"WriterConfig": {"OutputType": "CSV"}}`, distributed)), []string{E(svf, "/States/A/ResultWriter/WriterConfig/OutputType")}},
	{"unknown Transformation", machine(mapWith(`, "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "SQUASH"}}`, distributed)), []string{E(svf, "/States/A/ResultWriter/WriterConfig/Transformation")}},

	// Retry.
	{"Retry without ErrorEquals", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"MaxAttempts": 1}], "End": true}`), []string{E(svf, "/States/A/Retry/0")}},
	{"Retry with empty ErrorEquals", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": []}], "End": true}`), []string{E(svf, "/States/A/Retry/0/ErrorEquals")}},
	{"IntervalSeconds zero", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 0}], "End": true}`), []string{E(svf, "/States/A/Retry/0/IntervalSeconds")}},
	{"IntervalSeconds over the limit", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 100000000}], "End": true}`), []string{E(svf, "/States/A/Retry/0/IntervalSeconds")}},
	{"negative MaxAttempts", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": -1}], "End": true}`), []string{E(svf, "/States/A/Retry/0/MaxAttempts")}},
	{"MaxAttempts over the limit", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 100000000}], "End": true}`), []string{E(svf, "/States/A/Retry/0/MaxAttempts")}},
	{"BackoffRate below 1", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "BackoffRate": 0.5}], "End": true}`), []string{E(svf, "/States/A/Retry/0/BackoffRate")}},
	{"MaxDelaySeconds zero", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "MaxDelaySeconds": 0}], "End": true}`), []string{E(svf, "/States/A/Retry/0/MaxDelaySeconds")}},
	{"MaxDelaySeconds over the limit", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "MaxDelaySeconds": 31622401}], "End": true}`), []string{E(svf, "/States/A/Retry/0/MaxDelaySeconds")}},
	{"unknown JitterStrategy", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "JitterStrategy": "HALF"}], "End": true}`), []string{E(svf, "/States/A/Retry/0/JitterStrategy")}},
	{"Parallel retrier", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "Retry": [{"ErrorEquals": ["E"], "BackoffRate": 0}], "End": true}`), []string{E(svf, "/States/A/Retry/0/BackoffRate")}},
	{"Map retrier", machine(mapWith(`, "Retry": [{"ErrorEquals": []}]`, "")), []string{E(svf, "/States/A/Retry/0/ErrorEquals")}},
	{"valid retriers", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 1, "MaxAttempts": 0, "BackoffRate": 1, "MaxDelaySeconds": 31622400, "JitterStrategy": "FULL"}, {"ErrorEquals": ["States.ALL"], "JitterStrategy": "NONE"}], "End": true}`), nil},
	{"States.ALL not alone in a retrier", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["E", "States.ALL"]}], "End": true}`), []string{E(svf, "/States/A/Retry/0/ErrorEquals/1")}},
	{"States.ALL not in the last retrier", machine(`"A": {"Type": "Task", ` + service + `, "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["E"]}], "End": true}`), []string{E(svf, "/States/A/Retry/0/ErrorEquals/0")}},

	// Catch.
	{"Catch without ErrorEquals", machine(`"A": {"Type": "Task", ` + service + `, "Catch": [{"Next": "Z"}], "End": true}, ` + endOK), []string{E(svf, "/States/A/Catch/0")}},
	{"Catch with empty ErrorEquals", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "Catch": [{"ErrorEquals": [], "Next": "Z"}], "End": true}, ` + endOK), []string{E(svf, "/States/A/Catch/0/ErrorEquals")}},
	{"Catch without Next", machine(`"A": {"Type": "Task", ` + service + `, "Catch": [{"ErrorEquals": ["E"]}], "End": true}`), []string{E(svf, "/States/A/Catch/0")}},
	{"States.ALL not alone in a catcher", machine(`"A": {"Type": "Task", ` + service + `, "Catch": [{"ErrorEquals": ["States.ALL", "E"], "Next": "Z"}], "End": true}, ` + endOK), []string{E(svf, "/States/A/Catch/0/ErrorEquals/0")}},
	{"States.ALL not in the last catcher", machine(mapWith(`, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}, {"ErrorEquals": ["E"], "Next": "Z"}]`, "") + `, ` + endOK), []string{E(svf, "/States/A/Catch/0/ErrorEquals/0")}},

	// Query languages.
	{"JSONPath state in a JSONata machine", jsonata(`"A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}`), []string{W(svf, "/States/A/QueryLanguage")}},
	{"JSONata state in a JSONPath machine", machine(`"A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"a": "{% 1 %}"}, "Next": "B"}, "B": {"Type": "Pass", "QueryLanguage": "JSONPath", "ResultPath": "$.b", "End": true}`), nil},
	{"branches take the machine's language, not the Parallel's", machine(`"A": {"Type": "Parallel", "QueryLanguage": "JSONata", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Output": {}, "End": true}}}], "End": true}`),
		[]string{E(svf, "/States/A/Branches/0/States/B/Output")}},
	{"JSONPath fields of a JSONata Task", jsonata(`"A": {"Type": "Task", ` + service + `, "InputPath": "$", "Parameters": {}, "ResultSelector": {}, "ResultPath": "$.r", "OutputPath": "$", "TimeoutSecondsPath": "$.t", "HeartbeatSecondsPath": "$.h", "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "Z"}], "End": true}, ` + endOK),
		[]string{E(svf, "/States/A/InputPath"), E(svf, "/States/A/Parameters"), E(svf, "/States/A/ResultSelector"), E(svf, "/States/A/ResultPath"), E(svf, "/States/A/OutputPath"),
			E(svf, "/States/A/TimeoutSecondsPath"), E(svf, "/States/A/HeartbeatSecondsPath"), E(svf, "/States/A/Catch/0/ResultPath")}},
	{"JSONPath fields of a JSONata Pass", jsonata(`"A": {"Type": "Pass", "Result": 1, "End": true}`), []string{E(svf, "/States/A/Result")}},
	{"JSONPath fields of a JSONata Wait, Choice and Succeed", jsonata(`"A": {"Type": "Wait", "SecondsPath": "$.s", "Next": "B"}, "B": {"Type": "Wait", "TimestampPath": "$.t", "InputPath": "$", "Next": "C"}, "C": {"Type": "Choice", "OutputPath": "$", "Choices": [{"Condition": "{% true %}", "Next": "Z"}]}, "Z": {"Type": "Succeed", "InputPath": "$"}`),
		[]string{E(svf, "/States/A/SecondsPath"), E(svf, "/States/B/InputPath"), E(svf, "/States/B/TimestampPath"), E(svf, "/States/C/OutputPath"), E(svf, "/States/Z/InputPath")}},
	{"JSONPath fields of a JSONata Fail", jsonata(`"A": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}`), []string{E(svf, "/States/A/ErrorPath"), E(svf, "/States/A/CausePath")}},
	{"JSONPath fields of a JSONata Parallel", jsonata(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "Parameters": {}, "End": true}`), []string{E(svf, "/States/A/Parameters")}},
	{"JSONPath fields of a JSONata Map", jsonata(mapWith(`, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {}, "ReaderConfig": {"MaxItemsPath": "$.m"}}, "ItemBatcher": {"MaxItemsPerBatchPath": "$.a", "MaxInputBytesPerBatchPath": "$.b"}, "ResultWriter": {"Parameters": {}}, "MaxConcurrencyPath": "$.c", "ToleratedFailurePercentagePath": "$.p", "ToleratedFailureCountPath": "$.n", "Parameters": {}`, distributed)),
		[]string{E(svf, "/States/A/ItemReader/Parameters"), E(svf, "/States/A/ItemReader/ReaderConfig/MaxItemsPath"), E(svf, "/States/A/ItemBatcher/MaxItemsPerBatchPath"), E(svf, "/States/A/ItemBatcher/MaxInputBytesPerBatchPath"),
			E(svf, "/States/A/ResultWriter/Parameters"), E(svf, "/States/A/MaxConcurrencyPath"), E(svf, "/States/A/ToleratedFailurePercentagePath"), E(svf, "/States/A/ToleratedFailureCountPath"), E(svf, "/States/A/Parameters")}},
	{"JSONata Map with ItemSelector and expressions", jsonata(mapWith(`, "Items": "{% $states.input.xs %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"}, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Arguments": {}, "ReaderConfig": {"MaxItems": "{% 5 %}"}}, "ItemBatcher": {"MaxItemsPerBatch": "{% 2 %}"}, "ResultWriter": {"Arguments": {}}, "MaxConcurrency": "{% 3 %}", "ToleratedFailurePercentage": "{% 1 %}", "ToleratedFailureCount": "{% 1 %}"`, distributed)), nil},
	{"JSONata fields of a JSONPath Task", machine(`"A": {"Type": "Task", ` + service + `, "Arguments": {}, "Output": {}, "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {}, "Next": "Z"}], "End": true}, ` + endOK),
		[]string{E(svf, "/States/A/Arguments"), E(svf, "/States/A/Output"), E(svf, "/States/A/Catch/0/Output")}},
	{"JSONata fields of JSONPath Pass, Wait, Choice, Succeed", machine(`"A": {"Type": "Pass", "Output": {}, "Next": "B"}, "B": {"Type": "Wait", "Seconds": 1, "Output": {}, "Next": "C"}, "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "Z"}], "Output": {}}, "Z": {"Type": "Succeed", "Output": {}}`),
		[]string{E(svf, "/States/A/Output"), E(svf, "/States/B/Output"), E(svf, "/States/C/Output"), E(svf, "/States/Z/Output")}},
	{"JSONata fields of a JSONPath Parallel", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "Arguments": {}, "Output": {}, "End": true}`),
		[]string{E(svf, "/States/A/Arguments"), E(svf, "/States/A/Output")}},
	{"JSONata fields of a JSONPath Map", machine(mapWith(`, "Items": [1], "Output": {}, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Arguments": {}}, "ResultWriter": {"Arguments": {}}`, distributed)),
		[]string{E(svf, "/States/A/Items"), E(svf, "/States/A/ItemReader/Arguments"), E(svf, "/States/A/ResultWriter/Arguments"), E(svf, "/States/A/Output")}},
	{"JSONata number that is no expression", jsonata(mapWith(`, "MaxConcurrency": "3"`, "")), []string{E(svf, "/States/A/MaxConcurrency")}},

	// The machine.
	{"machine TimeoutSeconds zero", `{"StartAt": "A", "TimeoutSeconds": 0, "States": {"A": {"Type": "Succeed"}}}`, []string{E(svf, "/TimeoutSeconds")}},
	{"machine TimeoutSeconds", `{"StartAt": "A", "TimeoutSeconds": 3600, "States": {"A": {"Type": "Succeed"}}}`, nil},
}

// TestValidateExpressionsInJSONPath checks numbers given as expressions in
// JSONPath states. Decoding already rejects them in documents; Validate
// catches them in models built in Go.
func TestValidateExpressionsInJSONPath(t *testing.T) {
	expr := Expr("{% 1 %}")
	sm := &StateMachine{StartAt: "W"}
	sm.States.Add("W", &Wait{Seconds: expr, Next: "T"})
	sm.States.Add("T", &Task{Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: expr, HeartbeatSeconds: expr, Next: "M"})
	sm.States.Add("M", &Map{
		ItemProcessor: &ItemProcessor{
			ProcessorConfig: &ProcessorConfig{Mode: ModeDistributed, ExecutionType: ExecutionExpress},
			StartAt:         "I",
		},
		ItemReader:                 &ItemReader{Resource: "arn:aws:states:::s3:getObject", ReaderConfig: &ReaderConfig{MaxItems: expr}},
		ItemBatcher:                &ItemBatcher{MaxItemsPerBatch: expr, MaxInputBytesPerBatch: expr},
		MaxConcurrency:             expr,
		ToleratedFailurePercentage: &FloatOrExpr{Expr: "{% 1 %}"},
		ToleratedFailureCount:      expr,
		End:                        true,
	})
	mp, _ := sm.States.Get("M")
	mp.(*Map).ItemProcessor.States.Add("I", &Pass{End: true})
	want := []string{E(svf, "/States/W/Seconds"), E(svf, "/States/T/TimeoutSeconds"), E(svf, "/States/T/HeartbeatSeconds"),
		E(svf, "/States/M/ItemReader/ReaderConfig/MaxItems"), E(svf, "/States/M/ItemBatcher/MaxItemsPerBatch"), E(svf, "/States/M/ItemBatcher/MaxInputBytesPerBatch"),
		E(svf, "/States/M/MaxConcurrency"), E(svf, "/States/M/ToleratedFailurePercentage"), E(svf, "/States/M/ToleratedFailureCount")}
	if diff := cmp.Diff(sorted(want), sorted(summary(Validate(sm))), cmpEmpty); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range validateCases {
		t.Run(tc.name, func(t *testing.T) { checkValidateCase(t, tc) })
	}
}

// checkValidateCase decodes tc.doc, validates it with Validate and with
// ValidateJSON, and compares the diagnostics with tc.want as sets.
func checkValidateCase(t *testing.T, tc validateCase) {
	t.Helper()
	sm, err := Unmarshal([]byte(tc.doc))
	if err != nil {
		t.Fatalf("the test document does not decode: %v\n%s", err, tc.doc)
	}
	ds := Validate(sm)
	got := summary(ds)
	// Validate reports in document order; compare as sets here and
	// check the order separately.
	want := append([]string(nil), tc.want...)
	sort.Strings(got)
	sort.Strings(want)
	if diff := cmp.Diff(want, got, cmpEmpty); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\nall:\n%s", diff, dump(ds))
	}
	for _, d := range ds {
		if d.Message == "" || d.Line != 0 || d.Column != 0 {
			t.Errorf("bad diagnostic %#v", d)
		}
	}
	// ValidateJSON finds the same, with positions, in source order.
	js := ValidateJSON([]byte(tc.doc))
	if diff := cmp.Diff(want, sorted(summary(js)), cmpEmpty); diff != "" {
		t.Errorf("ValidateJSON diagnostics (-want +got):\n%s", diff)
	}
	for i, d := range js {
		if d.Line == 0 {
			t.Errorf("ValidateJSON diagnostic without a position: %v", d)
		}
		if i > 0 && (d.Line < js[i-1].Line || d.Line == js[i-1].Line && d.Column < js[i-1].Column) {
			t.Errorf("ValidateJSON diagnostics out of source order:\n%s", dump(js))
		}
	}
}

var cmpEmpty = cmp.Transformer("nilToEmpty", func(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
})

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}

func dump(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("    ")
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestValidateModel covers what only a document built in Go can hold.
func TestValidateModel(t *testing.T) {
	if ds := Validate(nil); !HasErrors(ds) {
		t.Errorf("Validate(nil) = %v, want an error", ds)
	}

	var states States
	states.Add("A", &Choice{Choices: []ChoiceRule{{
		Not:  &ChoiceRule{Variable: "$.x", Operator: OpIsNull, Operand: json.RawMessage("true"), Next: "Z", Assign: json.RawMessage(`{}`)},
		Next: "Z",
	}}})
	states.Add("Z", &Succeed{})
	states.Add("N", nil)
	states.Add("T", (*Task)(nil))
	sm := &StateMachine{StartAt: "A", States: states}
	want := []string{
		E(svf, "/States/A/Choices/0/Not/Next"),
		E(svf, "/States/A/Choices/0/Not/Assign"),
		E(svf, "/States/N"),
		E(svf, "/States/T"),
	}
	// A nil state leaves the diagnostics in the order found.
	if diff := cmp.Diff(sorted(want), sorted(summary(Validate(sm)))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestValidateOrder checks that Validate reports in document order: states
// in definition order, nested scopes inside their state, and fields in the
// canonical key order.
func TestValidateOrder(t *testing.T) {
	doc := `{"StartAt": "Z", "TimeoutSeconds": 0, "States": {
		"Z": {"Type": "Task", "Resource": "x", "HeartbeatSeconds": 0, "TimeoutSeconds": 0, "Next": "P"},
		"P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Nope"}, "C": {"Type": "Succeed"}}}], "Next": "A"},
		"A": {"Type": "Pass", "Next": "Missing", "End": true}
	}}`
	sm, err := Unmarshal([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		E(svf, "/States/Z/Resource"),
		E(svf, "/States/Z/TimeoutSeconds"),
		E(svf, "/States/Z/HeartbeatSeconds"),
		E(mtt, "/States/P/Branches/0/States/B/Next"),
		E(mtt, "/States/P/Branches/0/States/C"),
		E(mtt, "/States/A/Next"),
		E(svf, "/States/A/End"),
		E(svf, "/TimeoutSeconds"),
	}
	if diff := cmp.Diff(want, summary(Validate(sm))); diff != "" {
		t.Errorf("Validate order (-want +got):\n%s", diff)
	}
	// ValidateJSON follows the source instead: TimeoutSeconds comes before
	// States, and HeartbeatSeconds before TimeoutSeconds.
	wantJSON := []string{
		E(svf, "/TimeoutSeconds"),
		E(svf, "/States/Z/Resource"),
		E(svf, "/States/Z/HeartbeatSeconds"),
		E(svf, "/States/Z/TimeoutSeconds"),
		E(mtt, "/States/P/Branches/0/States/B/Next"),
		E(mtt, "/States/P/Branches/0/States/C"),
		E(mtt, "/States/A/Next"),
		E(svf, "/States/A/End"),
	}
	if diff := cmp.Diff(wantJSON, summary(ValidateJSON([]byte(doc)))); diff != "" {
		t.Errorf("ValidateJSON order (-want +got):\n%s", diff)
	}
}

func TestValidateJSONPositions(t *testing.T) {
	type pos struct {
		Severity     Severity
		Code         string
		Location     string
		Line, Column int
	}
	for _, tc := range []struct {
		name string
		doc  string
		want []pos
	}{
		{"syntax error", "{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}",
			[]pos{{SeverityError, CodeInvalidJSON, "", 3, 14}}},
		{"empty document", "  ", []pos{{SeverityError, CodeInvalidJSON, "", 1, 3}}},
		{"decode errors keep their pointers", "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true, \"Bogus\": 1}\n  },\n  \"TimeoutSeconds\": \"x\"\n}",
			[]pos{
				{SeverityError, svf, "/States/A/Bogus", 4, 40},
				{SeverityError, svf, "/TimeoutSeconds", 6, 21},
			}},
		{"a member's key", "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"Next\": \"B\"\n    },\n    \"Z\": {\"Type\": \"Succeed\"}\n  }\n}",
			[]pos{
				{SeverityError, mtt, "/States/A/Next", 6, 7},
				{SeverityError, mtt, "/States/Z", 8, 5},
			}},
		{"an array element", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\",\n  \"Retry\": [\n    {\"ErrorEquals\": [\"E\"]},\n    {\"ErrorEquals\": []}\n  ],\n  \"End\": true}}}",
			[]pos{{SeverityError, svf, "/States/A/Retry/1/ErrorEquals", 4, 6}}},
		{"an element inside an array", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\",\n  \"Retry\": [{\"ErrorEquals\": [\"E\",\n     \"States.ALL\"]}],\n  \"End\": true}}}",
			[]pos{{SeverityError, svf, "/States/A/Retry/0/ErrorEquals/1", 3, 6}}},
		{"a missing field falls back to its object", "{\"StartAt\": \"A\",\n \"States\": {\n  \"A\": {\"Type\": \"Pass\"},\n  \"B\": {\"Type\": \"Fail\"}}}",
			[]pos{
				{SeverityError, svf, "/States/A", 3, 3},
				{SeverityError, mtt, "/States/B", 4, 3},
			}},
		{"the whole document", "\n\n  {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}",
			[]pos{{SeverityError, CodeMissingEndState, "", 3, 3}}},
		{"escaped pointer tokens", "{\"StartAt\": \"a/b~c\", \"States\": {\"a/b~c\": {\"Type\": \"Pass\",\n \"Next\": \"x\"}, \"Z\": {\"Type\": \"Succeed\"}}}",
			[]pos{
				{SeverityError, mtt, "/States/a~1b~0c/Next", 2, 2},
				{SeverityError, mtt, "/States/Z", 2, 16},
			}},
		{"warnings come after errors at the same place", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Succeed\"}}},\n \"ToleratedFailureCount\": -1, \"End\": true}}}",
			[]pos{
				{SeverityError, svf, "/States/A/ToleratedFailureCount", 2, 2},
				{SeverityWarning, svf, "/States/A/ToleratedFailureCount", 2, 2},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []pos
			for _, d := range ValidateJSON([]byte(tc.doc)) {
				got = append(got, pos{d.Severity, d.Code, d.Location, d.Line, d.Column})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiagnosticString(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Severity: SeverityError, Code: mtt, Message: "Missing 'Next' target: X", Location: "/States/Pay/Next"},
			"ERROR MISSING_TRANSITION_TARGET /States/Pay/Next: Missing 'Next' target: X"},
		{Diagnostic{Severity: SeverityWarning, Code: svf, Message: "m", Location: "/States/M/Label", Line: 3, Column: 7},
			"3:7: WARNING SCHEMA_VALIDATION_FAILED /States/M/Label: m"},
		{Diagnostic{Severity: SeverityError, Code: CodeMissingEndState, Message: "m"}, "ERROR MISSING_END_STATE: m"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestHasErrors(t *testing.T) {
	if HasErrors(nil) || HasErrors([]Diagnostic{{Severity: SeverityWarning}}) {
		t.Error("HasErrors is true without errors")
	}
	if !HasErrors([]Diagnostic{{Severity: SeverityWarning}, {Severity: SeverityError}}) {
		t.Error("HasErrors is false with an error")
	}
}

func TestValidateMessagesQuoteStateNames(t *testing.T) {
	ds := ValidateJSON([]byte(machine(`"A": {"Type": "Pass", "Next": "Ship"}, "Notify": {"Type": "Succeed"}`)))
	want := []string{
		"Missing 'Next' target: Ship",
		`State "Notify" is not reachable.`,
	}
	if len(ds) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(ds), len(want), dump(ds))
	}
	for i, w := range want {
		if !strings.Contains(ds[i].Message, w) {
			t.Errorf("message %q does not contain %q", ds[i].Message, w)
		}
	}
}

// validFixtureExceptions lists shared documents that are neither invalid-*
// fixtures nor corpus documents but that Validate rejects, each with the
// reason AWS would too. It is empty: every valid-* fixture and every
// recorded and holdout definition (all of which AWS ran) is accepted.
var validFixtureExceptions = map[string]string{}

// invalidNotCovered lists the invalid-* validator fixtures that neither the
// decoder nor Validate rejects, each with the reason: rules of
// asl-validator's own that AWS does not have.
var invalidNotCovered = map[string]string{
	"invalid-jsonata-surround-syntax-no-spaces.json": `"{%10%}": AWS needs no white space inside "{% %}" (see jsonata.ParseTemplate)`,
	"invalid-json-surround-syntax-extra-spaces.json": `"{% \n10   %}": AWS takes any white space inside "{% %}" (see jsonata.ParseTemplate)`,
}

func isCorpus(name string) bool { return strings.HasPrefix(filepath.ToSlash(name), "corpus/") }

// TestValidateShared checks the validator fixtures and the definitions of
// the recorded and holdout executions: every invalid-* fixture is rejected
// (but the ones invalidNotCovered lists), everything else is accepted (but
// the ones validFixtureExceptions lists). The corpus has TestValidateCorpus.
func TestValidateShared(t *testing.T) {
	docs := sharedDocs(t)
	var notCovered []string
	seenInvalid := map[string]bool{}
	var valid, invalid int
	for _, doc := range docs {
		if isCorpus(doc.name) {
			continue
		}
		ds := ValidateJSON(doc.data)
		hasErr := HasErrors(ds)
		if isInvalidFixture(doc.name) {
			base := filepath.Base(doc.name)
			seenInvalid[base] = true
			reason, listed := invalidNotCovered[base]
			switch {
			case listed && hasErr:
				t.Errorf("%s is now rejected; remove it from invalidNotCovered:\n%s", doc.name, dump(ds))
			case listed:
				notCovered = append(notCovered, fmt.Sprintf("%s: %s", base, reason))
			case !hasErr:
				t.Errorf("%s: invalid fixture accepted (add a rule, or list it in invalidNotCovered with a reason):\n%s", doc.name, dump(ds))
			default:
				invalid++
			}
			continue
		}
		reason, listed := validFixtureExceptions[doc.name]
		switch {
		case listed && !hasErr:
			t.Errorf("%s is accepted now; remove it from validFixtureExceptions", doc.name)
		case listed:
			t.Logf("rejected as expected: %s: %s", doc.name, reason)
		case hasErr:
			t.Errorf("%s: valid document rejected:\n%s", doc.name, dump(ds))
		default:
			valid++
		}
	}
	for name := range invalidNotCovered {
		if len(seenInvalid) > 0 && !seenInvalid[name] {
			t.Errorf("invalidNotCovered lists %s, which is not among the fixtures", name)
		}
	}
	for name := range validFixtureExceptions {
		found := false
		for _, doc := range docs {
			found = found || doc.name == name
		}
		if !found && len(seenInvalid) > 0 {
			t.Errorf("validFixtureExceptions lists %s, which is not among the documents", name)
		}
	}
	sort.Strings(notCovered)
	t.Logf("%d valid documents accepted, %d invalid fixtures rejected", valid, invalid)
	t.Logf("%d invalid fixtures not covered:\n    %s", len(notCovered), strings.Join(notCovered, "\n    "))
}

// minCorpusRate is the share of corpus documents that must validate
// without errors.
const minCorpusRate = 0.97

// TestValidateCorpus checks the workflows of ../shared/corpus: at least
// minCorpusRate of the documents that are JSON validate without errors,
// and the one that is not JSON gets an INVALID_JSON_DESCRIPTION error with
// its position.
func TestValidateCorpus(t *testing.T) {
	var total, clean, notJSON int
	var rejected []string
	for _, doc := range sharedDocs(t) {
		if !isCorpus(doc.name) {
			continue
		}
		ds := ValidateJSON(doc.data)
		if _, perr := parseJSON(doc.data); perr != nil {
			notJSON++
			if len(ds) != 1 || ds[0].Code != CodeInvalidJSON || ds[0].Line == 0 || ds[0].Message == "" {
				t.Errorf("%s is not JSON; want one %s diagnostic with a position, got:\n%s", doc.name, CodeInvalidJSON, dump(ds))
			} else {
				t.Logf("not JSON, as expected: %s: %s", doc.name, ds[0])
			}
			continue
		}
		total++
		if !HasErrors(ds) {
			clean++
			continue
		}
		for _, d := range ds {
			if d.Severity == SeverityError {
				rejected = append(rejected, fmt.Sprintf("%s: %s", doc.name, d))
				break
			}
		}
	}
	if total == 0 {
		t.Skip("no corpus documents")
	}
	rate := float64(clean) / float64(total)
	t.Logf("%d of %d corpus documents that are JSON validate without errors (%.1f%%); %d not JSON", clean, total, 100*rate, notJSON)
	t.Logf("rejected, with the first error:\n    %s", strings.Join(rejected, "\n    "))
	if rate < minCorpusRate {
		t.Errorf("only %.1f%% of the corpus validates without errors; want at least %.0f%%", 100*rate, 100*minCorpusRate)
	}
}
