package sim_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/sim"
)

// The validator (package asl) and the simulator compile paths, intrinsic
// functions and JSONata templates with the same parsers, so that what
// `aslgen validate` accepts, `aslgen run` can run. FuzzValidatesRuns checks
// it.

// placeholder matches a definition substitution, ${Name}, which deploy
// tools replace before AWS sees a definition.
var placeholder = regexp.MustCompile(`\$\{[^{}"$]*\}`)

// substitute replaces the definition substitutions of a document by what a
// deploy tool could put there: an ARN, which is also a plain string.
func substitute(def []byte) []byte {
	return placeholder.ReplaceAllFunc(def, func(m []byte) []byte {
		name := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return '-'
		}, string(m[2:len(m)-1]))
		return []byte("arn:aws:lambda:us-east-1:123456789012:function:" + name + "x")
	})
}

// validateRunSeeds returns the documents that seed FuzzValidatesRuns: the
// shared corpus, the validator fixtures and the recorded definitions (with
// their substitutions replaced), and the seeds of FuzzRun. It logs what
// shared data it did not find.
func validateRunSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	for _, s := range fuzzSeeds {
		seeds = append(seeds, []byte(s.def))
	}
	files := append(shareddata.Matches("corpus/workflows-collection/*.json"), shareddata.Matches("conformance/validator/*.json")...)
	if len(files) == 0 {
		tb.Logf("shared data (corpus/, conformance/validator/) not found: FuzzValidatesRuns starts from its own seeds only")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, substitute(data))
	}
	if path, ok := shareddata.Lookup("conformance/aws-recorded.jsonl"); ok {
		data, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		for line := range bytes.SplitSeq(data, []byte("\n")) {
			var c struct {
				Definition json.RawMessage `json:"definition"`
			}
			if json.Unmarshal(line, &c) == nil && len(c.Definition) > 0 {
				seeds = append(seeds, c.Definition)
			}
		}
	}
	return seeds
}

// FuzzValidatesRuns checks that validation and the simulator agree: a
// document that asl.ValidateJSON accepts without errors decodes, compiles
// in the simulator (sim.New succeeds) and runs, with every task mocked, to
// a well-formed end. (A document with ${...} substitutions left in it is
// not checked: the validator leaves such strings to the deploy tool.)
func FuzzValidatesRuns(f *testing.F) {
	for _, s := range validateRunSeeds(f) {
		f.Add(s, []byte(fuzzInput))
	}
	f.Fuzz(checkValidatesRuns)
}

// checkValidatesRuns is one case of FuzzValidatesRuns.
func checkValidatesRuns(t *testing.T, def, input []byte) {
	if placeholder.Match(def) || asl.HasErrors(asl.ValidateJSON(def)) {
		return
	}
	doc, err := asl.Unmarshal(def)
	if err != nil {
		t.Fatalf("validates, but does not decode: %v", err)
	}
	facts := &fuzzFacts{}
	facts.walk(doc.States)
	facts.bareFail = facts.bareFail || dynamicError(doc.States)
	opts := []sim.Option{sim.Seed(1), sim.StartTime(fuzzStart)}
	slices.Sort(facts.resources)
	for _, r := range slices.Compact(facts.resources) {
		opts = append(opts, sim.OnResource(r, fuzzHandler(1, r)))
	}
	slices.Sort(facts.readers)
	for _, name := range slices.Compact(facts.readers) {
		opts = append(opts, sim.OnState(name+"/ItemReader", fuzzReader(1)))
	}
	s, err := sim.New(doc, opts...)
	if err != nil {
		t.Fatalf("validates, but the simulator cannot run it: %v", err)
	}
	if !json.Valid(input) {
		input = []byte(fuzzInput)
	}
	ex, err := fuzzRun(t, s, input)
	if err != nil {
		return // input that the simulator does not take
	}
	checkExecution(t, ex, facts)
	if ex.Error == sim.ErrorUnmocked {
		t.Fatalf("every task is mocked, yet: %s", ex.Cause)
	}
}

// dynamicError reports whether a Fail state among states, at any depth,
// computes its error (ErrorPath, or a JSONata expression), which may then
// be empty.
func dynamicError(states asl.States) bool {
	for _, st := range states.All() {
		switch s := st.(type) {
		case *asl.Fail:
			if s.ErrorPath != "" || strings.HasPrefix(s.Error, "{%") {
				return true
			}
		case *asl.Parallel:
			for _, b := range s.Branches {
				if dynamicError(b.States) {
					return true
				}
			}
		case *asl.Map:
			if p := s.Processor(); p != nil && dynamicError(p.States) {
				return true
			}
		}
	}
	return false
}

// TestValidatesRuns runs the check of FuzzValidatesRuns over its seeds:
// every shared document that validates also compiles and runs.
func TestValidatesRuns(t *testing.T) {
	seeds := validateRunSeeds(t)
	if len(seeds) == len(fuzzSeeds) {
		t.Skip("shared data not found (see package shareddata): only FuzzRun's seeds would be checked, as FuzzRun does")
	}
	checked := 0
	for _, def := range seeds {
		if placeholder.Match(def) || asl.HasErrors(asl.ValidateJSON(def)) {
			continue
		}
		checked++
		checkValidatesRuns(t, def, []byte(fuzzInput))
	}
	t.Logf("%d of %d seed documents validate; each compiles and runs", checked, len(seeds))
}

