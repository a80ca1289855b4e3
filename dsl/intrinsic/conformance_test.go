package intrinsic

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

type recordedCase struct {
	ID             string            `json:"id"`
	Area           string            `json:"area"`
	Definition     json.RawMessage   `json:"definition"`
	Input          json.RawMessage   `json:"input"`
	Placeholders   bool              `json:"placeholders_in_expected"`
	ExpectedEvents []json.RawMessage `json:"expected_events"`
	Expected       struct {
		Status string          `json:"status"`
		Output json.RawMessage `json:"output"`
		Error  string          `json:"error"`
		Cause  string          `json:"cause"`
	} `json:"expected"`
}

// recordedContext is a context object whose values are the placeholders
// the recordings print in their place.
func recordedContext(input any) any {
	ctx := jsonvalue.MustParse(`{"Execution":{"Id":"<ExecArnPart_0idx>","Name":"<ExecArnPart_0idx>"},` +
		`"StateMachine":{"Id":"arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>","Name":"<ArnPart_0idx>"}}`)
	exec, _ := ctx.(*jsonvalue.Object).Get("Execution")
	exec.(*jsonvalue.Object).Set("Input", input)
	return ctx
}

func get(v any, keys ...string) any {
	for _, k := range keys {
		o, ok := v.(*jsonvalue.Object)
		if !ok {
			return nil
		}
		v, _ = o.Get(k)
	}
	return v
}

// matchRecorded compares a result with a recorded value, which may be a
// placeholder for a random value.
func matchRecorded(c *Call, got, want any, placeholders bool) bool {
	if s, ok := want.(string); ok {
		switch {
		case s == "RandomNumberGenerated" && c.Name == "States.MathRandom":
			_, ok := got.(jsonvalue.Number)
			return ok
		case placeholders && strings.HasPrefix(s, "<uuid:"):
			g, ok := got.(string)
			return ok && uuidRE.MatchString(g)
		}
	}
	return jsonvalue.Equal(got, want)
}

// TestRecordedAWS evaluates the intrinsic functions of AWS's recorded
// executions and compares the results with AWS's.
//
// Checked: every case whose definition is a single Pass state whose
// Parameters is a flat object of "key.$": "States...." entries (with a
// ResultPath/OutputPath pair that selects one of them, if any); Pass
// states that Assign intrinsic results computed from their Result; and
// Fail states whose ErrorPath or CausePath is an intrinsic function.
func TestRecordedAWS(t *testing.T) {
	var cases, calls, skippedIntrinsic int
	for _, line := range shareddata.Lines(t, "conformance/aws-recorded.jsonl") {
		var rc recordedCase
		if err := json.Unmarshal(line, &rc); err != nil {
			t.Fatalf("bad line: %v", err)
		}
		def := jsonvalue.MustParse(string(rc.Definition))
		input := jsonvalue.MustParse(string(rc.Input))
		n := checkFlatPass(t, &rc, def, input) + checkAssign(t, &rc, def) + checkFail(t, &rc, def, input)
		if n > 0 {
			cases++
			calls += n
		} else if rc.Area == "intrinsic_functions" && !strings.Contains(string(rc.Definition), "JSONata") {
			skippedIntrinsic++
			t.Errorf("%s: intrinsic_functions case not checked", rc.ID)
		}
	}
	t.Logf("checked %d intrinsic calls in %d recorded cases; %d intrinsic_functions cases (non-JSONata) not checked", calls, cases, skippedIntrinsic)
	if cases < 50 {
		t.Errorf("only %d recorded cases checked", cases)
	}
}

