package sim

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// OnFunction registers a Lambda function: the tasks that invoke the
// function called nameOrARN run h as Lambda would run the function.
// nameOrARN is a function name ("pay"), a partial ARN
// ("123456789012:function:pay") or a full one
// ("arn:aws:lambda:us-east-1:123456789012:function:pay"), with or without a
// version or alias ("pay:prod"); a name or partial ARN is in the
// simulator's Region and Account, as Lambda resolves it for the caller. A
// function registered without a qualifier answers for every version and
// alias of it; one registered with a qualifier only for that one, and
// before the unqualified one.
//
// Two kinds of task invoke a function:
//
//   - the optimized integration, arn:aws:states:::lambda:invoke: the
//     function is the FunctionName of the task's Parameters (or Arguments),
//     with their Qualifier, and its event their Payload (a null or absent
//     Payload is {}, and a string holding JSON text is that JSON, as Step
//     Functions sends it). The task's result is Lambda's response:
//     {"ExecutedVersion", "Payload", "SdkHttpMetadata",
//     "SdkResponseMetadata", "StatusCode"}, with "LogResult" for
//     "LogType": "Tail", and with the .waitForTaskToken pattern the task
//     waits for SendTaskSuccess or SendTaskFailure after the function
//     returns;
//   - the function's ARN as the Resource
//     (arn:aws:lambda:REGION:ACCOUNT:function:NAME): the event is the
//     task's effective input, and the result the function's payload itself.
//
// h gets the event as Call.Input and returns the function's response
// (Func, Return, Respond, Sequence and After work as for any task; After
// makes the function take that long, so that the task's TimeoutSeconds can
// pass first; [RawFunction] deals in the bytes a runtime reads and writes).
// A response that Step Functions cannot take, over 256 KiB, fails the task
// with States.DataLimitExceeded, which States.ALL catches (as AWS's
// recorded executions show). A handler's error fails the invocation as
// Lambda reports a function's unhandled error: a [*FunctionError] as it
// is; any other error as the Go runtime reports it, its type name as the
// errorType and its text as the errorMessage; a [*TaskError] instead fails
// the task with its own name and cause.
//
// Once a function is registered, a task that invokes one that is not fails
// as Lambda answers: Lambda.ResourceNotFoundException for lambda:invoke,
// Lambda.Unknown for a function ARN Resource. OnState, a mock configuration
// and OnResource take precedence over functions.
func OnFunction(nameOrARN string, h Handler) Option {
	return func(o *options) {
		// A full slice expression: appending never writes to the array of
		// the options this simulator was made With.
		o.functions = append(o.functions[:len(o.functions):len(o.functions)], function{key: nameOrARN, h: h})
	}
}

// function is a registered Lambda function.
type function struct {
	key string // the name or ARN it was registered with
	h   Handler
}

// Invocation is one invocation of a Lambda function, as the function's
// runtime receives it.
type Invocation struct {
	// FunctionARN is the invoked function's ARN, with the version or alias
	// the task named, if any.
	FunctionARN string
	// RequestID is the invocation's request id (a context's
	// aws_request_id): Lambda's response headers and error documents carry
	// it.
	RequestID string
	// Event is the event's JSON text.
	Event []byte

	response []byte // what a RawFunction answered, as it answered it
	raw      bool
}

// invocationKey keys the Invocation in the context of a function's handler.
type invocationKey struct{}

// RawFunction makes a Lambda function's handler that deals in bytes, as a
// function's runtime does: f gets the invocation, whose Event is JSON text,
// and returns the bytes of the function's response. Step Functions reads a
// response that is JSON text as that JSON value, and any other as a string;
// Lambda's Content-Length header is the response's length. f's errors are
// those of any function handler (see [OnFunction]); a [*FunctionError]
// with a Document gives the error document as the runtime wrote it.
//
// Used for a task that is not a function, f gets the task's effective
// input as the Event and its response is the task's result.
func RawFunction(f func(ctx context.Context, inv *Invocation) ([]byte, error)) Handler {
	return Handler{fn: func(ctx context.Context, c *Call) (any, error) {
		inv, ok := ctx.Value(invocationKey{}).(*Invocation)
		if !ok {
			inv = &Invocation{Event: jsonvalue.Marshal(c.Input)}
		}
		body, err := f(ctx, inv)
		if err != nil {
			return nil, err
		}
		inv.response, inv.raw = body, true
		return payloadValue(body), nil
	}}
}

// payloadValue is the value Step Functions reads from a function's
// response: its JSON value, or the text itself when it is not JSON.
func payloadValue(body []byte) any {
	if v, err := jsonvalue.Parse(body); err == nil {
		return v
	}
	return string(body)
}

