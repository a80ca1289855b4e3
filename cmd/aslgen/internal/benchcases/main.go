package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", ".", "directory to write the batch files to")
	runs := flag.Int("runs", 20, "executions of the Pass chain and of the Map")
	executions := flag.Int("executions", 1000, "executions of the 5-state workflow")
	flag.Parse()
	if err := writeAll(*out, *runs, *executions); err != nil {
		log.Fatal(err)
	}
}

// writeAll writes the three batch files into dir.
func writeAll(dir string, runs, executions int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	items := make([]any, 10000)
	for i := range items {
		items[i] = map[string]any{"n": i}
	}
	for _, w := range []struct {
		file     string
		n        int
		def, in  any
		withMock bool
	}{
		{"passchain.jsonl", runs, passChain(1000), map[string]any{"order": map[string]any{"id": "o-1", "total": 42}}, false},
		{"map10000.jsonl", runs, mapMachine, map[string]any{"items": items}, false},
		{"fivestates.jsonl", executions, fiveStates, map[string]any{"orderId": "o-1", "total": 42}, true},
	} {
		if err := write(filepath.Join(dir, w.file), w.n, w.def, w.in, w.withMock); err != nil {
			return err
		}
	}
	return nil
}

func write(path string, n int, def any, input any, withMock bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for i := 0; i < n; i++ {
		c := map[string]any{"id": fmt.Sprintf("%s-%d", filepath.Base(path), i), "definition": def, "input": input}
		if withMock {
			c["mock_config"], c["test_case"] = mockConfig, "Paid"
		}
		if err := enc.Encode(c); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

func passChain(n int) map[string]any {
	states := map[string]any{}
	for i := 0; i < n; i++ {
		s := map[string]any{"Type": "Pass"}
		if i == n-1 {
			s["End"] = true
		} else {
			s["Next"] = fmt.Sprintf("P%d", i+1)
		}
		states[fmt.Sprintf("P%d", i)] = s
	}
	return map[string]any{"StartAt": "P0", "States": states}
}

var mapMachine = json.RawMessage(`{"StartAt": "Items", "States": {"Items": {"Type": "Map", "ItemsPath": "$.items",
  "ItemProcessor": {"StartAt": "Tag", "States": {
    "Tag": {"Type": "Pass", "Parameters": {"n.$": "$.n", "tag": "item"}, "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 4999, "Next": "Big"}], "Default": "Small"},
    "Big": {"Type": "Pass", "Result": "big", "End": true},
    "Small": {"Type": "Pass", "Result": "small", "End": true}}}, "End": true}}}`)

var fiveStates = json.RawMessage(`{"StartAt": "Init", "States": {
  "Init": {"Type": "Pass", "Result": {"attempt": 1}, "ResultPath": "$.meta", "Next": "Pay"},
  "Pay": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "pay", "Payload.$": "$"},
    "OutputPath": "$.Payload", "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}], "Next": "Check"},
  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.paid", "BooleanEquals": true, "Next": "Done"}], "Default": "Failed"},
  "Done": {"Type": "Succeed"},
  "Failed": {"Type": "Fail", "Error": "NotPaid"}}}`)

var mockConfig = json.RawMessage(`{"StateMachines": {"M": {"TestCases": {"Paid": {"Pay": "PayOK"}}}},
  "MockedResponses": {"PayOK": {"0": {"Return": {"Payload": {"orderId": "o-1", "paid": true}, "StatusCode": 200}}}}}`)