// checkFlatPass checks a single Pass state with flat intrinsic Parameters.
// It returns the number of calls checked.
func checkFlatPass(t *testing.T, rc *recordedCase, def, input any) int {
	states, _ := get(def, "States").(*jsonvalue.Object)
	if states.Len() != 1 || rc.Expected.Status != "SUCCEEDED" {
		return 0
	}
	state := get(def, "States", states.Keys()[0])
	params, ok := get(state, "Parameters").(*jsonvalue.Object)
	if get(state, "Type") != "Pass" || !ok || params.Len() == 0 {
		return 0
	}
	output := jsonvalue.MustParse(string(rc.Expected.Output))
	resultPath, _ := get(state, "ResultPath").(string)
	outputPath, _ := get(state, "OutputPath").(string)
	for k, v := range params.All() {
		s, ok := v.(string)
		if !strings.HasSuffix(k, ".$") || !ok || !IsIntrinsic(s) {
			return 0
		}
	}
	n := 0
	for k, v := range params.All() {
		key := strings.TrimSuffix(k, ".$")
		var want any
		switch {
		case resultPath == "" && outputPath == "":
			want = get(output, key)
		case outputPath == resultPath+"."+key:
			want = output
		default:
			continue
		}
		c, err := Parse(v.(string))
		if err != nil {
			t.Errorf("%s: Parse(%q): %v", rc.ID, v, err)
			continue
		}
		got, err := c.Eval(Env{Input: input, Context: recordedContext(input)})
		switch {
		case err != nil:
			t.Errorf("%s: %s on %s: %v", rc.ID, v, jsonvalue.String(input), err)
		case !matchRecorded(c, got, want, rc.Placeholders):
			t.Errorf("%s: %s on %s = %s, AWS gave %s", rc.ID, v, jsonvalue.String(input), jsonvalue.String(got), jsonvalue.String(want))
		}
		n++
	}
	return n
}

// checkAssign checks a StartAt Pass state whose Assign holds intrinsic
// functions of its Result, against the assigned variables AWS recorded.
func checkAssign(t *testing.T, rc *recordedCase, def any) int {
	startAt, _ := get(def, "StartAt").(string)
	state := get(def, "States", startAt)
	result := get(state, "Result")
	assign, ok := get(state, "Assign").(*jsonvalue.Object)
	if get(state, "Type") != "Pass" || result == nil || !ok {
		return 0
	}
	var assigned any
	for _, raw := range rc.ExpectedEvents {
		ev := jsonvalue.MustParse(string(raw))
		if get(ev, "type") == "PassStateExited" && get(ev, "stateExitedEventDetails", "name") == startAt {
			assigned = get(ev, "stateExitedEventDetails", "assignedVariables")
		}
	}
	if assigned == nil {
		return 0
	}
	n := 0
	var walk func(tmpl *jsonvalue.Object, want any)
	walk = func(tmpl *jsonvalue.Object, want any) {
		for k, v := range tmpl.All() {
			if o, ok := v.(*jsonvalue.Object); ok {
				walk(o, get(want, k))
				continue
			}
			s, ok := v.(string)
			if !strings.HasSuffix(k, ".$") || !ok || !IsIntrinsic(s) {
				continue
			}
			c, err := Parse(s)
			if err != nil {
				continue // variables ($name) are not intrinsic paths
			}
			got, err := c.Eval(Env{Input: result, Context: recordedContext(nil)})
			w := get(want, strings.TrimSuffix(k, ".$"))
			switch {
			case err != nil:
				t.Errorf("%s: %s: %v", rc.ID, s, err)
			case !matchRecorded(c, got, w, true):
				t.Errorf("%s: %s = %s, AWS assigned %s", rc.ID, s, jsonvalue.String(got), jsonvalue.String(w))
			}
			n++
		}
	}
	walk(assign, assigned)
	return n
}

// checkFail checks a StartAt Fail state whose ErrorPath or CausePath is an
// intrinsic function.
func checkFail(t *testing.T, rc *recordedCase, def, input any) int {
	startAt, _ := get(def, "StartAt").(string)
	state := get(def, "States", startAt)
	if get(state, "Type") != "Fail" || rc.Expected.Status != "FAILED" {
		return 0
	}
	n := 0
	for field, want := range map[string]string{"ErrorPath": rc.Expected.Error, "CausePath": rc.Expected.Cause} {
		s, _ := get(state, field).(string)
		if !IsIntrinsic(s) {
			continue
		}
		c, err := Parse(s)
		if err != nil {
			t.Errorf("%s: Parse(%q): %v", rc.ID, s, err)
			continue
		}
		got, err := c.Eval(Env{Input: input, Context: recordedContext(input)})
		if err != nil || got != want {
			t.Errorf("%s: %s = %v, %v; AWS gave %q", rc.ID, s, got, err, want)
		}
		n++
	}
	return n
}
