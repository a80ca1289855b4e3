package asl

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/awsapi"
	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

const (
	unknownIntegration = CodeUnknownIntegration
	unsupportedParam   = CodeUnsupportedParameter
)

// taskWith returns a Task state A with the Resource and extra fields that
// ends the machine.
func taskWith(resource, extra string) string {
	return `"A": {"Type": "Task", "Resource": "` + resource + `"` + extra + `, "End": true}`
}

// integrationCase is a validateCase with the text the messages hold, in
// the order of want.
type integrationCase struct {
	validateCase
	messages []string
}

var integrationCases = []integrationCase{
	// Resources that name no integration.
	{validateCase{"typo'd optimized action", machine(taskWith("arn:aws:states:::sns:publsh", `, "Parameters": {"TopicArn": "t", "Message": "m"}`)),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`"arn:aws:states:::sns:publsh" names no service integration: the optimized sns integration has no action "publsh" (did you mean "publish"?)`}},
	{validateCase{"unknown optimized service", machine(taskWith("arn:aws:states:::sqss:sendMessage", "")),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`Step Functions has no optimized integration "sqss" (did you mean "sqs"?)`}},
	{validateCase{"an action only the AWS SDK integration has", machine(taskWith("arn:aws:states:::dynamodb:query", "")),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`(did you mean "arn:aws:states:::aws-sdk:dynamodb:query"?)`}},
	{validateCase{"unknown AWS SDK service", machine(taskWith("arn:aws:states:::aws-sdk:dynamodbb:getItem", "")),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`AWS SDK integrations have no service "dynamodbb" (did you mean "dynamodb"?)`}},
	{validateCase{"unknown AWS SDK action", machine(taskWith("arn:aws:states:::aws-sdk:s3:getObjekt", `, "Parameters": {"Bucket": "b", "Key": "k"}`)),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`service "s3" has no action "getObjekt" (did you mean "getObject"?)`}},
	{validateCase{".sync on an AWS SDK integration", machine(taskWith("arn:aws:states:::aws-sdk:sfn:startExecution.sync", `, "Parameters": {"StateMachineArn": "a"}`)),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`AWS SDK integrations do not support .sync`}},
	{validateCase{"a pattern the optimized action does not support", machine(taskWith("arn:aws:states:::sns:publish.sync", `, "Parameters": {"TopicArn": "t", "Message": "m"}`)),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`sns:publish does not support .sync`}},
	{validateCase{"a typo in a placeholder partition's resource", machine(taskWith("arn:${AWS::Partition}:states:::lambda:invok", "")),
		[]string{W(unknownIntegration, "/States/A/Resource")}},
		[]string{`(did you mean "invoke"?)`}},

	// Parameters and Arguments the action does not take.
	{validateCase{"unknown parameter", machine(taskWith("arn:aws:states:::sqs:sendMessage", `, "Parameters": {"QueueUrl": "q", "MesageBody": {"a": 1}}`)),
		[]string{W(unsupportedParam, "/States/A/Parameters/MesageBody")}},
		[]string{`The field "MesageBody" is not supported by Step Functions: sqs:sendMessage has no parameter "MesageBody" (did you mean "MessageBody"?)`}},
	{validateCase{"unknown .$ parameter", machine(taskWith("arn:aws:states:::sqs:sendMessage.waitForTaskToken", `, "Parameters": {"QueueUrl": "q", "MesageBody.$": "$.body"}`)),
		[]string{W(unsupportedParam, "/States/A/Parameters/MesageBody.$")}},
		[]string{`sqs:sendMessage has no parameter "MesageBody" (did you mean "MessageBody"?)`}},
	{validateCase{"a parameter the optimized integration does not pass on", machine(taskWith("arn:aws:states:::states:startExecution", `, "Parameters": {"StateMachineArn": "a", "TraceHeader": "t"}`)),
		[]string{W(unsupportedParam, "/States/A/Parameters/TraceHeader")}},
		[]string{`the optimized states:startExecution integration does not pass on the API's parameter "TraceHeader" (the AWS SDK integration, arn:aws:states:::aws-sdk:sfn:startExecution, takes it)`}},
	{validateCase{"unknown nested parameter", machine(taskWith("arn:aws:states:::events:putEvents", `, "Parameters": {"Entries": [{"Source": "s", "DetailTyp": "t", "Detail": {"anything": 1}}]}`)),
		[]string{W(unsupportedParam, "/States/A/Parameters/Entries/0/DetailTyp")}},
		[]string{`events:putEvents has no parameter "DetailTyp" (did you mean "DetailType"?)`}},
	{validateCase{"unknown AWS SDK parameter", machine(taskWith("arn:aws:states:::aws-sdk:sfn:startExecution", `, "Parameters": {"StateMachineArn": "a", "input.$": "$"}`)),
		[]string{W(unsupportedParam, "/States/A/Parameters/input.$")}},
		[]string{`aws-sdk:sfn:startExecution has no parameter "input" (did you mean "Input"?)`}},
	{validateCase{"JSONata Arguments", jsonata(taskWith("arn:aws:states:::sns:publish", `, "Arguments": {"TopicArn": "t", "Mesage": "{% $states.input.text %}"}`)),
		[]string{W(unsupportedParam, "/States/A/Arguments/Mesage")}},
		[]string{`sns:publish has no parameter "Mesage" (did you mean "Message"?)`}},
	{validateCase{"JSONata Arguments as one expression", jsonata(taskWith("arn:aws:states:::sns:publish", `, "Arguments": "{% $states.input %}"`)), nil}, nil},
	{validateCase{"a state's JSONata Arguments in a JSONPath machine", machine(`"A": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::sns:publish", "Arguments": {"TopicArn": "t", "Message": "m", "Subjct": "s"}, "End": true}`),
		[]string{W(unsupportedParam, "/States/A/Arguments/Subjct")}},
		[]string{`(did you mean "Subject"?)`}},

	// At every depth.
	{validateCase{"in a Parallel branch and a Map item processor", machine(
		`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publsh", "End": true}}}], "Next": "M"}, ` +
			`"M": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "t", "Items": {}}, "End": true}}}, "End": true}`),
		[]string{W(unknownIntegration, "/States/A/Branches/0/States/B/Resource"), W(unsupportedParam, "/States/M/ItemProcessor/States/I/Parameters/Items")}},
		[]string{`(did you mean "publish"?)`, `(did you mean "Item"?)`}},

	// Not integrations, or not checkable: no warning.
	{validateCase{"valid integrations", machine(
		`"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f", "Payload.$": "$", "Qualifier": "1"}, "Next": "B"}, ` +
			`"B": {"Type": "Task", "Resource": "arn:aws-us-gov:states:::aws-sdk:s3:getObject", "Parameters": {"Bucket": "b", "Key.$": "$.k"}, "Next": "C"}, ` +
			`"C": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": {"StateMachineArn": "a", "Input": {"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id", "free": 1}}, "Next": "D"}, ` +
			`"D": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync", "Parameters": {"Anything": 1}, "Next": "E"}, ` +
			`"E": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken", "Parameters": {"TableName": "t", "Item": {"token": {"S.$": "$$.Task.Token"}}}, "End": true}`), nil}, nil},
	{validateCase{"not integrations", machine(
		`"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "Parameters": {"Anything": 1}, "Next": "B"}, ` +
			`"B": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:Act", "Next": "C"}, ` +
			`"C": {"Type": "Task", "Resource": "${PublishArn}", "Parameters": {"Anything": 1}, "Next": "D"}, ` +
			`"D": {"Type": "Task", "Resource": "arn:aws:states:::${Service}:publsh", "Next": "E"}, ` +
			`"E": {"Type": "Task", "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}, "Parameters": {"Anything": 1}, "Next": "F"}, ` +
			`"F": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "t", "Message": "m", "${Extra}": 1}, "End": true}`), nil}, nil},
}

