package replay_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/sim/replay"
)

// clock says when the execution started, what it is and what its state
// machine is called.
const clock = `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"start.$": "$$.Execution.StartTime", "id.$": "$$.Execution.Id", "machine.$": "$$.StateMachine.Name"}, "End": true}}}`

func decode(t *testing.T, line string) *replay.Case {
	t.Helper()
	var c replay.Case
	if err := json.Unmarshal([]byte(line), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

func TestRun(t *testing.T) {
	c := decode(t, `{"id": "x", "definition": `+clock+`, "start_time": "2030-01-02T03:04:05.5+01:00", "type": "EXPRESS", "state_machine_name": "Orders"}`)
	ex, err := c.Run(context.Background(), sim.Account("111111111111"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"start":"2030-01-02T02:04:05.500Z","id":"arn:aws:states:us-east-1:111111111111:express:Orders:`
	if got := jsonvalue.String(ex.Output); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, `"machine":"Orders"}`) {
		t.Errorf("output %s", got)
	}
	if string(c.InputJSON()) != "{}" {
		t.Errorf("no input is %s", c.InputJSON())
	}
}

func TestOptionsErrors(t *testing.T) {
	for line, want := range map[string]string{
		`{"start_time": "tomorrow"}`: `start_time "tomorrow" is not an RFC 3339 time`,
		`{"type": "FAST"}`:           `type "FAST" is neither STANDARD nor EXPRESS`,
		`{"mock_config": {"MockedResponses": {"R": {"x": {"Return": 1}}}}}`: `key "x" is not an invocation number`,
		`{"lambdas": ["f"]}`: `lambdas is not an object`,
		`{"lambdas": {"f": "identity"}, "lambda_handlers": {"identity": 1}}`: `lambda_handlers is not an object`,
		`{"lambdas": {"f": "teleport"}}`:                                     `unknown handler kind "teleport"`,
	} {
		if _, err := decode(t, line).Options(nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error with %q", line, err, want)
		}
	}
	// null is no value.
	if opts, err := decode(t, `{"mock_config": null, "lambdas": null}`).Options(nil); err != nil || len(opts) != 0 {
		t.Errorf("nulls: %d options, %v", len(opts), err)
	}
	// A mock configuration is parsed by the parser given.
	parsed := 0
	parse := func(text []byte) (*sim.MockConfig, error) { parsed++; return sim.ParseMockConfig(text) }
	c := decode(t, `{"mock_config": {"StateMachines": {}, "MockedResponses": {}}, "test_case": "T"}`)
	if _, err := c.Options(parse); parsed != 1 {
		t.Errorf("the parser ran %d times (%v)", parsed, err)
	}
}

// TestResolve checks that function names the recorder replaced by
// placeholders get names, everywhere the case holds them.
func TestResolve(t *testing.T) {
	def := `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:<lambda_function_name>", "Next": "M"},` +
		` "M": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName.$": "$.f", "Payload": {}}, "End": true}}}`
	c := decode(t, `{"id": "r", "definition": `+def+`, "input": {"f": "<lambda-function-name>"}, `+
		`"lambdas": {"<lambda_function_name>": "identity", "arn:aws:lambda:us-east-1:111111111111:function:<lambda_function_name>": "identity",`+
		` "<lambda-function-name>": "constant:2", "lambda-function-name": "constant:3"}}`)
	r := c.Resolved([]byte(def))
	if got := string(r.Definition); !strings.Contains(got, "function:lambda_function_name\"") || strings.Contains(got, "<") {
		t.Errorf("definition %s", got)
	}
	// lambda-function-name is taken: the placeholder's function gets another name.
	if string(r.Input) != `{"f": "lambda-function-name_2"}` || !strings.Contains(string(r.Lambdas), `"lambda-function-name_2": "constant:2"`) {
		t.Errorf("input %s, lambdas %s", r.Input, r.Lambdas)
	}
	if string(c.Input) != `{"f": "<lambda-function-name>"}` {
		t.Errorf("Resolved changed the case: %s", c.Input)
	}
	ex, err := c.Run(context.Background(), sim.Account("111111111111"))
	if err != nil || ex.Status != sim.Succeeded {
		t.Fatalf("%v %+v", err, ex)
	}
	var out struct{ Payload int }
	if err := ex.DecodeOutput(&out); err != nil || out.Payload != 2 {
		t.Errorf("output %s (%v)", jsonvalue.String(ex.Output), err)
	}
	// A case without placeholders is left as it is.
	plain := decode(t, `{"input": {"f": "<x>"}, "lambdas": {"fn": "identity"}}`)
	if got := plain.Resolved([]byte(`{"a": "<x>"}`)); string(got.Definition) != `{"a": "<x>"}` || string(got.Input) != `{"f": "<x>"}` {
		t.Errorf("resolved %s, input %s", got.Definition, got.Input)
	}
}
