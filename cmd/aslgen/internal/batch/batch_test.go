package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/sim"
)

const (
	passASL = `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, 2)"},"End":true}}}`
	failASL = `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Order.Invalid","Cause":"no items"}}}`
	payASL  = `{"StartAt":"Pay","States":{"Pay":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}`
	mocks   = `{"StateMachines":{"M":{"TestCases":{"Happy":{"Pay":"OK"}}}},"MockedResponses":{"OK":{"0":{"Return":{"ok":true}}}}}`
	// clockASL says when the execution started and what its ARN is.
	clockASL = `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"start.$":"$$.Execution.StartTime","id.$":"$$.Execution.Id"},"End":true}}}`
)

// run runs a batch of lines in dir and decodes its result lines.
func run(t *testing.T, dir string, lines []string, opts ...sim.Option) []Result {
	t.Helper()
	var out bytes.Buffer
	if err := Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &out, dir, opts...); err != nil {
		t.Fatal(err)
	}
	var results []Result
	for _, line := range strings.SplitAfter(out.String(), "\n") {
		if line == "" {
			continue
		}
		if !strings.Contains(line, `"event_types":[`) {
			t.Errorf("a line without event_types: %s", line)
		}
		var r Result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		results = append(results, r)
	}
	return results
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fail.json"), []byte(failASL), 0o644); err != nil {
		t.Fatal(err)
	}
	got := run(t, dir, []string{
		`{"id": "inline", "definition": ` + passASL + `, "input": {"a": 1}}`,
		``,
		`{"id": "from-file", "definition_file": "fail.json"}`,
		`{"id": "mocked", "definition": ` + payASL + `, "mock_config": ` + mocks + `, "test_case": "Happy"}`,
		`{"id": "unmocked", "definition": ` + payASL + `}`,
		`{"id": "broken", not JSON`,
		`{"id": "nothing"}`,
		`{"id": "no-file", "definition_file": "nothere.json"}`,
		`{"id": "invalid", "definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}}`,
	})
	ids := make([]string, len(got))
	for i, r := range got {
		ids[i] = r.ID
	}
	if want := []string{"inline", "from-file", "mocked", "unmocked", "line 6", "nothing", "no-file", "invalid"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids %v, want %v", ids, want)
	}
	if r := got[0]; r.Status != "SUCCEEDED" || string(r.Output) != `{"sum":3}` ||
		!reflect.DeepEqual(r.EventTypes, []string{"ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"}) {
		t.Errorf("inline: %+v", r)
	}
	if r := got[1]; r.Status != "FAILED" || r.Error != "Order.Invalid" || r.Cause != "no items" || r.Output != nil {
		t.Errorf("from-file: %+v", r)
	}
	if r := got[2]; r.Status != "SUCCEEDED" || string(r.Output) != `{"ok":true}` {
		t.Errorf("mocked: %+v", r)
	}
	if r := got[3]; r.Status != "FAILED" || r.Error != "Sim.UnmockedTask" {
		t.Errorf("unmocked: %+v", r)
	}
	for _, tc := range []struct {
		r     Result
		cause string
	}{{got[4], "line 6: "}, {got[5], "neither definition nor definition_file"}, {got[6], "nothere.json"}, {got[7], "MISSING_TRANSITION_TARGET"}} {
		if tc.r.Status != "ERROR" || !strings.Contains(tc.r.Cause, tc.cause) || len(tc.r.EventTypes) != 0 {
			t.Errorf("%s: %+v, want an ERROR whose cause holds %q", tc.r.ID, tc.r, tc.cause)
		}
	}
}