func TestValidateIntegrations(t *testing.T) {
	for _, tc := range integrationCases {
		t.Run(tc.name, func(t *testing.T) {
			checkValidateCase(t, tc.validateCase)
			var ds []Diagnostic
			for _, d := range ValidateJSON([]byte(tc.doc)) {
				if d.Code == unknownIntegration || d.Code == unsupportedParam {
					ds = append(ds, d)
				}
			}
			if len(ds) != len(tc.messages) {
				return // checkValidateCase reported it
			}
			for i, d := range ds {
				if d.Severity != SeverityWarning {
					t.Errorf("%s is not a warning", d)
				}
				if !strings.Contains(d.Message, tc.messages[i]) {
					t.Errorf("message %q\nwant it to contain %q", d.Message, tc.messages[i])
				}
			}
		})
	}
}

// TestValidateIntegrationPosition checks that ValidateJSON places a
// parameter's warning at its key, .$ included.
func TestValidateIntegrationPosition(t *testing.T) {
	doc := "{\"StartAt\": \"A\", \"States\": {\"A\": {\n" +
		"  \"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\",\n" +
		"  \"Parameters\": {\"QueueUrl\": \"q\",\n" +
		"    \"MesageBody.$\": \"$\"}, \"End\": true}}}"
	ds := ValidateJSON([]byte(doc))
	if len(ds) != 1 || ds[0].Line != 4 || ds[0].Column != 5 || ds[0].Location != "/States/A/Parameters/MesageBody.$" {
		t.Errorf("got %v, want one warning at 4:5", ds)
	}
}

