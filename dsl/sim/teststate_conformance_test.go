package sim_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/sim/replay"
)

// testStateCase is one line of teststate.jsonl: the request and AWS's
// answer.
type testStateCase struct {
	replay.TestStateCase
	shareddata.Answer
	ExpectedRaw json.RawMessage `json:"expected"`
}

// runTestStateCase makes the request in the recorder's account.
func runTestStateCase(c *testStateCase) (replay.TestStateAnswer, error) {
	return c.TestStateCase.Answer(sim.Account(recorderAccount))
}

// compareTestState compares an answer line with the recorded response:
// the whole response as one JSON value, where the recorder's placeholders
// and the paths LocalStack does not compare match anything.
func compareTestState(c *testStateCase, got replay.TestStateAnswer) []string {
	data, err := json.Marshal(got)
	if err != nil {
		return []string{err.Error()}
	}
	gv, err := jsonvalue.Parse(data)
	if err != nil {
		return []string{err.Error()}
	}
	gv.(*jsonvalue.Object).Delete("id")
	a := c.Answer
	a.Expected = shareddata.Expected{Status: "SUCCEEDED", Output: c.ExpectedRaw}
	return a.Compare(shareddata.Result{Status: "SUCCEEDED", Output: gv}, true)
}

// knownTestStateDiffs are the calls whose answer the simulator cannot give,
// and why.
var knownTestStateDiffs = map[string]string{
	"test_state/test_field_validation_mode.py::TestFieldValidationMode::test_strict_mode_aws_sdk_lambda_get_function_task[integer_more_than_maximum_allowed]#validation-exception":                 "awsapi: Lambda's MemorySize maximum is 32768 in botocore 1.43.67, 10240 when AWS recorded the case",
	"test_state/test_field_validation_mode_present.py::TestFieldValidationModePresent::test_present_mode_aws_sdk_lambda_get_function_task[integer_more_than_maximum_allowed]#validation-exception": "awsapi: Lambda's MemorySize maximum is 32768 in botocore 1.43.67, 10240 when AWS recorded the case",
}

func TestTestStateConformance(t *testing.T) {
	var cases []testStateCase
	for _, line := range shareddata.Lines(t, "conformance/teststate.jsonl") {
		var c testStateCase
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	matched, unexpected := 0, 0
	var failures []string
	for i := range cases {
		c := &cases[i]
		got, err := runTestStateCase(c)
		var diffs []string
		if err != nil {
			diffs = []string{err.Error()}
		} else {
			diffs = compareTestState(c, got)
		}
		if len(diffs) == 0 {
			matched++
			continue
		}
		why, known := knownTestStateDiffs[c.ID]
		if !known {
			unexpected++
			why = "unexpected"
		}
		failures = append(failures, fmt.Sprintf("%s (%s):\n  %s", c.ID, why, strings.ReplaceAll(strings.Join(diffs, "\n"), "\n", "\n  ")))
	}
	t.Logf("%d of %d calls match", matched, len(cases))
	for _, f := range failures {
		t.Log(f)
	}
	if unexpected > 0 {
		t.Errorf("%d of %d TestState calls do not give AWS's answer", unexpected, len(cases))
	}
}

// TestTestStateHoldout runs the sealed TestState calls: none may crash or
// fail to give an answer.
func TestTestStateHoldout(t *testing.T) {
	n := 0
	for _, line := range shareddata.Lines(t, "conformance/teststate-holdout.jsonl") {
		var c replay.TestStateCase
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Answer(sim.Account(recorderAccount)); err != nil {
			t.Errorf("%s: %v", c.ID, err)
		}
		n++
	}
	t.Logf("%d hold-out calls ran", n)
}