// FunctionError is a Lambda function's unhandled error, as Lambda reports
// it: the task fails with Type as its error name and the error document,
// {"errorMessage", "errorType", "requestId", "stackTrace"}, as its cause.
type FunctionError struct {
	// Type is the error's type (errorType), such as "Exception" or
	// "ValueError" for Python, "errorString" for Go.
	Type string
	// Message is the error's message (errorMessage).
	Message string
	// StackTrace holds the runtime's frames (stackTrace), if any.
	StackTrace []string
	// Document, if not nil, is the error document as the function's runtime
	// wrote it, request id included. The function ARN form of a task gives
	// it as the cause as it is; lambda:invoke gives it as compact JSON, as
	// Step Functions writes it again. When Document is nil, the simulator
	// writes {"errorMessage", "errorType", "requestId", "stackTrace"} as
	// compact JSON, the invocation's request id included.
	Document []byte
}

func (e *FunctionError) Error() string { return e.Type + ": " + e.Message }

// document returns the error document of an invocation whose request id
// is reqID.
func (e *FunctionError) document(reqID string) []byte {
	if e.Document != nil {
		return e.Document
	}
	o := jsonvalue.NewObject(4)
	o.Set("errorMessage", e.Message)
	o.Set("errorType", e.Type)
	o.Set("requestId", reqID)
	trace := make([]any, len(e.StackTrace))
	for i, f := range e.StackTrace {
		trace[i] = f
	}
	o.Set("stackTrace", trace)
	return jsonvalue.Marshal(o)
}

// The errors of a task whose function does not exist, as Step Functions
// reports Lambda's answer.
const (
	errLambdaNotFound = "Lambda.ResourceNotFoundException"
	errLambdaUnknown  = "Lambda.Unknown"
)

// functionRef is a Lambda function as a name or ARN gives it: the parts
// it leaves out are empty.
type functionRef struct {
	partition, region, account, name, qualifier string
}

// parseFunction parses a function name ("pay", "pay:prod"), partial ARN
// ("123456789012:function:pay[:prod]") or full ARN
// ("arn:aws:lambda:us-east-1:123456789012:function:pay[:prod]").
func parseFunction(s string) (functionRef, bool) {
	parts := strings.Split(s, ":")
	var r functionRef
	switch {
	case parts[0] == "arn":
		if len(parts) < 7 || len(parts) > 8 || parts[2] != "lambda" || parts[5] != "function" || parts[1] == "" {
			return r, false
		}
		r = functionRef{partition: parts[1], region: parts[3], account: parts[4], name: parts[6]}
		parts = parts[7:]
	case len(parts) >= 3 && parts[1] == "function":
		if len(parts) > 4 {
			return r, false
		}
		r = functionRef{account: parts[0], name: parts[2]}
		parts = parts[3:]
	case len(parts) <= 2:
		r.name = parts[0]
		parts = parts[1:]
	default:
		return r, false
	}
	if len(parts) == 1 {
		if parts[0] == "" {
			return r, false
		}
		r.qualifier = parts[0]
	}
	return r, r.name != ""
}

// in fills in the parts r leaves out with the simulator's region and
// account, and their partition.
func (r functionRef) in(o *options) functionRef {
	if r.region == "" {
		r.region = o.region
	}
	if r.account == "" {
		r.account = o.account
	}
	if r.partition == "" {
		r.partition = partitionOf(r.region)
	}
	return r
}

// partitionOf returns the partition of a region.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// arn returns the function's unqualified ARN.
func (r functionRef) arn() string {
	return "arn:" + r.partition + ":lambda:" + r.region + ":" + r.account + ":function:" + r.name
}

// sameFunction reports whether a and b, filled in, are the same function.
func sameFunction(a, b functionRef) bool {
	return a.partition == b.partition && a.region == b.region && a.account == b.account && a.name == b.name
}

// findFunction returns the function registered for want (filled in): one
// registered with want's qualifier before one registered without.
func (o *options) findFunction(want functionRef) (*function, error) {
	var unqualified *function
	for i := len(o.functions) - 1; i >= 0; i-- {
		f := &o.functions[i]
		r, ok := parseFunction(f.key)
		if !ok {
			return nil, &TaskError{Name: ErrorUnmocked, Cause: fmt.Sprintf(
				"sim.OnFunction(%q, ...): not a Lambda function name, partial ARN or ARN", f.key)}
		}
		r = r.in(o)
		if !sameFunction(r, want) {
			continue
		}
		switch {
		case r.qualifier == want.qualifier || r.qualifier == "$LATEST" && want.qualifier == "":
			return f, nil
		case r.qualifier == "" && unqualified == nil:
			unqualified = f
		}
	}
	return unqualified, nil
}