// integrationDocs returns sharedDocs and the definitions of the other
// conformance case files: Lambda and mock-config executions, and
// TestState's Task states (as one-state machines).
func integrationDocs(t *testing.T) []sharedDoc {
	docs := sharedDocs(t)
	for _, f := range []string{"conformance/lambda-cases.jsonl", "conformance/lambda-cases-holdout.jsonl",
		"conformance/mockconfig-cases.jsonl", "conformance/mockconfig-cases-holdout.jsonl",
		"conformance/teststate.jsonl", "conformance/teststate-holdout.jsonl"} {
		if _, ok := shareddata.Lookup(f); !ok {
			t.Logf("shared data %s not found: its documents are not checked", f)
			continue
		}
		for i, line := range shareddata.Lines(t, f) {
			var c struct {
				ID         string          `json:"id"`
				Definition json.RawMessage `json:"definition"`
			}
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatalf("%s:%d: %v", f, i+1, err)
			}
			def := c.Definition
			if strings.HasPrefix(f, "conformance/teststate") {
				// A single state: a Task becomes a one-state machine.
				var st map[string]json.RawMessage
				if json.Unmarshal(def, &st) != nil || string(st["Type"]) != `"Task"` {
					continue
				}
				delete(st, "Next")
				st["End"] = json.RawMessage("true")
				def, _ = json.Marshal(map[string]any{"StartAt": "S", "States": map[string]any{"S": st}})
			}
			docs = append(docs, sharedDoc{name: f + ":" + c.ID, data: def})
		}
	}
	return docs
}

// acceptedIntegrationWarnings lists the UNKNOWN_INTEGRATION and
// UNSUPPORTED_PARAMETER warnings over ../shared that are real, as
// "document: location", with the reason. Any other is a false positive.
var acceptedIntegrationWarnings = map[string]string{}

