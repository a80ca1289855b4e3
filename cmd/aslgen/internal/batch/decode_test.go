package batch

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

var decodeCases = []string{
	`{"id":"a","definition":{"StartAt":"P","States":{}},"input":{"x":[1,2]},"mock_config":null,"test_case":"T","start_time":"2026-01-02T03:04:05Z","type":"EXPRESS","definition_file":"d.json"}`,
	` { "id" : "sp\u00e9cial\n" , "input" : 7 } `,
	`{}`, `{"id":"a","id":"b"}`, `{"ID":"upper"}`, `{"i\u0064":"escaped key"}`, `{"other":1}`,
	`{"id":1}`, `{"id":null}`, `{"input":}`, `{"input":1,}`, `{"id":"a"} x`, `[1]`, `null`, ``,
	`{"definition":{"a":"b\"}"}}`, `{"id":"\ud800"}`, "{\"id\":\"\xff\"}",
}

func TestDecodeCase(t *testing.T) {
	for _, line := range decodeCases {
		checkDecode(t, []byte(line))
	}
	var c Case
	if !decodeCase([]byte(decodeCases[0]), &c) {
		t.Errorf("decodeCase declines the plain line %s", decodeCases[0])
	}
}

// checkDecode checks that when decodeCase decodes a line, json.Unmarshal
// decodes it too, to the same Case.
func checkDecode(t *testing.T, line []byte) {
	t.Helper()
	var got Case
	if !decodeCase(line, &got) {
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

func FuzzDecodeCase(f *testing.F) {
	for _, line := range decodeCases {
		f.Add([]byte(line))
	}
	f.Fuzz(checkDecode)
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
