package asl

import "testing"

// TestValidatePathForms checks the JSONPath forms that AWS accepts and the
// validator therefore accepts, parsed by jsonpath.Parse as the simulator
// parses them: trailing spaces, unquoted words in filters and the script
// (@.length-N); and what stays an error.
func TestValidatePathForms(t *testing.T) {
	for _, tc := range []validateCase{
		{"trailing spaces", machine(`"A": {"Type": "Pass", "InputPath": "$.a ", "Parameters": {"n.$": "$$.Execution.Name ", "v.$": "$v.x "}, "ResultPath": "$.r ", "OutputPath": "$ ", "Next": "C"}, ` +
			`"C": {"Type": "Choice", "Choices": [{"Variable": "$.a ", "StringEqualsPath": "$.b  ", "Next": "M"}], "Default": "M"}, ` +
			`"M": {"Type": "Map", "ItemsPath": "$.items ", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}`), []string{W(CodeUndefinedVariable, "/States/A/Parameters/v.$")}},
		{"unquoted words in filters", machine(pass("A", `, "Parameters": {"r.$": "$.Labels[?(@.Name==Receipt)]", "i.$": "States.ArrayGetItem($.o[?(@.k == FooBar)].v, 0)"}, "OutputPath": "$.x[?(@.s == in-progress || @.t in [a, b])]"`)), nil},
		{"the script (@.length-N)", machine(pass("A", `, "OutputPath": "$[(@.length-1)].bar"`)), nil},
		{"other scripts", machine(pass("A", `, "OutputPath": "$[(@.length)].bar", "InputPath": "$[(1+1)]"`)), []string{E(svf, "/States/A/InputPath"), E(svf, "/States/A/OutputPath")}},
		{"a leading space", machine(pass("A", `, "OutputPath": " $.a"`)), []string{E(svf, "/States/A/OutputPath")}},
		{"a trailing tab", machine(pass("A", `, "OutputPath": "$.a\t"`)), []string{E(svf, "/States/A/OutputPath")}},
		{"an empty *Path operand", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEqualsPath": "", "Next": "B"}], "Default": "B"}, "B": {"Type": "Succeed"}`),
			[]string{E(svf, "/States/A/Choices/0/StringEqualsPath")}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkValidateCase(t, tc) })
	}
}

// TestDecodeItemsObject checks that a JSONata Map's Items may be an
// object, which AWS iterates over, besides an array or an expression.
func TestDecodeItemsObject(t *testing.T) {
	for _, items := range []string{`{"a": 1}`, `[1]`, `"{% $states.input %}"`} {
		doc := jsonata(`"A": {"Type": "Map", "Items": ` + items + `, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}`)
		if ds := ValidateJSON([]byte(doc)); HasErrors(ds) {
			t.Errorf("Items %s: %v", items, ds)
		}
	}
	doc := jsonata(`"A": {"Type": "Map", "Items": 1, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}`)
	if !HasErrors(ValidateJSON([]byte(doc))) {
		t.Error("Items 1 accepted")
	}
}