// TestValidateIntegrationsShared runs the validator over every definition
// in ../shared (the corpus of deployed workflows, the validator fixtures,
// and every recorded or sealed execution and TestState call, which AWS
// ran): the integration warnings must be the ones
// acceptedIntegrationWarnings lists. The definitions call about a hundred
// different integrations, with more than five hundred Parameters and
// Arguments objects.
func TestValidateIntegrationsShared(t *testing.T) {
	seen := map[string]bool{}
	var warnings int
	for _, doc := range integrationDocs(t) {
		for _, d := range ValidateJSON(doc.data) {
			if d.Code != unknownIntegration && d.Code != unsupportedParam {
				continue
			}
			warnings++
			key := doc.name + ": " + d.Location
			seen[key] = true
			if d.Severity != SeverityWarning {
				t.Errorf("%s: %s is not a warning", doc.name, d)
			}
			if reason, ok := acceptedIntegrationWarnings[key]; ok {
				t.Logf("real: %s: %s (%s)", doc.name, d, reason)
				continue
			}
			t.Errorf("false positive? %s: %s", doc.name, d)
		}
	}
	for key := range acceptedIntegrationWarnings {
		if !seen[key] {
			t.Errorf("acceptedIntegrationWarnings lists %s, which is not reported", key)
		}
	}
	t.Logf("%d integration warnings", warnings)
}

// minCheckedParameters is how many Parameters and Arguments objects of
// ../shared the tables know the integration of (563 when written): fewer
// means the check stopped reaching them.
const minCheckedParameters = 450

// TestValidateIntegrationsSharedTypos checks that the check reaches the
// real definitions: every Task of ../shared whose integration's parameters
// the tables know and that has a Parameters or Arguments object is
// validated again with a misspelt first field, which must get one
// UNSUPPORTED_PARAMETER warning at that field.
func TestValidateIntegrationsSharedTypos(t *testing.T) {
	var checked int
	for _, doc := range integrationDocs(t) {
		sm, err := Unmarshal(doc.data)
		if err != nil {
			continue
		}
		var walk func(States)
		walk = func(states States) {
			for name, st := range states.All() {
				for _, sc := range nestedScopes("", st) {
					walk(sc.states)
				}
				task, ok := st.(*Task)
				if !ok || task.Resource == "" || resourcePlaceholder(task.Resource) {
					continue
				}
				in, err := awsapi.Lookup(task.Resource)
				if err != nil || in.Params == nil {
					continue
				}
				ql := task.QueryLanguage
				if ql == "" {
					ql = sm.QueryLanguage
				}
				field, raw := "Parameters", task.Parameters
				if ql == JSONata {
					field, raw = "Arguments", task.Arguments
				}
				v, err := jsonvalue.Parse(raw)
				obj, isObj := v.(*jsonvalue.Object)
				if err != nil || !isObj || obj.Len() == 0 {
					continue
				}
				checked++
				typo := jsonvalue.NewObject(obj.Len())
				var typoKey string
				for k, e := range obj.All() {
					if typoKey == "" {
						base, dollar := strings.CutSuffix(k, ".$")
						k = base + "Typo"
						if dollar {
							k += ".$"
						}
						typoKey = k
					}
					typo.Set(k, e)
				}
				data, _ := typo.MarshalJSON()
				one := &Task{StateBase: StateBase{QueryLanguage: ql}, Resource: task.Resource, End: true}
				if ql == JSONata {
					one.Arguments = data
				} else {
					one.Parameters = data
				}
				var states States
				states.Add("T", one)
				var got []string
				for _, d := range Validate(&StateMachine{StartAt: "T", States: states}) {
					if d.Code == unsupportedParam {
						got = append(got, d.Location)
					}
				}
				if want := Join("/States/T/"+field, typoKey); len(got) != 1 || got[0] != want {
					t.Errorf("%s: state %q with %s misspelt: warnings at %v, want one at %s", doc.name, name, typoKey, got, want)
				}
			}
		}
		walk(sm.States)
	}
	t.Logf("%d Parameters and Arguments objects checked", checked)
	if checked < minCheckedParameters && checked > 0 {
		t.Errorf("only %d Parameters and Arguments objects of the shared data were checked; want at least %d", checked, minCheckedParameters)
	}
}
