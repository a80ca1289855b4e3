package asl

import (
	"errors"
	"strings"
	"testing"
)

// TestUnmarshalErrors checks that each kind of bad document is reported with
// its JSON pointer, its line and column and AWS's diagnostic code.
func TestUnmarshalErrors(t *testing.T) {
	tests := []struct {
		name, doc          string
		pointer            string
		line, col          int
		code, msgSubstring string
	}{
		{"mistyped field", `{"StartAt": "Pay", "States": {"Pay": {
  "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
  "TimeoutSeconds": "ten", "End": true}}}`,
			"/States/Pay/TimeoutSeconds", 3, 21, CodeSchemaValidationFailed, "expected an integer, got a string"},
		{"unknown field", `{"StartAt": "Pay", "States": {"Pay": {"Type": "Pass", "Foo": 1, "End": true}}}`,
			"/States/Pay/Foo", 1, 55, CodeSchemaValidationFailed, `field "Foo" is not supported by Step Functions`},
		{"field of another state type", `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Retry": [], "End": true}}}`,
			"/States/P/Retry", 1, 51, CodeSchemaValidationFailed, `field "Retry" is not allowed in a Pass state`},
		{"unknown top-level field", `{"StartAt": "P", "Statez": {}}`,
			"/Statez", 1, 18, CodeSchemaValidationFailed, `field "Statez" is not supported`},
		{"fractional integer", `{"StartAt": "P", "TimeoutSeconds": 1.5, "States": {}}`,
			"/TimeoutSeconds", 1, 36, CodeSchemaValidationFailed, "expected an integer, got 1.5"},
		{"unknown state type", `{"StartAt": "P", "States": {"P": {"Type": "Sleep"}}}`,
			"/States/P/Type", 1, 43, CodeSchemaValidationFailed, `unknown state type "Sleep"`},
		{"missing Type", `{"StartAt": "P", "States": {"P": {"End": true}}}`,
			"/States/P", 1, 34, CodeSchemaValidationFailed, "These fields are required: [Type]"},
		{"operand of the wrong type", `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
  {"Variable": "$.x", "NumericEquals": "1", "Next": "C"}]}}}`,
			"/States/C/Choices/0/NumericEquals", 2, 40, CodeSchemaValidationFailed, "expected a number, got a string"},
		{"two operators in a rule", `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
  {"Variable": "$.x", "IsNull": true, "IsPresent": true, "Next": "C"}]}}}`,
			"/States/C/Choices/0/IsPresent", 2, 52, CodeSchemaValidationFailed, "one comparison operator"},
		{"Next in a nested rule", `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
  {"Not": {"Variable": "$.x", "IsNull": true, "Next": "C"}, "Next": "C"}]}}}`,
			"/States/C/Choices/0/Not/Next", 2, 47, CodeSchemaValidationFailed, `field "Next" is not supported`},
		{"duplicate key", "{\"StartAt\": \"A\",\n \"StartAt\": \"B\", \"States\": {}}",
			"", 2, 2, CodeInvalidJSON, `duplicate key "StartAt"`},
		{"syntax error", "{\"StartAt\": \"A\",\n  \"States\": {,}}",
			"", 2, 14, CodeInvalidJSON, "expected a string key"},
		{"trailing data", `{"StartAt": "A", "States": {}} x`,
			"", 1, 32, CodeInvalidJSON, "after the top-level value"},
		{"empty document", "  ", "", 1, 3, CodeInvalidJSON, "empty document"},
		{"null credentials", `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": null, "End": true}}}`,
			"/States/T/Credentials", 1, 112, CodeSchemaValidationFailed, "expected an object or a JSONata expression string, got null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Unmarshal([]byte(tt.doc))
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Unmarshal error = %v, want an ErrorList", err)
			}
			e := list[0]
			if e.Pointer != tt.pointer || e.Line != tt.line || e.Column != tt.col || e.Code != tt.code || !strings.Contains(e.Message, tt.msgSubstring) {
				t.Errorf("got %s %d:%d %s %q\nwant %s %d:%d %s containing %q",
					e.Pointer, e.Line, e.Column, e.Code, e.Message, tt.pointer, tt.line, tt.col, tt.code, tt.msgSubstring)
			}
		})
	}
}

// TestUnmarshalReportsEveryError checks that decoding goes on after an error
// and reports the errors in source order.
func TestUnmarshalReportsEveryError(t *testing.T) {
	doc := `{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Bogus": 1, "Next": "B"},
  "B": {"Type": "Wait", "Seconds": true, "End": true}}}`
	_, err := Unmarshal([]byte(doc))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("want 2 errors, got %v", err)
	}
	if list[0].Pointer != "/States/A/Bogus" || list[1].Pointer != "/States/B/Seconds" {
		t.Errorf("errors at %s and %s, want /States/A/Bogus then /States/B/Seconds", list[0].Pointer, list[1].Pointer)
	}
	if got := err.Error(); !strings.HasPrefix(got, "2:25: /States/A/Bogus: ") {
		t.Errorf("Error() = %q, want it to start with line:col: pointer:", got)
	}
}

// TestMarshalDeterministic checks the encoding's fixed form: key order,
// states in definition order, two-space indentation, no HTML escaping and a
// trailing newline.
func TestMarshalDeterministic(t *testing.T) {
	doc := `{"States":{"Z":{"End":true,"Result":{"b":1,"a":"<&>"},"Type":"Pass"},"A":{"Type":"Succeed"}},"StartAt":"Z","Comment":"x && y"}`
	sm, err := Unmarshal([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(sm)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "Comment": "x && y",
  "StartAt": "Z",
  "States": {
    "Z": {
      "Type": "Pass",
      "Result": {
        "b": 1,
        "a": "<&>"
      },
      "End": true
    },
    "A": {
      "Type": "Succeed"
    }
  }
}
`
	if string(got) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, want)
	}
}
