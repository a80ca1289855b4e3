package shape

import "testing"

// pair is the shape of the Map items AWS makes of an object's members.
func pair(value *Shape) *Shape {
	return ObjectOf([]Field{{Name: "key", Shape: String()}, {Name: "value", Shape: value}}, false)
}

// TestMapOverObject checks that a Map state may iterate over an object, as
// AWS does, in either query language and in inline and distributed mode:
// each item is {"key": name, "value": value}, whose value has the shape of
// the map's elements (a Go map) or of any field (a Go struct).
func TestMapOverObject(t *testing.T) {
	processor := func(mode string) string {
		return `"ItemProcessor": {"ProcessorConfig": {"Mode": "` + mode + `"}, "StartAt": "One", "States": {
			"One": {"Type": "Pass", "Parameters": {"k.$": "$.key", "v.$": "$.value", "bad.$": "$.valu"}, "End": true}}}`
	}
	for _, mode := range []string{"INLINE", "DISTRIBUTED"} {
		// A map[string]string: the value is a string.
		sm := machine(t, `{"StartAt": "Each", "States": {
			"Each": {"Type": "Map", "ItemsPath": "$.tags", `+processor(mode)+`, "End": true}}}`)
		a := Analyze(sm, Declared{Input: typeOf[Order]()})
		expect(t, a, `error /States/Each/ItemProcessor/States/One/Parameters/bad.$: $.valu: no field "valu" in {key: string, value: string} (did you mean "value"?)`)
		if want := pair(String()); !a.Input["One"].Equal(want) {
			t.Errorf("%s: iteration input %s, want %s", mode, a.Input["One"], want)
		}
		// A struct: the value is any field's shape.
		sm = machine(t, `{"StartAt": "Each", "States": {
			"Each": {"Type": "Map", "ItemsPath": "$.total", `+processor(mode)+`, "End": true}}}`)
		a = Analyze(sm, Declared{Input: typeOf[Order]()})
		if want := pair(Union(Number(), String())); !a.Input["One"].Equal(want) {
			t.Errorf("%s: iteration input %s, want %s", mode, a.Input["One"], want)
		}
	}
	// The whole input (no ItemsPath), and $$.Map.Item.Value in ItemSelector.
	sm := machine(t, `{"StartAt": "Each", "States": {
		"Each": {"Type": "Map", "ItemSelector": {"name.$": "$$.Map.Item.Value.key", "bad.$": "$$.Map.Item.Value.kye"},
			"ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": true}}}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[map[string]Item]()})
	expect(t, a, `error /States/Each/ItemSelector/bad.$: $$.Map.Item.Value.kye: no field "kye" in {key: string, value: shape.Item} (did you mean "key"?)`)
	// An untyped object: the value is unknown.
	a = Analyze(sm, Declared{})
	expect(t, a)
}

// TestJSONataMapOverObject is TestMapOverObject for JSONata: Items, or the
// input, may be an object.
func TestJSONataMapOverObject(t *testing.T) {
	for _, mode := range []string{"INLINE", "DISTRIBUTED"} {
		proc := `"ItemProcessor": {"ProcessorConfig": {"Mode": "` + mode + `"}, "StartAt": "X", "States": {
			"X": {"Type": "Pass", "Output": {"k": "{% $states.input.key %}", "q": "{% $states.input.value.qty %}", "bad": "{% $states.input.value.qyt %}"}, "End": true}}}`
		sm := machine(t, jsonataDoc("M", `"M": {"Type": "Map", "Items": "{% $states.input.stock %}", `+proc+`, "End": true}`))
		type Stock struct {
			Stock map[string]Item `json:"stock"`
		}
		a := Analyze(sm, Declared{Input: typeOf[Stock]()})
		expect(t, a, `error /States/M/ItemProcessor/States/X/Output/bad: $states.input.value.qyt: no field "qyt" in shape.Item (did you mean "qty"?)`)
		want := ArrayOf(ObjectOf([]Field{{Name: "k", Shape: String()}, {Name: "q", Shape: Integer()}, {Name: "bad", Shape: Unknown()}}, false))
		if !a.Output["M"].Equal(want) {
			t.Errorf("%s: Map output %s, want %s", mode, a.Output["M"], want)
		}
		// Without Items, the input itself.
		sm = machine(t, jsonataDoc("M", `"M": {"Type": "Map", `+proc+`, "End": true}`))
		a = Analyze(sm, Declared{Input: typeOf[map[string]Item]()})
		expect(t, a, `error /States/M/ItemProcessor/States/X/Output/bad: $states.input.value.qyt: no field "qyt" in shape.Item (did you mean "qty"?)`)
	}
}

// TestJSONataMapOverLiteralObject checks Items given as a JSON object, as
// AWS takes it: the items are its members' pairs.
func TestJSONataMapOverLiteralObject(t *testing.T) {
	sm := machine(t, jsonataDoc("M", `"M": {"Type": "Map", "Items": {"a": 1, "b": "{% $states.input.id %}"},
		"ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}}, "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a)
	if want := pair(Union(Integer(), String())); !a.Input["X"].Equal(want) {
		t.Errorf("iteration input %s, want %s", a.Input["X"], want)
	}
}
