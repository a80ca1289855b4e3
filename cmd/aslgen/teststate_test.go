package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTestStateManual checks that the manual documents every flag of
// test-state and that its synopsis names it.
func TestTestStateManual(t *testing.T) {
	fs, _ := newTestStateFlags(io.Discard)
	text := manual()
	fs.VisitAll(func(f *flag.Flag) {
		if !regexp.MustCompile(`(?m)^    -` + regexp.QuoteMeta(f.Name) + `\b`).MatchString(text) {
			t.Errorf("the manual has no entry for the flag -%s of test-state", f.Name)
		}
		syn := synopsis("test-state")
		if !strings.Contains(syn, "-"+f.Name+" ") && !strings.Contains(syn, "-"+f.Name+"]") {
			t.Errorf("the synopsis of test-state lacks -%s:\n%s", f.Name, syn)
		}
	})
	if !strings.Contains(text, "\n# Testing one state\n") {
		t.Error("the manual lacks the section # Testing one state")
	}
}

func TestTestStateCommand(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "task.json")
	os.WriteFile(def, []byte(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"r.$":"$.Payload"},"Next":"Done"}`), 0o644)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"test-state", "--definition", "file://" + def, "--input", `{"a":1}`,
		"--inspection-level", "DEBUG", "--mock", `{"result":"{\"Payload\":{\"ok\":true},\"StatusCode\":200}"}`}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	if got["status"] != "SUCCEEDED" || got["output"] != `{"r":{"ok":true}}` || got["nextState"] != "Done" {
		t.Errorf("got %s", stdout.String())
	}
	insp, _ := got["inspectionData"].(map[string]any)
	if insp["afterParameters"] != `{"FunctionName":"f","Payload":{"a":1}}` {
		t.Errorf("inspection data %v", insp)
	}

	// A refused request: AWS's message, exit 1.
	stdout.Reset()
	stderr.Reset()
	code = run(context.Background(), []string{"test-state", "-definition", `{"Type":"Pass","End":true}`, "-mock", `{"result":"{}"}`}, nil, &stdout, &stderr)
	if code != exitRefused || !strings.Contains(stderr.String(), "(ValidationException) when calling the TestState operation: State type 'Pass' is not supported when a mock is specified") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestTestStateBatch(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","definition":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r","End":true},"input":{"y":2},"inspection_level":"DEBUG"}`,
		`{"id":"b","definition":{"Type":"Succeed"},"mock":{"result":"{}"}}`,
		`{"id":"c","definition":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"q","MessageBody":"m"},"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":3}],"End":true},"mock":{"errorOutput":{"error":"E","cause":"C"}},"state_configuration":{"retrierRetryCount":1},"inspection_level":"TRACE"}`,
	}, "\n")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"test-state", "-cases", "-"}, strings.NewReader(in), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	want := []string{
		`{"id":"a","status":"SUCCEEDED","output":{"y":2,"r":{"x":1}},"inspectionData":{"input":{"y":2},"result":{"x":1},"afterResultSelector":{"x":1},"afterResultPath":{"y":2,"r":{"x":1}}}}`,
		`{"id":"b","api_error":{"code":"ValidationException","message":"State type 'Succeed' is not supported when a mock is specified"}}`,
		`{"id":"c","status":"RETRIABLE","error":"E","cause":"C","inspectionData":{"input":{},"afterInputPath":{},"afterParameters":{"QueueUrl":"q","MessageBody":"m"},"errorDetails":{"retryIndex":0,"retryBackoffIntervalSeconds":6}}}`,
	}
	got := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(got), stdout.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}
