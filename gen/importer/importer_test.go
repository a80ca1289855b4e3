package importer

import (
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
)

// seeds are definitions that use every kind of field the importer writes.
var seeds = map[string]string{
	"jsonpath": `{
  "Comment": "Everything JSONPath",
  "StartAt": "Start here",
  "TimeoutSeconds": 3600,
  "Version": "1.0",
  "States": {
    "Start here": {"Type": "Pass", "Comment": "first", "Result": {"a.$": "$.literal", "n": 1.5, "list": [1, "x", null, true]}, "ResultPath": "$.r", "Next": "map"},
    "map": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "${Fn}", "Payload": {"id.$": "$.id", "when.$": "$$.Execution.StartTime", "greeting.$": "States.Format('Hello, {}', $.name)", "sum.$": "States.MathAdd($.a, 1)", "raw.$": "States.Format('{}',$.x)", "h.$": "States.Hash($.d, 'SHA-256')", "u.$": "States.UUID()", "merged.$": "States.JsonMerge($.a, $.b, false)"}},
      "ResultSelector": {"out.$": "$.Payload"}, "ResultPath": "$.task", "OutputPath": "$",
      "TimeoutSeconds": 300, "HeartbeatSecondsPath": "$.hb",
      "Retry": [{"ErrorEquals": ["States.TaskFailed", "Custom.Error"], "IntervalSeconds": 90, "MaxAttempts": 0, "BackoffRate": 1.5, "MaxDelaySeconds": 7200, "JitterStrategy": "FULL", "Comment": "r"}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Failed", "Comment": "c"}],
      "Next": "Decide"},
    "Decide": {"Type": "Choice", "InputPath": null, "Choices": [
      {"And": [{"Variable": "$.n", "NumericGreaterThan": 10}, {"Variable": "$.n", "NumericLessThanEqualsPath": "$.max"}, {"Not": {"Variable": "$.s", "StringMatches": "a*b\\*"}}], "Next": "Wait a bit", "Comment": "big"},
      {"Or": [{"Variable": "$.b", "BooleanEquals": true}, {"Variable": "$.t", "TimestampGreaterThan": "2024-01-02T03:04:05Z"}, {"Variable": "$.t", "TimestampLessThan": "2024-01-02T03:04:05.5+02:00"}, {"Variable": "$.x", "IsPresent": false}], "Next": "Fan out"},
      {"Variable": "$.s", "StringEquals": "go", "Next": "Each"}
    ], "Default": "Failed"},
    "Wait a bit": {"Type": "Wait", "Seconds": 0, "Next": "Wait until"},
    "Wait until": {"Type": "Wait", "Timestamp": "2030-06-01T00:00:00Z", "Next": "Done"},
    "Fan out": {"Type": "Parallel", "Branches": [
      {"Comment": "one", "StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}},
      {"StartAt": "B2", "States": {"B2": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}
    ], "Retry": [{"ErrorEquals": ["States.TaskFailed", "Custom.Error"], "IntervalSeconds": 90, "MaxAttempts": 0, "BackoffRate": 1.5, "MaxDelaySeconds": 7200, "JitterStrategy": "FULL", "Comment": "r"}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Failed", "Comment": "c"}], "Next": "Done"},
    "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "MaxConcurrencyPath": "$.mc",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "Item", "States": {"Item": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true}}},
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b"], "MaxItems": 10}, "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
      "ItemBatcher": {"MaxItemsPerBatch": 5, "BatchInput": {"k": "v"}},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out"}, "WriterConfig": {"OutputType": "JSONL", "Transformation": "NONE"}},
      "ToleratedFailurePercentage": 12.5, "ToleratedFailureCount": 3, "Label": "each", "Next": "Done"},
    "Failed": {"Type": "Fail", "ErrorPath": "$.error", "Cause": "went wrong"},
    "Done": {"Type": "Succeed"}
  }
}`,
	"jsonata": `{
  "QueryLanguage": "JSONata",
  "StartAt": "Invoke",
  "States": {
    "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "fn", "Payload": "{% $states.input.order %}"},
      "Output": "{% $states.result.Payload %}", "Assign": {"total": "{% $states.result.Payload.total %}"}, "TimeoutSeconds": "{% $t %}", "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $total > 10 %}", "Next": "Loop", "Assign": {"big": true}, "Output": {"x": "{% $total %}"}}], "Default": "Stop"},
    "Loop": {"Type": "Map", "Items": "{% $states.input.items %}", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}, "ProcessorConfig": {"Mode": "INLINE"}}, "MaxConcurrency": 2, "Next": "Legacy"},
    "Legacy": {"Type": "Pass", "QueryLanguage": "JSONPath", "Parameters": {"x.$": "$.y"}, "Next": "Stop"},
    "Stop": {"Type": "Fail", "Error": "{% 'E' & $total %}", "Cause": "plain"}
  }
}`,
	// Fields the builder once could not express (each was a Gap).
	"fidelity jsonpath": `{
  "StartAt": "Inline map",
  "States": {
    "Inline map": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "I1", "States": {"I1": {"Type": "Pass", "End": true}}}, "Next": "Legacy map"},
    "Legacy map": {"Type": "Map", "Iterator": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I2", "States": {"I2": {"Type": "Pass", "End": true}}}, "Next": "Ref"},
    "Ref": {"Type": "Task", "Resource": {"Ref": "MyFunction"}, "Next": "GetAtt"},
    "GetAtt": {"Type": "Task", "Resource": {"Fn::GetAtt": ["MyFunction", "Arn"]}, "Next": "Decide"},
    "Decide": {"Type": "Choice", "Choices": [
      {"And": [{"Comment": "has x", "Variable": "$.x", "IsPresent": true}, {"Comment": "not null", "Not": {"Comment": "null", "Variable": "$.x", "IsNull": true}}], "Comment": "top", "Next": "Distributed"},
      {"Or": [{"Variable": "$.t", "TimestampEquals": "2024-01-02T03:04:05.500Z"}, {"Variable": "$.t", "TimestampLessThan": "2024-01-02T03:04:05+00:00"}], "Next": "Distributed"}
    ], "Default": "Result"},
    "Distributed": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I3", "States": {"I3": {"Type": "Pass", "End": true}}},
      "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}, "ReaderConfig": {}},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "p"}, "WriterConfig": {}},
      "Next": "Result"},
    "Result": {"Type": "Pass", "Result": {"k": 1, "k.$": "$.literal"}, "Next": "Until"},
    "Until": {"Type": "Wait", "Timestamp": "2030-06-01T00:00:00+00:00", "End": true}
  }
}`,
	"fidelity jsonata": `{
  "QueryLanguage": "JSONata",
  "StartAt": "Check",
  "States": {
    "Check": {"Type": "Choice", "Choices": [{"Condition": true, "Next": "Out"}, {"Condition": false, "Next": "Out"}]},
    "Out": {"Type": "Pass", "Output": {"k": "{% 1 %}", "k.$": "$.literal"}, "End": true}
  }
}`,
	"names and loops": `{
  "StartAt": "b",
  "States": {
    "a": {"Type": "Pass", "Next": "b"},
    "b": {"Type": "Pass", "Next": "map"},
    "map": {"Type": "Pass", "Next": "1st"},
    "1st": {"Type": "Pass", "Next": "Map"},
    "Map": {"Type": "Map", "Iterator": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}, "Parameters": {"i.$": "$$.Map.Item.Index"}, "Next": "loop"},
    "loop": {"Type": "Choice", "Choices": [{"Variable": "$.again", "BooleanEquals": true, "Next": "a"}], "Default": "end!"},
    "end!": {"Type": "Succeed"}
  }
}`,
}

