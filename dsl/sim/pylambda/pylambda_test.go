package pylambda_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/sim/pylambda"
)

// Definitions that invoke the function "fn" with the execution's input as
// the event: through lambda:invoke, and through the function's ARN.
const (
	invoke = `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName": "fn", "Payload.$": "$"}, "End": true}}}`
	byARN = `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn", "End": true}}}`
)

// run runs def with the function fn of kind and src on input.
func run(t *testing.T, def, kind string, src *pylambda.Source, input string) *sim.Execution {
	t.Helper()
	h, err := pylambda.Function(kind, src)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	doc, err := asl.Unmarshal([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(doc, sim.OnFunction("fn", h))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), json.RawMessage(input))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func member(v any, keys ...string) any {
	for _, k := range keys {
		o, _ := v.(*jsonvalue.Object)
		if o == nil {
			return nil
		}
		v, _ = o.Get(k)
	}
	return v
}

// TestKinds checks what each kind returns, and that Lambda's
// Content-Length is that of the response Python's runtime writes.
func TestKinds(t *testing.T) {
	for _, tc := range []struct {
		kind, input string
		src         *pylambda.Source
		payload     string // the Payload, compact
		length      int    // Lambda's Content-Length
	}{
		{"identity", `{"body": "string body", "n": 1.0, "é": "x"}`, nil, `{"body":"string body","n":1.0,"é":"x"}`, len(`{"body": "string body", "n": 1.0, "\u00e9": "x"}`)},
		{`constant:{"Return": "HelloWorld"}`, `{"ignored": true}`, nil, `{"Return":"HelloWorld"}`, len(`{"Return": "HelloWorld"}`)},
		{`raw-bytes:"HelloWorld!"`, `{}`, nil, `"HelloWorld!"`, 13},
		{`raw-bytes:not json`, `{}`, nil, `"not json"`, 8},
		{`python-str:input-event-{repr(event)}`, `["string-literal"]`, nil, `"input-event-['string-literal']"`, len(`"input-event-['string-literal']"`)},
		{`python-str:input-event-{repr(event)}`, `"text"`, nil, `"input-event-'text'"`, len(`"input-event-'text'"`)},
		// The source's f-string is what ran: str of a str has no quotes.
		{`python-str:input-event-{repr(event)}`, `"text"`, &pylambda.Source{Source: "def handler(event, context):\n    return f\"input-event-{event}\"\n"},
			`"input-event-text"`, len(`"input-event-text"`)},
		{`python-str:{{literal}} {event!r} {str(event)}`, `"é"`, nil, `"{literal} 'é' é"`, len(`"{literal} '\u00e9' \u00e9"`)},
	} {
		ex := run(t, invoke, tc.kind, tc.src, tc.input)
		if ex.Status != sim.Succeeded {
			t.Errorf("%s: %s %s %q", tc.kind, ex.Status, ex.Error, ex.Cause)
			continue
		}
		if got := jsonvalue.String(member(ex.Output, "Payload")); got != tc.payload {
			t.Errorf("%s on %s: Payload %s, want %s", tc.kind, tc.input, got, tc.payload)
		}
		if got, want := member(ex.Output, "SdkHttpMetadata", "HttpHeaders", "Content-Length"), jsonvalue.Int(int64(tc.length)); got != string(want) {
			t.Errorf("%s on %s: Content-Length %v, want %s", tc.kind, tc.input, got, want)
		}
	}
}

// raiseSource is the recording's handler whose exception has no message.
const raiseSource = `class CustomException(Exception):
    message: str

    def __init__(self):
        self.message = "CustomException message"


def handler(event, context):
    raise CustomException()
`

// TestRaise checks a raise kind's error: its type, its message, and the
// stack trace frame of the line of the source that raises.
func TestRaise(t *testing.T) {
	for _, tc := range []struct {
		kind, source, frame string
	}{
		{"raise:Exception:Some exception was raised.", "def handler(event, context):\n    raise Exception(\"Some exception was raised.\")\n",
			`  File "/var/task/handler.py", line 2, in handler` + "\n" + `    raise Exception("Some exception was raised.")` + "\n"},
		{"raise:CustomException:", raiseSource, `  File "/var/task/handler.py", line 9, in handler` + "\n    raise CustomException()\n"},
		{"raise:ValueError:a: b", "import os\n\ndef helper():\n    raise ValueError('a: b')\n\ndef handler(event, context):\n    # raise nothing here\n    if event:\n        raise ValueError('a: b')\n",
			`  File "/var/task/handler.py", line 9, in handler` + "\n    raise ValueError('a: b')\n"},
		{"raise:KeyError:k", "def helper():\n    raise KeyError('k')\n", `  File "/var/task/handler.py", line 2, in helper` + "\n    raise KeyError('k')\n"},
		{"raise:E:m", "", ""},
	} {
		typ, msg, _ := strings.Cut(strings.TrimPrefix(tc.kind, "raise:"), ":")
		var frames []string
		if tc.frame != "" {
			frames = []string{tc.frame}
		}
		src := &pylambda.Source{File: "handler.py", Runtime: "python3.12", Source: tc.source}
		for _, def := range []string{invoke, byARN} {
			ex := run(t, def, tc.kind, src, `{"k": 1}`)
			var doc struct {
				ErrorMessage, ErrorType, RequestID string
				StackTrace                         []string
			}
			if err := json.Unmarshal([]byte(ex.Cause), &doc); err != nil {
				t.Fatalf("%s: cause %q: %v", tc.kind, ex.Cause, err)
			}
			if ex.Error != typ || doc.ErrorType != typ || doc.ErrorMessage != msg || len(doc.RequestID) != 36 || strings.Join(doc.StackTrace, "|") != strings.Join(frames, "|") {
				t.Errorf("%s: %s %q", tc.kind, ex.Error, ex.Cause)
			}
			// Python's runtime writes the document with json.dumps; a
			// function ARN gives it as it is, lambda:invoke compact.
			spaced := strings.HasPrefix(ex.Cause, `{"errorMessage": `)
			if spaced != (def == byARN) {
				t.Errorf("%s: cause %q", tc.kind, ex.Cause)
			}
		}
	}
}

func TestSleep(t *testing.T) {
	timed := strings.Replace(invoke, `"End": true`, `"TimeoutSeconds": 5, "End": true`, 1)
	if ex := run(t, timed, "sleep:60s then identity", nil, `{}`); ex.Error != "States.Timeout" {
		t.Errorf("with a timeout: %s %q", ex.Error, ex.Cause)
	}
	ex := run(t, invoke, "sleep:60s then identity", nil, `{"a": 1}`)
	if ex.Status != sim.Succeeded || ex.StopTime.Sub(ex.StartTime) != time.Minute || jsonvalue.String(member(ex.Output, "Payload")) != `{"a":1}` {
		t.Errorf("without: %s after %v: %s", ex.Status, ex.StopTime.Sub(ex.StartTime), jsonvalue.String(ex.Output))
	}
}

// TestLargeResponse checks the kind that returns more than 256 KiB.
func TestLargeResponse(t *testing.T) {
	kind := "raw-bytes:257KiB of 'a' (263168 bytes, over the 256 KiB limit)"
	ex := run(t, byARN, kind, nil, `{}`)
	if ex.Error != "States.DataLimitExceeded" || ex.Cause != "The state/task 'arn:aws:lambda:us-east-1:123456789012:function:fn' returned a result with a size exceeding the maximum number of bytes service limit." {
		t.Errorf("%s %q", ex.Error, ex.Cause)
	}
}

func TestBadKinds(t *testing.T) {
	for _, kind := range []string{"", "identity:x", "teleport", "constant:{", "raise:", "raise:Exception", "sleep:soon then identity", "sleep:1s", "sleep:1s then teleport",
		"python-str:{event", "python-str:{other}", "python-str:}"} {
		if _, err := pylambda.Function(kind, nil); err == nil {
			t.Errorf("Function(%q) made a function", kind)
		}
	}
}

// TestOptions checks that Options registers every name of a recorded case
// with the function of its kind.
func TestOptions(t *testing.T) {
	lambdas := map[string]string{
		"fn": "identity",
		"arn:aws:lambda:us-east-1:123456789012:function:fn": "identity",
		"boom": "raise:Exception:no",
	}
	handlers := map[string]pylambda.Source{"raise:Exception:no": {Source: "def handler(event, context):\n    raise Exception('no')\n"}}
	opts, err := pylambda.Options(lambdas, handlers)
	if err != nil || len(opts) != 3 {
		t.Fatalf("%d options, %v", len(opts), err)
	}
	doc, _ := asl.Unmarshal([]byte(strings.Replace(invoke, `"FunctionName": "fn"`, `"FunctionName.$": "$.f"`, 1)))
	s, err := sim.New(doc, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ex, _ := s.Run(context.Background(), json.RawMessage(`{"f": "boom"}`))
	if ex.Error != "Exception" || !strings.Contains(ex.Cause, `line 2, in handler\n    raise Exception('no')\n`) {
		t.Errorf("boom: %s %q", ex.Error, ex.Cause)
	}
	if _, err := pylambda.Options(map[string]string{"fn": "teleport"}, nil); err == nil || !strings.Contains(err.Error(), `function "fn"`) {
		t.Errorf("an unknown kind: %v", err)
	}
}