// TestValidatesRunsForms checks the forms that the validator and the
// simulator once disagreed on: each validates and runs as AWS runs it.
func TestValidatesRunsForms(t *testing.T) {
	tests := []struct {
		name, def, input, want string
	}{
		{"one-sided space in a JSONata template", `{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input%}", "End": true}}}`,
			`{"a": 1}`, `{"a":1}`},
		{"no space in a JSONata template", `{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {"x": "{%$states.input.a+1%}"}, "End": true}}}`,
			`{"a": 1}`, `{"x":2}`},
		{"an unquoted word in a filter", `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"failed.$": "$.jobs[?(@.status==Failure)].id"}, "End": true}}}`,
			`{"jobs": [{"id": 1, "status": "Failure"}, {"id": 2, "status": "Success"}]}`, `{"failed":[1]}`},
		{"a trailing space in a path", `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"name.$": "$$.Execution.Name ", "a.$": "$.a "}, "OutputPath": "$.a ", "End": true}}}`,
			`{"a": 1}`, `1`},
		{"a trailing space in a Choice variable", `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a ", "NumericEquals": 1, "Next": "Y"}], "Default": "N"}, "Y": {"Type": "Pass", "Result": "yes", "End": true}, "N": {"Type": "Pass", "Result": "no", "End": true}}}`,
			`{"a": 1}`, `"yes"`},
		{"the script (@.length-1)", `{"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$[(@.length-1)].bar", "End": true}}}`,
			`[{"bar": 1}, {"bar": 2}]`, `2`},
		{"an unquoted word in an intrinsic's path", `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": "States.ArrayGetItem($.o[?(@.k == FooBar)].v, 0)"}, "End": true}}}`,
			`{"o": [{"k": "FooBar", "v": 7}]}`, `{"v":7}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ds := asl.ValidateJSON([]byte(tt.def)); asl.HasErrors(ds) {
				t.Fatalf("does not validate: %v", ds)
			}
			doc, err := asl.Unmarshal([]byte(tt.def))
			if err != nil {
				t.Fatal(err)
			}
			s, err := sim.New(doc)
			if err != nil {
				t.Fatalf("validates, but cannot run: %v", err)
			}
			ex, err := fuzzRun(t, s, []byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if ex.Status != sim.Succeeded || string(ex.OutputJSON()) != tt.want {
				t.Errorf("%s %s %s, output %s; want output %s", ex.Status, ex.Error, ex.Cause, ex.OutputJSON(), tt.want)
			}
		})
	}
}

// fieldDocs are documents with one string field left open, %s, for
// FuzzValidatesRunsField: every place that takes a path, an intrinsic
// function or a JSONata template. The regression seeds in testdata name
// documents by index: add new ones at the end.
var fieldDocs = []string{
	`{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": %s, "End": true}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Pass", "OutputPath": %s, "End": true}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": %s}, "End": true}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": %s, "End": true}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"v.$": %s}, "End": true}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "ResultSelector": {"x.$": %s}, "TimeoutSecondsPath": "$.n", "End": true}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "TimeoutSecondsPath": %s, "End": true}}}`,
	`{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": %s, "IsPresent": true, "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}}}`,
	`{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.s", "StringEqualsPath": %s, "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}}}`,
	`{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": %s, "End": true}}}`,
	`{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": %s, "CausePath": "$.s"}}}`,
	`{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": %s, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"x": %s}, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"v": %s}, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Condition": %s, "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": %s, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "Items": %s, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "F", "States": {"F": {"Type": "Fail", "Error": %s, "Cause": "c"}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Credentials": {"RoleArn.$": %s}, "End": true}}}`,
	`{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": %s, "Next": "D"}], "End": true}, "D": {"Type": "Succeed"}}}`,
	`{"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": %s, "End": true}}}`,
	`{"StartAt": "F", "States": {"F": {"Type": "Fail", "CausePath": %s}}}`,
	`{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": %s, "ItemSelector": {"i.$": "$$.Map.Item.Value"}, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`,
	`{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"i.$": %s}, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`,
	`{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailureCountPath": %s, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`,
	`{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a", "NumericLessThanPath": %s}, "Assign": {"x.$": "$.a"}, "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}}}`,
	`{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Parameters": {"x.$": %s}, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Arguments": {"x": %s}, "TimeoutSeconds": 5, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "TimeoutSeconds": %s, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "Items": "{% $states.input.items %}", "MaxConcurrency": %s, "ItemSelector": "{% $states.context.Map.Item %}", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": %s, "End": true}}}`,
	`{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Parallel", "Arguments": %s, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "Output": "{% $states.result %}", "End": true}}}`,
}

// fieldSeeds are strings for FuzzValidatesRunsField.
var fieldSeeds = []string{
	"$", "$.a", "$$.Execution.Name ", "$.a ", "$.items[?(@.status==Failure)]", "$[(@.length-1)].bar", "$x.a", "$.a[0]",
	"States.Format('{}', $.a)", "States.ArrayGetItem($.o[?(@.k == FooBar)].v, 0)", "States.JsonToString($x)",
	"{% $states.input %}", "{% $states.input%}", "{%$states.input.a + 1%}", "{% \n1 %}", "{% $x ?? 1 %}", "{% $states.input.items[0] %}",
	"{% [1, 2] %}", "{% 'e' %}", "{% true %}",
}

// FuzzValidatesRunsField is FuzzValidatesRuns for one field at a time: it
// puts a fuzzed string in every place of fieldDocs that takes a path, an
// intrinsic function or a JSONata template, which finds a disagreement
// between the validator's parsers and the simulator's sooner than
// mutating whole documents does.
func FuzzValidatesRunsField(f *testing.F) {
	for i := range fieldDocs {
		for _, s := range fieldSeeds {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, s string) {
		text, err := json.Marshal(s)
		if err != nil {
			return
		}
		def := fmt.Sprintf(fieldDocs[int(which)%len(fieldDocs)], text)
		checkValidatesRuns(t, []byte(def), []byte(`{"a": 1, "n": 1, "s": "x", "items": [{"status": "Failure"}], "o": [{"k": "FooBar", "v": 1}]}`))
	})
}