func TestGenerateIsFormattedAndDeterministic(t *testing.T) {
	for name, def := range seeds {
		sm, err := asl.Unmarshal([]byte(def))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ds := asl.Validate(sm); asl.HasErrors(ds) {
			t.Fatalf("%s does not validate: %v", name, ds)
		}
		a, err := Generate(sm, Options{Name: "Flow", Package: "flows"})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Gaps) > 0 {
			t.Errorf("%s: gaps %v", name, a.Gaps)
		}
		b, _ := Generate(sm, Options{Name: "Flow", Package: "flows"})
		if string(a.Source) != string(b.Source) {
			t.Errorf("%s: two imports differ", name)
		}
		formatted, err := format.Source(a.Source)
		if err != nil || string(formatted) != string(a.Source) {
			t.Errorf("%s: the code is not gofmt-formatted (%v):\n%s", name, err, a.Source)
		}
	}
}

func TestGenerateRefusesBadNames(t *testing.T) {
	sm, _ := asl.Unmarshal([]byte(seeds["names and loops"]))
	for _, o := range []Options{{Name: "lower"}, {Name: "A-B"}, {Name: "Ok", Package: "a-b"}} {
		if _, err := Generate(sm, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestNameFromFile(t *testing.T) {
	for file, want := range map[string]string{
		"statemachine.asl.json":         "Statemachine",
		"dir/order-processing.asl.yaml": "OrderProcessing",
		"my_flow.json":                  "MyFlow",
		"2fa.yml":                       "Machine2fa",
		"-":                             "Machine",
	} {
		if got := NameFromFile(file); got != want {
			t.Errorf("NameFromFile(%q) = %q, want %q", file, got, want)
		}
	}
}

// TestRoundTrip builds the imported code of each seed and of each
// example's ASL file, in one program: each must give its document back.
func TestRoundTrip(t *testing.T) {
	var defs [][]byte
	for _, name := range []string{"jsonpath", "jsonata", "names and loops", "fidelity jsonpath", "fidelity jsonata"} {
		defs = append(defs, []byte(seeds[name]))
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*", "*.asl.json"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		defs = append(defs, data)
	}
	roundTrip(t, defs...)
}

// FuzzImport checks that a definition that validates imports, and that
// the imported code, compiled and run, builds the same document as a JSON
// value (unless the importer reports a gap). Each input compiles a small
// program, so the fuzzer runs a few inputs a second; TestRoundTrip runs
// the seeds of the importer's tests and the examples.
func FuzzImport(f *testing.F) {
	f.Add([]byte(seeds["names and loops"]))
	f.Fuzz(func(t *testing.T, data []byte) {
		if asl.HasErrors(asl.ValidateJSON(data)) {
			return
		}
		roundTrip(t, data)
	})
}

// roundTrip imports each definition, runs the code in a temporary module
// and compares the documents it builds with the definitions.
func roundTrip(t *testing.T, defs ...[]byte) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a module; skipped with -short")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": fmt.Sprintf("module example.com/m\n\ngo 1.24.0\n\nrequire github.com/aslgen/aslgen v0.0.0\n\nreplace github.com/aslgen/aslgen => %s\n", root),
		"go.sum": string(sum),
	}
	var table strings.Builder
	var compared []int
	sources := map[int][]byte{}
	for i, data := range defs {
		sm, err := asl.Unmarshal(data)
		if err != nil {
			t.Fatalf("definition %d: a valid definition does not decode: %v", i, err)
		}
		name := fmt.Sprintf("Imported%d", i)
		res, err := Generate(sm, Options{Name: name, Package: "main"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Gaps) > 0 {
			t.Logf("definition %d: gaps, not compared: %v", i, res.Gaps)
			continue
		}
		if strings.Contains(string(res.Source), "aslgen import:") {
			t.Errorf("definition %d: the code has a gap comment but no gap was reported:\n%s", i, res.Source)
		}
		files[strings.ToLower(name)+".go"] = string(res.Source)
		fmt.Fprintf(&table, "\t%s,\n", name)
		compared = append(compared, i)
		sources[i] = res.Source
	}
	if len(compared) == 0 {
		return
	}
	files["main.go"] = strings.Replace(mainGo, "\t// TABLE\n", table.String(), 1)
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if e, ok := err.(*exec.ExitError); ok {
			stderr = string(e.Stderr)
		}
		t.Fatalf("the imported code does not build its machines: %v\n%s%s", err, out, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(compared) {
		t.Fatalf("%d documents for %d definitions:\n%s", len(lines), len(compared), out)
	}
	for k, i := range compared {
		var got, want any
		if err := json.Unmarshal([]byte(lines[k]), &got); err != nil {
			t.Fatalf("definition %d: %v: %s", i, err, lines[k])
		}
		json.Unmarshal(defs[i], &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("definition %d: the imported code builds\n%s\nnot\n%s\ncode:\n%s", i, lines[k], defs[i], sources[i])
		}
	}
}

// mainGo prints the document of each machine, compacted, one a line.
const mainGo = `package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
)

func main() {
	for _, f := range []func() *dsl.Machine{
		// TABLE
	} {
		sm, err := f().Build()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		data, err := asl.Marshal(sm)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var v any
		json.Unmarshal(data, &v)
		line, _ := json.Marshal(v)
		fmt.Printf("%s\n", line)
	}
}
`

// TestGapsThatRemain checks that what the builder still cannot write is
// reported: "k" and "k.$" side by side where both set field k, and a
// Timestamp comparison with a constant that is no RFC 3339 timestamp.
func TestGapsThatRemain(t *testing.T) {
	for _, tc := range []struct{ def, loc string }{
		{`{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"k": 1, "k.$": "$.k"}, "End": true}}}`,
			"/States/P/Parameters/k.$"},
		{`{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampEquals": "today", "Next": "S"}]}, "S": {"Type": "Succeed"}}}`,
			"/States/C/Choices/0/TimestampEquals"},
	} {
		sm, err := asl.Unmarshal([]byte(tc.def))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Generate(sm, Options{Name: "Flow"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Gaps) != 1 || res.Gaps[0].Location != tc.loc {
			t.Errorf("%s: gaps %v, want one at %s", tc.def, res.Gaps, tc.loc)
		}
	}
}
