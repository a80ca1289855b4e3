package batch

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

var decodeCases = []string{
	`{"id":"a","definition":{"StartAt":"P","States":{}},"input":{"x":[1,2]},"mock_config":null,"test_case":"T","start_time":"2026-01-02T03:04:05Z","type":"EXPRESS","definition_file":"d.json","state_machine_name":"M","lambdas":{"f":"identity"},"lambda_handlers":{"identity":{"file":"f.py","runtime":"python3.12","source":"def handler(event, context):\n    return event\n"}}}`,
	`{"id":"b","lambdas":null,"lambda_handlers":[1],"lambdas":{"g":"raise:E:m"}}`,
	` { "id" : "sp\u00e9cial\n" , "input" : 7 } `,
	`{}`, `{"id":"a","id":"b"}`, `{"ID":"upper"}`, `{"i\u0064":"escaped key"}`, `{"other":1}`,
	`{"id":1}`, `{"id":null}`, `{"input":}`, `{"input":1,}`, `{"id":"a"} x`, `[1]`, `null`, ``,
	`{"definition":{"a":"b\"}"}}`, `{"id":"\ud800"}`, "{\"id\":\"\xff\"}",
}

func TestDecodeCase(t *testing.T) {
	var d decoder
	for _, line := range decodeCases {
		checkDecode(t, &d, []byte(line))
	}
	// Lines in the form batch files take are decoded, not left to
	// json.Unmarshal, and so are their repeats.
	for _, line := range []string{decodeCases[0], decodeCases[1], decodeCases[0], `{"definition":{"A":1},"input":[1]}`, `{"definition":{"A":1}}`} {
		var c Case
		if !d.decode([]byte(line), &c) {
			t.Errorf("decode declines the plain line %s", line)
		}
	}
	// A value that starts with a remembered one but does not end there.
	checkDecode(t, &d, []byte(`{"definition":{"A":1}x}`))
	checkDecode(t, &d, []byte(`{"input":[1]]}`))
}

// checkDecode checks that when d decodes a line, json.Unmarshal decodes it
// too, to the same Case.
func checkDecode(t *testing.T, d *decoder, line []byte) {
	t.Helper()
	var got Case
	if !d.decode(line, &got) {
		return
	}
	var want Case
	if err := json.Unmarshal(line, &want); err != nil {
		t.Errorf("decodeCase(%q) = %+v, but json.Unmarshal fails: %v", line, got, err)
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodeCase(%q)\n got %+v\nwant %+v", line, got, want)
	}
}

// FuzzDecodeCase decodes two lines with one decoder, so that the second
// may start its values with those the first remembered.
func FuzzDecodeCase(f *testing.F) {
	for i, line := range decodeCases {
		f.Add([]byte(line), []byte(decodeCases[(i+1)%len(decodeCases)]))
	}
	f.Fuzz(func(t *testing.T, first, second []byte) {
		var d decoder
		checkDecode(t, &d, first)
		checkDecode(t, &d, second)
	})
}

var resultCases = []Result{
	{ID: "a", Status: "SUCCEEDED", Output: json.RawMessage(`{"x":[1,"<&>"]}`), EventTypes: []string{"ExecutionStarted", "ExecutionSucceeded"}},
	{ID: "line 3", Status: "ERROR", Cause: "line 3: invalid character 'x'", EventTypes: []string{}},
	{ID: "\u2028\t\"\\<>&\x00\xff", Status: "FAILED", Error: "E\u2029", Cause: "c\n"},
}

func TestAppendJSON(t *testing.T) {
	for _, r := range resultCases {
		checkAppendJSON(t, r)
	}
}

// checkAppendJSON checks that r.appendJSON writes what a json.Encoder
// that does not escape HTML writes.
func checkAppendJSON(t *testing.T, r Result) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	if got := r.appendJSON(nil); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("appendJSON(%+v)\n got %s\nwant %s", r, got, want.Bytes())
	}
}

func FuzzAppendJSON(f *testing.F) {
	for _, r := range resultCases {
		f.Add(r.ID, r.Status, r.Error, r.Cause, "ExecutionStarted")
	}
	f.Fuzz(func(t *testing.T, id, status, errName, cause, event string) {
		checkAppendJSON(t, Result{ID: id, Status: status, Error: errName, Cause: cause, EventTypes: []string{event}})
	})
}
