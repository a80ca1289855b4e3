package jsonpath

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// knownDivergences lists recorded cases this package cannot match, with the
// reason.
var knownDivergences = map[string]string{}

type recordedCase struct {
	ID           string          `json:"id"`
	Features     []string        `json:"features"`
	Definition   json.RawMessage `json:"definition"`
	Input        json.RawMessage `json:"input"`
	Expected     json.RawMessage `json:"expected"`
	Placeholders bool            `json:"placeholders_in_expected"`
}

// TestRecordedPassStates replays the recorded executions made of a single
// Pass state that only uses InputPath, Parameters (with plain paths) and
// OutputPath, checking Select against AWS's answers: outputs, and for
// failures that a path is reported as not found (with Jayway's message where
// AWS quotes it).
func TestRecordedPassStates(t *testing.T) {
	var checked, skipped, diverged int
	for _, line := range shareddata.Lines(t, "conformance/aws-recorded.jsonl") {
		var c recordedCase
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatalf("bad line: %v", err)
		}
		state, ok := singlePassState(c)
		if !ok {
			skipped++
			continue
		}
		input, err := jsonvalue.Parse(c.Input)
		if err != nil {
			t.Fatalf("%s: input: %v", c.ID, err)
		}
		var want struct {
			Status string          `json:"status"`
			Output json.RawMessage `json:"output"`
			Error  string          `json:"error"`
			Cause  string          `json:"cause"`
		}
		if err := json.Unmarshal(c.Expected, &want); err != nil {
			t.Fatalf("%s: expected: %v", c.ID, err)
		}
		got, cause, ok := runPass(state, input)
		if !ok {
			skipped++
			continue
		}
		var problem string
		switch {
		case want.Status == "SUCCEEDED" && cause != "":
			problem = "failed: " + cause
		case want.Status == "SUCCEEDED":
			wantOut, err := jsonvalue.Parse(want.Output)
			if err != nil {
				t.Fatalf("%s: expected output: %v", c.ID, err)
			}
			if !jsonvalue.Equal(got, wantOut) {
				problem = "output " + jsonvalue.String(got) + ", want " + string(want.Output)
			}
		case want.Status == "FAILED" && cause == "":
			problem = "succeeded with " + jsonvalue.String(got) + ", want " + want.Error + ": " + want.Cause
		case want.Status == "FAILED" && !strings.Contains(want.Cause, cause):
			problem = "cause " + cause + ", want " + want.Cause
		}
		if reason, known := knownDivergences[c.ID]; known {
			if problem != "" {
				diverged++
				t.Logf("known divergence %s: %s (%s)", c.ID, problem, reason)
				continue
			}
			t.Errorf("%s: listed as a known divergence but now matches AWS; remove it from knownDivergences", c.ID)
		}
		if problem != "" {
			t.Errorf("%s: %s", c.ID, problem)
		}
		checked++
	}
	t.Logf("checked %d recorded Pass-state executions against AWS, %d known divergences, %d cases out of scope", checked, diverged, skipped)
	if checked == 0 {
		t.Error("no recorded case was in scope")
	}
}

// singlePassState returns the only state of a definition that is a Pass
// state using nothing but InputPath, Parameters and OutputPath.
func singlePassState(c recordedCase) (map[string]json.RawMessage, bool) {
	for _, f := range c.Features {
		if f == "jsonata" || f == "assign/variables" || f == "intrinsics" {
			return nil, false
		}
	}
	if c.Placeholders {
		return nil, false
	}
	var def struct {
		QueryLanguage string                                `json:"QueryLanguage"`
		States        map[string]map[string]json.RawMessage `json:"States"`
	}
	if json.Unmarshal(c.Definition, &def) != nil || len(def.States) != 1 || def.QueryLanguage == "JSONata" {
		return nil, false
	}
	for _, s := range def.States {
		if string(s["Type"]) != `"Pass"` {
			return nil, false
		}
		for k := range s {
			switch k {
			case "Type", "End", "Next", "Comment", "InputPath", "Parameters", "OutputPath":
			default:
				return nil, false
			}
		}
		return s, true
	}
	return nil, false
}

// runPass applies a Pass state's InputPath, Parameters and OutputPath. It
// returns the output, or the part of AWS's cause that the failure must
// produce; ok is false when the state uses something out of scope.
func runPass(state map[string]json.RawMessage, input any) (out any, cause string, ok bool) {
	context := jsonvalue.NewObject(1)
	exec := jsonvalue.NewObject(1)
	exec.Set("Input", input)
	context.Set("Execution", exec)

	apply := func(field string, v any) (any, string, bool) {
		raw, present := state[field]
		if !present {
			return v, "", true
		}
		if string(raw) == "null" {
			return jsonvalue.NewObject(0), "", true
		}
		var src string
		if json.Unmarshal(raw, &src) != nil {
			return nil, "", false
		}
		p, err := Parse(src)
		if err != nil {
			return nil, "", false
		}
		r, err := p.Select(v, context)
		if err != nil {
			return nil, "Invalid path '" + src + "' : " + err.Error(), true
		}
		return r, "", true
	}
	v, cause, ok := apply("InputPath", input)
	if !ok || cause != "" {
		return nil, cause, ok
	}
	if raw, present := state["Parameters"]; present {
		tmpl, err := jsonvalue.Parse(raw)
		if err != nil {
			return nil, "", false
		}
		v, cause, ok = applyTemplate(tmpl, v, context)
		if !ok || cause != "" {
			return nil, cause, ok
		}
	}
	return apply("OutputPath", v)
}

// applyTemplate evaluates a payload template whose .$ fields hold paths.
func applyTemplate(tmpl, input, context any) (any, string, bool) {
	switch t := tmpl.(type) {
	case *jsonvalue.Object:
		out := jsonvalue.NewObject(t.Len())
		for k, v := range t.All() {
			if strings.HasSuffix(k, ".$") {
				src, isString := v.(string)
				if !isString || strings.HasPrefix(src, "States.") {
					return nil, "", false
				}
				p, err := Parse(src)
				if err != nil {
					return nil, "", false
				}
				r, err := p.Select(input, context)
				if err != nil {
					var nf *NotFoundError
					if !errors.As(err, &nf) {
						return nil, "unexpected error " + err.Error(), true
					}
					return nil, "The JSONPath '" + src + "' specified for the field '" + k + "' could not be found in the input '", true
				}
				out.Set(strings.TrimSuffix(k, ".$"), r)
				continue
			}
			r, cause, ok := applyTemplate(v, input, context)
			if !ok || cause != "" {
				return nil, cause, ok
			}
			out.Set(k, r)
		}
		return out, "", true
	case []any:
		out := make([]any, len(t))
		for i, v := range t {
			r, cause, ok := applyTemplate(v, input, context)
			if !ok || cause != "" {
				return nil, cause, ok
			}
			out[i] = r
		}
		return out, "", true
	}
	return tmpl, "", true
}
