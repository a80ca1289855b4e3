package sim

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// mapDoc is a machine of one Map state with the given fields and the given
// processor mode, whose iterations pass their input on.
func mapDoc(ql, fields, mode string) string {
	config := `"Mode": "INLINE"`
	if mode == "DISTRIBUTED" {
		config = `"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"`
	}
	return fmt.Sprintf(`{"QueryLanguage": %q, "StartAt": "M", "States": {"M": {"Type": "Map"%s,
		"ItemProcessor": {"ProcessorConfig": {%s}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}`, ql, fields, config)
}

// TestMapOverObject checks that a Map state iterates over an object's
// members, each as {"key": name, "value": value}, in the object's order,
// in both query languages and both processing modes.
func TestMapOverObject(t *testing.T) {
	const input = `{"prices": {"b": 2, "a": {"x": [1]}, "c": null}, "n": 1}`
	const pairs = `[{"key": "b", "value": 2}, {"key": "a", "value": {"x": [1]}}, {"key": "c", "value": null}]`
	for _, mode := range []string{"INLINE", "DISTRIBUTED"} {
		t.Run(mode, func(t *testing.T) {
			cases := []struct{ name, def, input, want string }{
				{"ItemsPath", mapDoc("JSONPath", `, "ItemsPath": "$.prices"`, mode), input, pairs},
				{"the whole input", mapDoc("JSONPath", ``, mode), `{"b": 2, "a": 1}`, `[{"key": "b", "value": 2}, {"key": "a", "value": 1}]`},
				{"ItemSelector", mapDoc("JSONPath", `, "ItemsPath": "$.prices", "MaxConcurrency": 1,
					"ItemSelector": {"name.$": "$$.Map.Item.Value.key", "i.$": "$$.Map.Item.Index", "n.$": "$.n"}`, mode), input,
					`[{"name": "b", "i": 0, "n": 1}, {"name": "a", "i": 1, "n": 1}, {"name": "c", "i": 2, "n": 1}]`},
				{"an empty object", mapDoc("JSONPath", `, "ItemsPath": "$.none"`, mode), `{"none": {}}`, `[]`},
				{"Items", mapDoc("JSONata", `, "Items": "{% $states.input.prices %}"`, mode), input, pairs},
				{"Items, an object", mapDoc("JSONata", `, "Items": {"k": "{% $states.input.n %}", "l": [2]}`, mode), input, `[{"key": "k", "value": 1}, {"key": "l", "value": [2]}]`},
				{"the input without Items", mapDoc("JSONata", ``, mode), `{"b": 2, "a": 1}`, `[{"key": "b", "value": 2}, {"key": "a", "value": 1}]`},
				{"ItemSelector in JSONata", mapDoc("JSONata", `, "Items": "{% $states.input.prices %}",
					"ItemSelector": {"name": "{% $states.context.Map.Item.Value.key %}", "i": "{% $states.context.Map.Item.Index %}"}`, mode), input,
					`[{"name": "b", "i": 0}, {"name": "a", "i": 1}, {"name": "c", "i": 2}]`},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					ex := mustRun(t, mustSim(t, c.def), c.input)
					wantOutput(t, ex, c.want)
					if mode == "INLINE" {
						if got, want := count(ex, "MapIterationSucceeded"), len(mustList(t, c.want)); got != want {
							t.Errorf("%d iterations, want %d", got, want)
						}
					}
				})
			}
		})
	}
}

func mustList(t *testing.T, s string) []any {
	t.Helper()
	var v []any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestMapOverObjectBatched checks that an ItemBatcher batches the pairs of
// an object as it batches an array's elements.
func TestMapOverObjectBatched(t *testing.T) {
	def := mapDoc("JSONPath", `, "ItemsPath": "$.o", "ItemBatcher": {"MaxItemsPerBatch": 2}`, "DISTRIBUTED")
	ex := mustRun(t, mustSim(t, def), `{"o": {"a": 1, "b": 2, "c": 3}}`)
	wantOutput(t, ex, `[{"Items": [{"key": "a", "value": 1}, {"key": "b", "value": 2}]}, {"Items": [{"key": "c", "value": 3}]}]`)
}

// TestMapItemsArraysOnly checks the option that replays AWS before it
// iterated over objects, and that other values than arrays and objects
// fail the state in either case, with AWS's recorded errors.
func TestMapItemsArraysOnly(t *testing.T) {
	cases := []struct{ name, def, input, err, cause string }{
		{"ItemsPath", mapDoc("JSONPath", `, "ItemsPath": "$.o"`, "INLINE"), `{"o": {"foo": "bar"}}`,
			"States.Runtime", `Map state input must be an array but was: {"foo":"bar"}`},
		{"Items", mapDoc("JSONata", `, "Items": "{% $states.input.o %}"`, "INLINE"), `{"o": {"foo": "bar"}}`,
			"States.QueryEvaluationError", `The JSONata expression '$states.input.o' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {"foo":"bar"}`},
		{"the input", mapDoc("JSONata", ``, "INLINE"), `{"foo": "bar"}`,
			"States.QueryEvaluationError", `Map state input must be an array but was: {"foo":"bar"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ex := mustRun(t, mustSim(t, c.def, MapItemsArraysOnly()), c.input)
			wantStatus(t, ex, Failed)
			if ex.Error != c.err || !strings.Contains(ex.Cause, c.cause) {
				t.Errorf("%s: %s\nwant %s: ...%s", ex.Error, ex.Cause, c.err, c.cause)
			}
			// By default, the object's members are the items.
			wantOutput(t, mustRun(t, mustSim(t, c.def), c.input), `[{"key": "foo", "value": "bar"}]`)
		})
	}
	// A string is no Map's items, with or without the option.
	for _, opts := range [][]Option{nil, {MapItemsArraysOnly()}} {
		ex := mustRun(t, mustSim(t, mapDoc("JSONPath", `, "ItemsPath": "$.s"`, "INLINE"), opts...), `{"s": "text"}`)
		wantStatus(t, ex, Failed)
		if ex.Error != "States.Runtime" || !strings.Contains(ex.Cause, `Map state input must be an array but was: "text"`) {
			t.Errorf("%s: %s", ex.Error, ex.Cause)
		}
	}
}