// functionHandler returns the handler of a task that invokes a registered
// Lambda function, given the task's effective input: one that runs the
// function, or fails the task as Lambda does when there is no such
// function. It reports false when no function is registered or the task
// invokes none.
func (x *execution) functionHandler(t *taskSpec, input any) (Handler, bool) {
	o := &x.s.opts
	if len(o.functions) == 0 {
		return Handler{}, false
	}
	inv := functionCall{resource: t.resource, await: t.waitForToken}
	var name any
	switch {
	case t.lambdaPayload:
		params, _ := input.(*jsonvalue.Object)
		if params == nil {
			params = jsonvalue.NewObject(0)
		}
		name, _ = params.Get("FunctionName")
		inv.payload, _ = params.Get("Payload")
		if q, ok := params.Get("Qualifier"); ok {
			inv.qualifier, _ = q.(string)
		}
		if lt, ok := params.Get("LogType"); ok {
			inv.tail = lt == "Tail"
		}
	case isFunctionARN(t.resource):
		inv.legacy = true
		name, inv.payload = t.resource, input
	default:
		return Handler{}, false
	}
	s, _ := name.(string)
	ref, ok := parseFunction(s)
	if !ok {
		ref = functionRef{name: s}
		if _, isString := name.(string); !isString {
			ref.name = jsonvalue.String(name)
		}
	}
	if inv.qualifier == "" {
		inv.qualifier = ref.qualifier
	}
	ref.qualifier = inv.qualifier
	inv.ref = ref.in(o)
	f, err := o.findFunction(inv.ref)
	if err != nil {
		return Handler{fn: func(context.Context, *Call) (any, error) { return nil, err }}, true
	}
	if f == nil {
		return Handler{fn: inv.notFound}, true
	}
	return inv.wrap(f.h), true
}

// isFunctionARN reports whether a Resource is a Lambda function's ARN.
func isFunctionARN(resource string) bool {
	parts := strings.SplitN(resource, ":", 7)
	return len(parts) == 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function"
}

// functionCall is what a task's invocation of a function needs to know
// besides the function's handler.
type functionCall struct {
	resource  string
	ref       functionRef // the function, filled in, with the qualifier the task gave
	qualifier string
	payload   any  // the Payload parameter, or the legacy form's input
	legacy    bool // the Resource is the function's ARN
	await     bool // .waitForTaskToken: the task waits for a callback
	tail      bool // LogType Tail: the response carries the log's end
}

// wrap returns h (and each handler of a Sequence) running as the
// function: with h's delay, and waiting for a callback after it returns
// when the task's pattern is .waitForTaskToken.
func (fc functionCall) wrap(h Handler) Handler {
	if len(h.seq) > 0 {
		w := h // the Sequence's own time and the rest
		w.seq = make([]Handler, len(h.seq))
		for i, each := range h.seq {
			w.seq[i] = fc.wrap(each)
		}
		return w
	}
	w := h
	w.await = h.await || fc.await
	w.fn = func(ctx context.Context, c *Call) (any, error) { return fc.invoke(ctx, c, h) }
	return w
}

// notFound fails the task as Lambda's Invoke answers for a function that
// does not exist.
func (fc functionCall) notFound(_ context.Context, c *Call) (any, error) {
	q := fc.qualifier
	if q == "" {
		q = "$LATEST"
	}
	cause := fmt.Sprintf("Function not found: %s:%s (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: %s; Proxy: null)",
		fc.ref.arn(), q, uuid(c.x.rng))
	if fc.legacy {
		return nil, &TaskError{Name: errLambdaUnknown, Cause: cause}
	}
	return nil, &TaskError{Name: errLambdaNotFound, Cause: cause}
}

// eventJSON returns the JSON text of a function's event, as Step Functions
// sends a Payload: null (or none) as {}, a string holding JSON text as
// that text, anything else encoded.
func eventJSON(payload any) []byte {
	switch p := payload.(type) {
	case nil:
		return []byte("{}")
	case string:
		if _, err := jsonvalue.Parse([]byte(p)); err == nil {
			return []byte(p)
		}
	}
	return jsonvalue.Marshal(payload)
}

