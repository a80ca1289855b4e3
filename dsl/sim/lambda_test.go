package sim_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
)

// lambdaRun runs def with opts on input and returns the execution.
func lambdaRun(t *testing.T, def, input string, opts ...sim.Option) *sim.Execution {
	t.Helper()
	doc, err := asl.Unmarshal([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(doc, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), json.RawMessage(input))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// get returns the value at keys in v.
func get(v any, keys ...string) any {
	for _, k := range keys {
		o, _ := v.(*jsonvalue.Object)
		if o == nil {
			return nil
		}
		v, _ = o.Get(k)
	}
	return v
}

const (
	// invokeDef invokes the function its input names with its input's
	// payload, through the optimized integration.
	invokeDef = `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName.$": "$.f", "Payload.$": "$.p"}, "End": true}}}`
	// arnDef invokes the function fn of account 123456789012 by its ARN.
	arnDef = `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn", "End": true}}}`
)

// echo is a function that returns its event.
var echo = sim.Func(func(_ context.Context, event any) (any, error) { return event, nil })

func TestFunctionResponse(t *testing.T) {
	for _, tc := range []struct {
		payload, want string
	}{
		{`{"n": 1}`, `{"n":1}`},
		{`null`, `{}`},               // no payload is an empty object
		{`"[1, 2]"`, `[1,2]`},        // a string of JSON text is that JSON
		{`"hello"`, `"hello"`},       // any other string is a string
		{`"\"quoted\""`, `"quoted"`}, // JSON text of a string
	} {
		ex := lambdaRun(t, invokeDef, `{"f": "echo", "p": `+tc.payload+`}`, sim.OnFunction("echo", echo))
		if ex.Status != sim.Succeeded {
			t.Fatalf("payload %s: %s %s %s", tc.payload, ex.Status, ex.Error, ex.Cause)
		}
		out := ex.Output
		if got := jsonvalue.String(get(out, "Payload")); got != tc.want {
			t.Errorf("payload %s: Payload %s, want %s", tc.payload, got, tc.want)
		}
		reqID, _ := get(out, "SdkResponseMetadata", "RequestId").(string)
		headers := get(out, "SdkHttpMetadata", "HttpHeaders")
		all := get(out, "SdkHttpMetadata", "AllHttpHeaders")
		if get(out, "StatusCode") != jsonvalue.Number("200") || get(out, "ExecutedVersion") != "$LATEST" || len(reqID) != 36 ||
			get(headers, "x-amzn-RequestId") != reqID || get(headers, "Content-Length") != strconv.Itoa(len(tc.want)) ||
			jsonvalue.String(get(all, "Content-Type")) != `["application/json"]` {
			t.Errorf("payload %s: response %s", tc.payload, jsonvalue.String(out))
		}
		if got := ex.EventTypes(); !slices.Equal(got, []string{"ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"}) {
			t.Errorf("events %v", got)
		}
	}
	// A version qualifier is the executed version; LogType Tail adds the
	// end of the log.
	def := `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
		"Parameters": {"FunctionName": "echo", "Qualifier": "7", "LogType": "Tail", "Payload": {}}, "End": true}}}`
	ex := lambdaRun(t, def, `{}`, sim.OnFunction("echo", echo))
	log, err := base64.StdEncoding.DecodeString(get(ex.Output, "LogResult").(string))
	reqID := get(ex.Output, "SdkResponseMetadata", "RequestId").(string)
	if get(ex.Output, "ExecutedVersion") != "7" || err != nil || !strings.HasPrefix(string(log), "START RequestId: "+reqID+" Version: 7\n") ||
		get(ex.Output, "SdkHttpMetadata", "HttpHeaders", "X-Amz-Log-Result") == nil {
		t.Errorf("qualified, with its log: %s (%q)", jsonvalue.String(ex.Output), log)
	}
}

// TestFunctionARN checks that a function ARN as the Resource gives the
// function the task's effective input and takes its payload as the result.
func TestFunctionARN(t *testing.T) {
	ex := lambdaRun(t, arnDef, `{"n": 1}`, sim.OnFunction("fn", sim.Func(func(_ context.Context, in struct{ N int }) (int, error) {
		return in.N + 1, nil
	})))
	if ex.Status != sim.Succeeded || jsonvalue.String(ex.Output) != "2" {
		t.Errorf("%s %s %s %s", ex.Status, jsonvalue.String(ex.Output), ex.Error, ex.Cause)
	}
	if got := ex.EventTypes(); !slices.Equal(got, []string{"ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"}) {
		t.Errorf("events %v", got)
	}
}

// TestFunctionNames checks how a function registered by name, partial ARN
// or ARN, with or without a qualifier, answers the names tasks give.
func TestFunctionNames(t *testing.T) {
	answer := func(s string) sim.Handler { return sim.Return(s) }
	opts := []sim.Option{
		sim.Account("111111111111"), sim.Region("eu-west-1"),
		sim.OnFunction("byname", answer("byname")),
		sim.OnFunction("111111111111:function:partial", answer("partial")),
		sim.OnFunction("arn:aws:lambda:eu-west-1:111111111111:function:full", answer("full")),
		sim.OnFunction("byname:prod", answer("byname:prod")),
		sim.OnFunction("other", answer("other")),
		sim.OnFunction("arn:aws:lambda:us-east-1:222222222222:function:other", answer("elsewhere")),
	}
	for name, want := range map[string]string{
		"byname":      "byname",
		"byname:v1":   "byname",
		"byname:prod": "byname:prod",
		"arn:aws:lambda:eu-west-1:111111111111:function:byname:prod": "byname:prod",
		"111111111111:function:byname":                               "byname",
		"partial":                                                    "partial",
		"arn:aws:lambda:eu-west-1:111111111111:function:partial":     "partial",
		"full":         "full",
		"full:$LATEST": "full",
		"other":        "other",
		"arn:aws:lambda:us-east-1:222222222222:function:other": "elsewhere",
		"arn:aws:lambda:us-east-1:111111111111:function:full":  "Lambda.ResourceNotFoundException", // another region
		"333333333333:function:byname":                         "Lambda.ResourceNotFoundException", // another account
		"nosuch":                                               "Lambda.ResourceNotFoundException",
	} {
		ex := lambdaRun(t, invokeDef, `{"f": "`+name+`", "p": {}}`, opts...)
		got, _ := get(ex.Output, "Payload").(string)
		if ex.Status != sim.Succeeded {
			got = ex.Error
		}
		if got != want {
			t.Errorf("FunctionName %s: %s (%s), want %s", name, got, ex.Cause, want)
		}
	}
}

func TestFunctionNotFound(t *testing.T) {
	ex := lambdaRun(t, invokeDef, `{"f": "nosuch:live", "p": {}}`, sim.OnFunction("fn", echo))
	want := "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nosuch:live (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
	if ex.Error != "Lambda.ResourceNotFoundException" || !strings.HasPrefix(ex.Cause, want) || !strings.HasSuffix(ex.Cause, "; Proxy: null)") {
		t.Errorf("lambda:invoke: %s %q", ex.Error, ex.Cause)
	}
	ex = lambdaRun(t, strings.Replace(arnDef, "function:fn", "function:nosuch", 1), `{}`, sim.OnFunction("fn", echo))
	if ex.Error != "Lambda.Unknown" || !strings.Contains(ex.Cause, "function:nosuch:$LATEST") ||
		!slices.Contains(ex.EventTypes(), "LambdaFunctionFailed") {
		t.Errorf("function ARN: %s %q %v", ex.Error, ex.Cause, ex.EventTypes())
	}
	// Without functions, a task is mocked or unmocked as any other.
	ex = lambdaRun(t, invokeDef, `{"f": "nosuch", "p": {}}`)
	if ex.Error != sim.ErrorUnmocked {
		t.Errorf("no functions: %s %q", ex.Error, ex.Cause)
	}
	// An OnFunction that names no function fails the tasks that look for one.
	ex = lambdaRun(t, invokeDef, `{"f": "fn", "p": {}}`, sim.OnFunction("arn:aws:s3:::bucket", echo))
	if ex.Error != sim.ErrorUnmocked || !strings.Contains(ex.Cause, `sim.OnFunction("arn:aws:s3:::bucket", ...)`) {
		t.Errorf("a bad registration: %s %q", ex.Error, ex.Cause)
	}
}

// TestFunctionErrors checks the error documents of failing functions, and
// that Catch matches their error types.
func TestFunctionErrors(t *testing.T) {
	type doc struct {
		ErrorMessage, ErrorType, RequestID string
		StackTrace                         []string
	}
	read := func(cause string) doc {
		var d doc
		if err := json.Unmarshal([]byte(cause), &d); err != nil {
			t.Fatalf("cause %q: %v", cause, err)
		}
		return d
	}
	// A FunctionError, and a plain Go error as the Go runtime reports it.
	for _, tc := range []struct {
		err       error
		typ, text string
	}{
		{&sim.FunctionError{Type: "CardDeclined", Message: "card expired", StackTrace: []string{"frame"}}, "CardDeclined", "card expired"},
		{errors.New("plain"), "errorString", "plain"},
	} {
		h := sim.Func(func(context.Context, any) (any, error) { return nil, tc.err })
		for _, def := range []string{invokeDef, arnDef} {
			ex := lambdaRun(t, def, `{"f": "fn", "p": {}}`, sim.OnFunction("fn", h))
			d := read(ex.Cause)
			if ex.Error != tc.typ || d.ErrorType != tc.typ || d.ErrorMessage != tc.text || len(d.RequestID) != 36 || d.StackTrace == nil ||
				!strings.HasPrefix(ex.Cause, `{"errorMessage":`) {
				t.Errorf("%v: %s %q", tc.err, ex.Error, ex.Cause)
			}
		}
	}
	// A runtime's own document: as it is for a function ARN, compact for
	// lambda:invoke.
	spaced := `{"errorMessage": "x", "errorType": "ValueError", "requestId": "r", "stackTrace": []}`
	h := sim.Func(func(context.Context, any) (any, error) {
		return nil, &sim.FunctionError{Type: "ValueError", Message: "x", Document: []byte(spaced)}
	})
	if ex := lambdaRun(t, arnDef, `{}`, sim.OnFunction("fn", h)); ex.Error != "ValueError" || ex.Cause != spaced {
		t.Errorf("function ARN: %s %q", ex.Error, ex.Cause)
	}
	if ex := lambdaRun(t, invokeDef, `{"f": "fn", "p": {}}`, sim.OnFunction("fn", h)); ex.Cause != `{"errorMessage":"x","errorType":"ValueError","requestId":"r","stackTrace":[]}` {
		t.Errorf("lambda:invoke: %s %q", ex.Error, ex.Cause)
	}
	// A TaskError fails the task as it says.
	ex := lambdaRun(t, invokeDef, `{"f": "fn", "p": {}}`, sim.OnFunction("fn", sim.Throw("My.Error", "as is")))
	if ex.Error != "My.Error" || ex.Cause != "as is" {
		t.Errorf("TaskError: %s %q", ex.Error, ex.Cause)
	}
	// Catch matches the error type.
	caught := `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn",
		"Catch": [{"ErrorEquals": ["ValueError"], "Next": "C"}], "End": true}, "C": {"Type": "Pass", "End": true}}}`
	if ex := lambdaRun(t, caught, `{}`, sim.OnFunction("fn", h)); ex.Status != sim.Succeeded || get(ex.Output, "Error") != "ValueError" {
		t.Errorf("caught: %s %s", ex.Status, jsonvalue.String(ex.Output))
	}
}

// TestFunctionDataLimit checks that a response over 256 KiB fails the task
// with States.DataLimitExceeded, which States.ALL catches.
func TestFunctionDataLimit(t *testing.T) {
	big := sim.RawFunction(func(context.Context, *sim.Invocation) ([]byte, error) {
		return []byte(strings.Repeat("a", 257<<10)), nil
	})
	catchAll := func(def string) string {
		return strings.Replace(def, `"End": true}}}`, `"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true}, "C": {"Type": "Pass", "End": true}}}`, 1)
	}
	for def, task := range map[string]string{invokeDef: "lambda", arnDef: "arn:aws:lambda:us-east-1:123456789012:function:fn"} {
		want := "The state/task '" + task + "' returned a result with a size exceeding the maximum number of bytes service limit."
		ex := lambdaRun(t, def, `{"f": "fn", "p": {}}`, sim.OnFunction("fn", big))
		if ex.Error != "States.DataLimitExceeded" || ex.Cause != want {
			t.Errorf("%s: %s %q", task, ex.Error, ex.Cause)
		}
		ex = lambdaRun(t, catchAll(def), `{"f": "fn", "p": {}}`, sim.OnFunction("fn", big))
		if ex.Status != sim.Succeeded || get(ex.Output, "Error") != "States.DataLimitExceeded" {
			t.Errorf("%s, caught: %s %s", task, ex.Status, jsonvalue.String(ex.Output))
		}
	}
	// A state's output over the limit ends the execution, even inside a
	// Parallel whose Catch takes States.ALL.
	par := `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "L", "States": {"L": {"Type": "Task",
		"Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn", "ResultPath": "$.big", "End": true}}}],
		"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true}, "C": {"Type": "Pass", "End": true}}}`
	half := sim.RawFunction(func(context.Context, *sim.Invocation) ([]byte, error) {
		return []byte(`"` + strings.Repeat("a", 200<<10) + `"`), nil
	})
	ex := lambdaRun(t, par, `{"pad": "`+strings.Repeat("b", 100<<10)+`"}`, sim.OnFunction("fn", half))
	if ex.Status != sim.Failed || ex.Error != "States.DataLimitExceeded" || !strings.Contains(ex.Cause, "'L'") {
		t.Errorf("a state's output: %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
}

// TestFunctionTime checks that a function's After delays it on the
// virtual clock, so that the task's TimeoutSeconds fires first.
func TestFunctionTime(t *testing.T) {
	slow := echo.After(60 * time.Second)
	timeout := func(def string) string {
		return strings.Replace(def, `"End": true`, `"TimeoutSeconds": 5, "End": true`, 1)
	}
	for def, timedOut := range map[string]string{invokeDef: "TaskTimedOut", arnDef: "LambdaFunctionTimedOut"} {
		ex := lambdaRun(t, timeout(def), `{"f": "fn", "p": {}}`, sim.OnFunction("fn", slow))
		if ex.Error != "States.Timeout" || !slices.Contains(ex.EventTypes(), timedOut) || ex.StopTime.Sub(ex.StartTime) != 5*time.Second {
			t.Errorf("%s: %s %v after %v", timedOut, ex.Error, ex.EventTypes(), ex.StopTime.Sub(ex.StartTime))
		}
		ex = lambdaRun(t, def, `{"f": "fn", "p": {}}`, sim.OnFunction("fn", slow))
		if ex.Status != sim.Succeeded || ex.StopTime.Sub(ex.StartTime) != 60*time.Second {
			t.Errorf("%s without a timeout: %s after %v", timedOut, ex.Status, ex.StopTime.Sub(ex.StartTime))
		}
	}
}

// TestFunctionSequence checks a scripted function: it fails, then
// answers, and a Retry gets the answer.
func TestFunctionSequence(t *testing.T) {
	def := `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn",
		"Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 3}], "End": true}}}`
	h := sim.Sequence(sim.Func(func(context.Context, any) (any, error) {
		return nil, &sim.FunctionError{Type: "Flaky", Message: "try again"}
	}), sim.Return("ok"))
	ex := lambdaRun(t, def, `{}`, sim.OnFunction("fn", h))
	if ex.Status != sim.Succeeded || ex.Output != "ok" {
		t.Errorf("%s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	// The Sequence's own time counts for each of its handlers.
	ex = lambdaRun(t, def, `{}`, sim.OnFunction("fn", h.After(10*time.Second)))
	if d := ex.StopTime.Sub(ex.StartTime); ex.Status != sim.Succeeded || d < 20*time.Second {
		t.Errorf("with time: %s after %v", ex.Status, d)
	}
}

// TestFunctionPrecedence checks that OnState, a mock configuration and
// OnResource answer before functions.
func TestFunctionPrecedence(t *testing.T) {
	fn := sim.OnFunction("fn", sim.Return("function"))
	for _, tc := range []struct {
		opt  sim.Option
		want string
	}{
		{sim.OnState("L", sim.Return("state")), "state"},
		{sim.OnResource("arn:aws:lambda:us-east-1:123456789012:function:fn", sim.Return("resource")), "resource"},
	} {
		if ex := lambdaRun(t, arnDef, `{}`, fn, tc.opt); ex.Output != tc.want {
			t.Errorf("got %v, want %s", ex.Output, tc.want)
		}
	}
	if ex := lambdaRun(t, arnDef, `{}`, fn); ex.Output != "function" {
		t.Errorf("got %v, want the function's", ex.Output)
	}
}

// TestFunctionWith checks that functions added by With stay with the new
// simulator, and that later registrations of a name replace earlier ones.
func TestFunctionWith(t *testing.T) {
	doc, err := asl.Unmarshal([]byte(arnDef))
	if err != nil {
		t.Fatal(err)
	}
	base, err := sim.New(doc, sim.OnFunction("fn", sim.Return(1)))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := base.With(sim.OnFunction("fn", sim.Return(2)))
	b, _ := base.With(sim.OnFunction("fn", sim.Return(3)))
	for s, want := range map[*sim.Simulator]string{base: "1", a: "2", b: "3"} {
		ex, err := s.Run(context.Background(), json.RawMessage(`{}`))
		if err != nil || jsonvalue.String(ex.Output) != want {
			t.Errorf("got %s %v, want %s", jsonvalue.String(ex.Output), err, want)
		}
	}
}

// TestRawFunction checks a function that answers bytes: JSON text is its
// JSON value, anything else a string, and Content-Length its length.
func TestRawFunction(t *testing.T) {
	var seen *sim.Invocation
	raw := func(body string) sim.Handler {
		return sim.RawFunction(func(_ context.Context, inv *sim.Invocation) ([]byte, error) {
			seen = inv
			return []byte(body), nil
		})
	}
	for body, want := range map[string]string{`{"a": [1, 2]}`: `{"a":[1,2]}`, `not JSON`: `"not JSON"`, `"é"`: `"é"`} {
		ex := lambdaRun(t, invokeDef, `{"f": "fn:live", "p": {"k": "v"}}`, sim.OnFunction("fn", raw(body)))
		if got := jsonvalue.String(get(ex.Output, "Payload")); got != want || get(ex.Output, "SdkHttpMetadata", "HttpHeaders", "Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("%s: %s", body, jsonvalue.String(ex.Output))
		}
		if string(seen.Event) != `{"k":"v"}` || seen.FunctionARN != "arn:aws:lambda:us-east-1:123456789012:function:fn:live" ||
			seen.RequestID != get(ex.Output, "SdkResponseMetadata", "RequestId") {
			t.Errorf("invocation %+v", seen)
		}
	}
	// As any other task's handler, it gets the effective input.
	ex := lambdaRun(t, arnDef, `{"x": 1}`, sim.OnState("L", raw(`[true]`)))
	if jsonvalue.String(ex.Output) != `[true]` || string(seen.Event) != `{"x":1}` {
		t.Errorf("as a mock: %s, event %s", jsonvalue.String(ex.Output), seen.Event)
	}
}

// TestFunctionCallback checks a function invoked with .waitForTaskToken:
// the task waits for the callback that the function sends.
func TestFunctionCallback(t *testing.T) {
	def := `{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
		"Parameters": {"FunctionName": "fn", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}}`
	h := sim.Func(func(ctx context.Context, in struct{ Token string }) (any, error) {
		return nil, sim.SendTaskSuccess(ctx, in.Token, map[string]string{"from": "callback"})
	})
	ex := lambdaRun(t, def, `{}`, sim.OnFunction("fn", h))
	if ex.Status != sim.Succeeded || jsonvalue.String(ex.Output) != `{"from":"callback"}` {
		t.Errorf("%s %s %s %q", ex.Status, jsonvalue.String(ex.Output), ex.Error, ex.Cause)
	}
}