// TestStartTimeAndType checks that a case's start_time and type decide the
// execution's clock and kind, and that they override the options given to
// every case.
func TestStartTimeAndType(t *testing.T) {
	at := sim.StartTime(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	got := run(t, "", []string{
		`{"id": "default", "definition": ` + clockASL + `}`,
		`{"id": "start", "definition": ` + clockASL + `, "start_time": "2040-01-15T08:30:00.250+01:00"}`,
		`{"id": "express", "definition": ` + clockASL + `, "type": "EXPRESS"}`,
		`{"id": "standard", "definition": ` + clockASL + `, "type": "STANDARD"}`,
		`{"id": "bad-time", "definition": ` + clockASL + `, "start_time": "15/01/2031"}`,
		`{"id": "bad-type", "definition": ` + clockASL + `, "type": "FAST"}`,
	}, at, sim.Account("111111111111"), sim.Region("eu-west-1"))
	var out struct{ Start, ID string }
	for i, want := range []struct{ start, kind string }{
		{"2030-01-01T00:00:00.000Z", ":execution:"},
		{"2040-01-15T07:30:00.250Z", ":execution:"},
		{"2030-01-01T00:00:00.000Z", ":express:"},
		{"2030-01-01T00:00:00.000Z", ":execution:"},
	} {
		r := got[i]
		if r.Status != "SUCCEEDED" || json.Unmarshal(r.Output, &out) != nil || out.Start != want.start ||
			!strings.Contains(out.ID, want.kind) || !strings.HasPrefix(out.ID, "arn:aws:states:eu-west-1:111111111111:") {
			t.Errorf("%s: %+v, want start %s and an ARN with %s", r.ID, r, want.start, want.kind)
		}
	}
	if r := got[4]; r.Status != "ERROR" || !strings.Contains(r.Cause, `start_time "15/01/2031" is not an RFC 3339 time`) {
		t.Errorf("bad-time: %+v", r)
	}
	if r := got[5]; r.Status != "ERROR" || !strings.Contains(r.Cause, `type "FAST" is neither STANDARD nor EXPRESS`) {
		t.Errorf("bad-type: %+v", r)
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRunWriteError(t *testing.T) {
	lines := strings.Repeat(`{"id": "x", "definition": `+passASL+"}\n", 1000)
	if err := Run(context.Background(), strings.NewReader(lines), failingWriter{}, ""); err == nil {
		t.Error("a failing writer went unreported")
	}
}

// TestRunOrder checks that cases run on many goroutines still give their
// results in the order of their lines, each with its own input's result.
func TestRunOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var lines []string
	for i := range 600 {
		switch i % 3 {
		case 0:
			lines = append(lines, fmt.Sprintf(`{"id":"p%d","definition":%s,"input":{"a":%d}}`, i, passASL, i))
		case 1:
			lines = append(lines, fmt.Sprintf(`{"id":"f%d","definition":%s}`, i, failASL))
		default:
			lines = append(lines, fmt.Sprintf(`{"id":"m%d","definition":%s,"mock_config":%s,"test_case":"Happy"}`, i, payASL, mocks))
		}
	}
	got := run(t, "", lines)
	if len(got) != len(lines) {
		t.Fatalf("%d results for %d lines", len(got), len(lines))
	}
	for i, r := range got {
		var want Result
		switch i % 3 {
		case 0:
			want = Result{ID: fmt.Sprintf("p%d", i), Status: "SUCCEEDED", Output: json.RawMessage(fmt.Sprintf(`{"sum":%d}`, i+2))}
		case 1:
			want = Result{ID: fmt.Sprintf("f%d", i), Status: "FAILED", Error: "Order.Invalid", Cause: "no items"}
		default:
			want = Result{ID: fmt.Sprintf("m%d", i), Status: "SUCCEEDED", Output: json.RawMessage(`{"ok":true}`)}
		}
		r.EventTypes = nil
		if !reflect.DeepEqual(r, want) {
			t.Fatalf("result %d: %+v, want %+v", i, r, want)
		}
	}
}

// TestYAMLAndMachineName checks that a definition_file may be YAML, as for
// aslgen run, and that state_machine_name names the machine and so picks
// its entry of a mock configuration with several.
func TestYAMLAndMachineName(t *testing.T) {
	dir := t.TempDir()
	yamlDef := "StartAt: Pay\nStates:\n  Pay:\n    Type: Task\n    Resource: arn:aws:states:::lambda:invoke\n    End: true\n"
	if err := os.WriteFile(filepath.Join(dir, "pay.yaml"), []byte(yamlDef), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("StartAt: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	two := `{"StateMachines":{"A":{"TestCases":{"T":{"Pay":"One"}}},"B":{"TestCases":{"T":{"Pay":"Two"}}}},` +
		`"MockedResponses":{"One":{"0":{"Return":1}},"Two":{"0":{"Return":2}}}}`
	got := run(t, dir, []string{
		`{"id":"a","definition_file":"pay.yaml","mock_config":` + two + `,"test_case":"T","state_machine_name":"A"}`,
		`{"id":"b","definition_file":"pay.yaml","mock_config":` + two + `,"test_case":"T","state_machine_name":"B"}`,
		`{"id":"none","definition_file":"pay.yaml","mock_config":` + two + `,"test_case":"T"}`,
		`{"id":"bad","definition_file":"bad.yaml"}`,
	})
	if r := got[0]; r.Status != "SUCCEEDED" || string(r.Output) != "1" {
		t.Errorf("a: %+v", r)
	}
	if r := got[1]; r.Status != "SUCCEEDED" || string(r.Output) != "2" {
		t.Errorf("b: %+v", r)
	}
	if r := got[2]; r.Status != "ERROR" || !strings.Contains(r.Cause, "A, B") {
		t.Errorf("none: %+v, want an ERROR naming the machines A, B", r)
	}
	if r := got[3]; r.Status != "ERROR" || !strings.Contains(r.Cause, "bad.yaml:") {
		t.Errorf("bad: %+v, want an ERROR at a place in bad.yaml", r)
	}
}

// TestLambdas checks that a case's lambdas and lambda_handlers make Lambda
// functions that its tasks invoke, by the optimized integration and by a
// function ARN, and that a case whose lambdas cannot be made is an ERROR.
func TestLambdas(t *testing.T) {
	invoke := `{"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName.$":"$.f","Payload.$":"$.p"},"OutputPath":"$.Payload","End":true}}}`
	legacy := `{"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:boom","End":true}}}`
	handlers := `{"raise:ValueError:bad value":{"file":"boom.py","runtime":"python3.12","source":"def handler(event, context):\n    raise ValueError(\"bad value\")\n"}}`
	lambdas := `{"echo":"identity","greet":"python-str:hello {event}","arn:aws:lambda:us-east-1:111111111111:function:boom":"raise:ValueError:bad value"}`
	got := run(t, "", []string{
		`{"id":"echo","definition":` + invoke + `,"input":{"f":"echo","p":{"n":1}},"lambdas":` + lambdas + `}`,
		`{"id":"greet","definition":` + invoke + `,"input":{"f":"greet","p":"you"},"lambdas":` + lambdas + `}`,
		`{"id":"missing","definition":` + invoke + `,"input":{"f":"nope","p":null},"lambdas":` + lambdas + `}`,
		`{"id":"boom","definition":` + legacy + `,"lambdas":` + lambdas + `,"lambda_handlers":` + handlers + `}`,
		`{"id":"bad-lambdas","definition":` + invoke + `,"lambdas":["echo"]}`,
		`{"id":"bad-kind","definition":` + invoke + `,"lambdas":{"echo":"teleport"}}`,
	}, sim.Account("111111111111"))
	if r := got[0]; r.Status != "SUCCEEDED" || string(r.Output) != `{"n":1}` {
		t.Errorf("echo: %+v", r)
	}
	if r := got[1]; r.Status != "SUCCEEDED" || string(r.Output) != `"hello you"` {
		t.Errorf("greet: %+v", r)
	}
	if r := got[2]; r.Status != "FAILED" || r.Error != "Lambda.ResourceNotFoundException" ||
		!strings.HasPrefix(r.Cause, "Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope:$LATEST (Service: AWSLambda; Status Code: 404;") {
		t.Errorf("missing: %+v", r)
	}
	wantCause := `{"errorMessage": "bad value", "errorType": "ValueError", "requestId": "`
	frame := `", "stackTrace": ["  File \"/var/task/handler.py\", line 2, in handler\n    raise ValueError(\"bad value\")\n"]}`
	if r := got[3]; r.Status != "FAILED" || r.Error != "ValueError" || !strings.HasPrefix(r.Cause, wantCause) || !strings.HasSuffix(r.Cause, frame) ||
		!reflect.DeepEqual(r.EventTypes, []string{"ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "ExecutionFailed"}) {
		t.Errorf("boom: %+v", r)
	}
	if r := got[4]; r.Status != "ERROR" || !strings.Contains(r.Cause, "lambdas is not an object") {
		t.Errorf("bad-lambdas: %+v", r)
	}
	if r := got[5]; r.Status != "ERROR" || !strings.Contains(r.Cause, `unknown handler kind "teleport"`) {
		t.Errorf("bad-kind: %+v", r)
	}
}