// invoke runs h, the function's handler, as Lambda runs the function, and
// returns the task's result.
func (fc functionCall) invoke(ctx context.Context, c *Call, h Handler) (any, error) {
	x := c.x
	inv := &Invocation{FunctionARN: fc.ref.arn(), RequestID: uuid(x.rng), Event: eventJSON(fc.payload)}
	if fc.qualifier != "" {
		inv.FunctionARN += ":" + fc.qualifier
	}
	event, err := jsonvalue.Parse(inv.Event)
	if err != nil {
		event = string(inv.Event)
	}
	call := &Call{State: c.State, Resource: c.Resource, Input: event, TaskToken: c.TaskToken, Invocation: c.Invocation, x: x}
	out, err := h.invoke(context.WithValue(ctx, invocationKey{}, inv), call)
	if err != nil {
		return nil, fc.failure(err, inv.RequestID)
	}
	body := inv.response
	if !inv.raw {
		body = jsonvalue.Marshal(out)
	}
	result := out
	if !fc.legacy {
		result = fc.response(out, len(body), inv.RequestID, x.now)
	}
	if tooLarge(result) {
		task := "lambda"
		if fc.legacy {
			task = fc.resource
		}
		return nil, &TaskError{Name: errDataLimit, Cause: fmt.Sprintf(
			"The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", task)}
	}
	return result, nil
}

// failure turns a function handler's error into the task's.
func (fc functionCall) failure(err error, reqID string) error {
	var te *TaskError
	if errors.As(err, &te) {
		return te
	}
	var fe *FunctionError
	if errors.As(err, &fe) {
		doc := fe.document(reqID)
		if !fc.legacy {
			if v, perr := jsonvalue.Parse(doc); perr == nil {
				doc = jsonvalue.Marshal(v)
			}
		}
		return &TaskError{Name: fe.Type, Cause: string(doc)}
	}
	// As the Go runtime reports an error: its type's name, without the
	// pointer, and its text.
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return fc.failure(&FunctionError{Type: t.Name(), Message: err.Error()}, reqID)
}

// httpDate is the format of an HTTP Date header.
const httpDate = "Mon, 02 Jan 2006 15:04:05 GMT"

// response returns the optimized integration's result for a function's
// payload, whose response was length bytes long: Lambda's Invoke response
// as the AWS SDK for Java gives it.
func (fc functionCall) response(payload any, length int, reqID string, now time.Time) *jsonvalue.Object {
	version := "$LATEST"
	if _, err := strconv.ParseUint(fc.qualifier, 10, 64); err == nil {
		version = fc.qualifier
	}
	var logResult string
	if fc.tail {
		logResult = base64.StdEncoding.EncodeToString(fmt.Appendf(nil,
			"START RequestId: %s Version: %s\nEND RequestId: %s\nREPORT RequestId: %s\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 32 MB\t\n",
			reqID, version, reqID, reqID))
	}
	date := now.UTC().Format(httpDate)
	trace := fmt.Sprintf("Root=1-%08x-%s;Sampled=0", now.Unix(), strings.ReplaceAll(reqID, "-", "")[:24])
	size := strconv.Itoa(length)
	meta, rm := invokeMetadata([]httpHeader{
		{"Connection", "keep-alive"},
		{"Content-Length", size},
		{"Content-Type", "application/json"},
		{"Date", date},
		{"X-Amz-Executed-Version", version},
		{"X-Amz-Log-Result", logResult},
		{"x-amzn-Remapped-Content-Length", "0"},
		{"x-amzn-RequestId", reqID},
		{"X-Amzn-Trace-Id", trace},
	}, reqID)
	return invokeResult(version, logResult, payload, meta, rm)
}

// httpHeader is a header of an HTTP response; one with no value is left
// out.
type httpHeader struct{ name, value string }

// invokeMetadata returns the SdkHttpMetadata and SdkResponseMetadata of a
// Lambda Invoke response with these headers, as the AWS SDK for Java gives
// them (AllHttpHeaders holds a list of values for each header).
func invokeMetadata(headers []httpHeader, reqID string) (meta, rm *jsonvalue.Object) {
	all := jsonvalue.NewObject(len(headers))
	single := jsonvalue.NewObject(len(headers))
	for _, h := range headers {
		if h.value == "" {
			continue
		}
		all.Set(h.name, []any{h.value})
		single.Set(h.name, h.value)
	}
	meta = jsonvalue.NewObject(3)
	meta.Set("AllHttpHeaders", all)
	meta.Set("HttpHeaders", single)
	meta.Set("HttpStatusCode", jsonvalue.Int(200))
	rm = jsonvalue.NewObject(1)
	rm.Set("RequestId", reqID)
	return meta, rm
}

// invokeResult returns the optimized Lambda integration's result: the
// function's payload with the Invoke response's version, log and
// metadata.
func invokeResult(version, logResult string, payload any, meta, rm *jsonvalue.Object) *jsonvalue.Object {
	o := jsonvalue.NewObject(6)
	o.Set("ExecutedVersion", version)
	if logResult != "" {
		o.Set("LogResult", logResult)
	}
	o.Set("Payload", payload)
	o.Set("SdkHttpMetadata", meta)
	o.Set("SdkResponseMetadata", rm)
	o.Set("StatusCode", jsonvalue.Int(200))
	return o
}
