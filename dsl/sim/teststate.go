package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/awsapi"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// TestStatus is the status of a [TestState] call, as AWS's TestState API
// answers it.
type TestStatus string

// The statuses of a TestState call.
const (
	// TestSucceeded: the state ran to its end; Output and NextState (""
	// for an end state) say what follows.
	TestSucceeded TestStatus = "SUCCEEDED"
	// TestFailed: the state failed and no Retry or Catch took the error.
	TestFailed TestStatus = "FAILED"
	// TestRetriable: a retrier matches the error and has attempts left
	// (see [RetrierRetryCount]); InspectionData.ErrorDetails says which
	// and how long it would wait.
	TestRetriable TestStatus = "RETRIABLE"
	// TestCaughtError: a catcher took the error; NextState is its Next and
	// Output its output.
	TestCaughtError TestStatus = "CAUGHT_ERROR"
)

// InspectionLevel is how much of a state's data flow a [TestState] call
// reports: INFO (none), DEBUG (each data-processing step) or TRACE (the
// same here: TRACE adds only the HTTP request and response of HTTP
// tasks, which the simulator does not make).
type InspectionLevel string

// The inspection levels.
const (
	Info  InspectionLevel = "INFO"
	Debug InspectionLevel = "DEBUG"
	Trace InspectionLevel = "TRACE"
)

// TestStateResult is the answer of a [TestState] call, shaped as AWS's
// TestState response.
type TestStateResult struct {
	// Status is SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR.
	Status TestStatus `json:"status"`
	// Output is the state's output as JSON: SUCCEEDED and CAUGHT_ERROR
	// only.
	Output json.RawMessage `json:"output,omitempty"`
	// Error and Cause describe the error of a FAILED, RETRIABLE or
	// CAUGHT_ERROR call.
	Error string `json:"error,omitempty"`
	Cause string `json:"cause,omitempty"`
	// NextState is the state that would run next ("" at the end).
	NextState string `json:"nextState,omitempty"`
	// InspectionData shows the data after each step, at DEBUG and TRACE;
	// nil at INFO.
	InspectionData *InspectionData `json:"inspectionData,omitempty"`

	hasCause bool
}

// InspectionData is the data of a state after each of its processing
// steps, as TestState reports it at DEBUG and TRACE. A field is nil when
// the step does not apply to the state (its JSON "null" when the value is
// null).
type InspectionData struct {
	Input               json.RawMessage `json:"input,omitempty"`
	AfterInputPath      json.RawMessage `json:"afterInputPath,omitempty"`
	AfterParameters     json.RawMessage `json:"afterParameters,omitempty"`
	AfterArguments      json.RawMessage `json:"afterArguments,omitempty"`
	Result              json.RawMessage `json:"result,omitempty"`
	AfterResultSelector json.RawMessage `json:"afterResultSelector,omitempty"`
	AfterResultPath     json.RawMessage `json:"afterResultPath,omitempty"`
	AfterItemsPath      json.RawMessage `json:"afterItemsPath,omitempty"`
	Variables           json.RawMessage `json:"variables,omitempty"`
	// ErrorDetails says which retrier or catcher took the error.
	ErrorDetails *ErrorDetails `json:"errorDetails,omitempty"`
	// MaxConcurrency, ToleratedFailureCount and ToleratedFailurePercentage
	// are a Map state's, as evaluated.
	MaxConcurrency             *int     `json:"maxConcurrency,omitempty"`
	ToleratedFailureCount      *int     `json:"toleratedFailureCount,omitempty"`
	ToleratedFailurePercentage *float64 `json:"toleratedFailurePercentage,omitempty"`
}

// ErrorDetails tells which retrier (RETRIABLE) or catcher (CAUGHT_ERROR)
// matched the error.
type ErrorDetails struct {
	CatchIndex                  *int     `json:"catchIndex,omitempty"`
	RetryIndex                  *int     `json:"retryIndex,omitempty"`
	RetryBackoffIntervalSeconds *float64 `json:"retryBackoffIntervalSeconds,omitempty"`
}

// DecodeOutput stores the output in the Go value ptr points to.
func (r *TestStateResult) DecodeOutput(ptr any) error {
	if r.Output == nil {
		return fmt.Errorf("sim: TestState has no output: %s %s: %s", r.Status, r.Error, r.Cause)
	}
	return json.Unmarshal(r.Output, ptr)
}

// MarshalJSON writes the result as AWS's response: the cause, when the
// error has one, even if it is empty.
func (r *TestStateResult) MarshalJSON() ([]byte, error) {
	type plain TestStateResult
	data, err := json.Marshal((*plain)(r))
	if err != nil || !r.hasCause || r.Cause != "" {
		return data, err
	}
	// An empty cause is given as "".
	return append(data[:len(data)-1], `,"cause":""}`...), nil
}

// Decode stores the inspection data of one step (its JSON name, such as
// "afterParameters") in the Go value ptr points to. It fails when the step
// was not reported.
func (d *InspectionData) Decode(step string, ptr any) error {
	if d == nil {
		return errors.New("sim: no inspection data (inspection level INFO)")
	}
	var raw json.RawMessage
	switch step {
	case "input":
		raw = d.Input
	case "afterInputPath":
		raw = d.AfterInputPath
	case "afterParameters":
		raw = d.AfterParameters
	case "afterArguments":
		raw = d.AfterArguments
	case "result":
		raw = d.Result
	case "afterResultSelector":
		raw = d.AfterResultSelector
	case "afterResultPath":
		raw = d.AfterResultPath
	case "afterItemsPath":
		raw = d.AfterItemsPath
	case "variables":
		raw = d.Variables
	default:
		return fmt.Errorf("sim: inspection data has no step %q", step)
	}
	if raw == nil {
		return fmt.Errorf("sim: inspection data has no %q", step)
	}
	return json.Unmarshal(raw, ptr)
}

// ValidationError is a TestState request that AWS refuses: Code is
// "ValidationException" (or "InvalidDefinition" style codes), Message is
// AWS's text.
type ValidationError struct {
	Code, Message string
}

func (e *ValidationError) Error() string { return e.Code + ": " + e.Message }

func validation(format string, args ...any) *ValidationError {
	return &ValidationError{Code: "ValidationException", Message: fmt.Sprintf(format, args...)}
}

// TestStateOption configures a [TestState] call: the fields of AWS's
// TestState request.
type TestStateOption func(*testRequest)

type testRequest struct {
	level        InspectionLevel
	stateName    string
	hasStateName bool
	mockResult   *string
	mockErr      *TaskError
	mode         awsapi.Mode
	modeText     string
	context      any
	hasContext   bool
	variables    any
	hasVariables bool
	retryCount   int
	causedBy     string
	mapFailures  int
	hasFailures  bool
	readerData   *string
	revealSecret bool
	roleARN      string
	simOpts      []Option
	err          error
}

// Inspection sets the inspection level (INFO by default).
func Inspection(level InspectionLevel) TestStateOption {
	return func(r *testRequest) { r.level = level }
}

// StateName names the state to test when the definition is a whole state
// machine (TestState's stateName); the state may be nested in a Parallel
// branch or a Map's item processor.
func StateName(name string) TestStateOption {
	return func(r *testRequest) { r.stateName, r.hasStateName = name, true }
}

// MockResultJSON mocks the result of the Task, Map or Parallel state
// with JSON text (TestState's mock.result).
func MockResultJSON(text string) TestStateOption {
	return func(r *testRequest) { r.mockResult = &text }
}

// MockResult mocks the state's result with a Go value, encoded to JSON
// (json.RawMessage is taken as it is).
func MockResult(v any) TestStateOption {
	return func(r *testRequest) {
		val, err := toValue(v)
		if err != nil {
			r.err = fmt.Errorf("sim: mock result: %w", err)
			return
		}
		text := string(jsonvalue.Marshal(val))
		r.mockResult = &text
	}
}

// MockError mocks the state's failure (TestState's mock.errorOutput).
func MockError(name, cause string) TestStateOption {
	return func(r *testRequest) { r.mockErr = &TaskError{Name: name, Cause: cause} }
}

// FieldValidation sets how a mocked result is checked against the
// integration's API (mock.fieldValidationMode): "STRICT" (the default),
// "PRESENT" or "NONE".
func FieldValidation(mode string) TestStateOption {
	return func(r *testRequest) { r.modeText = mode }
}

// TestContext gives the context object ($$, $states.context) the state
// sees, in place of the one the simulator makes.
func TestContext(v any) TestStateOption {
	return func(r *testRequest) {
		val, err := toValue(v)
		if err != nil {
			r.err = fmt.Errorf("sim: context: %w", err)
			return
		}
		r.context, r.hasContext = val, true
	}
}

// Variables gives the workflow variables the state reads: a JSON object.
func Variables(v any) TestStateOption {
	return func(r *testRequest) {
		val, err := toValue(v)
		if err != nil {
			r.err = fmt.Errorf("sim: variables: %w", err)
			return
		}
		r.variables, r.hasVariables = val, true
	}
}

// RetrierRetryCount says how many retries the state had already made
// (stateConfiguration.retrierRetryCount): a matching retrier with no more
// attempts than that left does not retry.
func RetrierRetryCount(n int) TestStateOption { return func(r *testRequest) { r.retryCount = n } }

// ErrorCausedByState names the state of a Map's item processor that
// raised the mocked error (stateConfiguration.errorCausedByState).
func ErrorCausedByState(name string) TestStateOption {
	return func(r *testRequest) { r.causedBy = name }
}

// MapIterationFailureCount is the number of a Map's iterations that failed
// (stateConfiguration.mapIterationFailureCount), checked against its
// tolerated failure count or percentage.
func MapIterationFailureCount(n int) TestStateOption {
	return func(r *testRequest) { r.mapFailures, r.hasFailures = n, true }
}

// MapItemReaderData is the JSON text of the items a Map's ItemReader reads
// (stateConfiguration.mapItemReaderData).
func MapItemReaderData(text string) TestStateOption {
	return func(r *testRequest) { r.readerData = &text }
}

// RevealSecrets is TestState's revealSecrets; it cannot go with a mock.
func RevealSecrets(on bool) TestStateOption { return func(r *testRequest) { r.revealSecret = on } }

// RoleARN is TestState's roleArn, which an unmocked Task needs: it runs
// against the handlers given by [WithOptions] (as [Simulator.Run] runs
// tasks), and appears in the context object.
func RoleARN(arn string) TestStateOption { return func(r *testRequest) { r.roleARN = arn } }

// WithOptions gives options of the simulator the state runs in: Lambda
// functions and mocks for an unmocked Task, Account, Region, Seed, Strict.
func WithOptions(opts ...Option) TestStateOption {
	return func(r *testRequest) { r.simOpts = append(r.simOpts, opts...) }
}

// testStateName is the name TestState gives a state defined on its own.
const testStateName = "StateName"

// TestState runs one state as AWS's TestState API does: with an input, a
// mocked result or error, and returns its status, output, error, next
// state and, at the DEBUG and TRACE inspection levels, its data after each
// processing step.
//
// def is the state's definition (JSON as []byte, string or
// json.RawMessage, or an asl.State such as *asl.Task), or a whole state
// machine (its JSON or an *asl.StateMachine, as dsl's Machine.Build gives
// it) with the state named by [StateName]. input is any Go value that encodes to JSON,
// or JSON as json.RawMessage. A request that AWS refuses returns a
// *[ValidationError] with AWS's message: a mock for a state that takes
// none, Map or Parallel states without a mock, a mocked result that does
// not fit the integration's API (see package awsapi), and so on.
//
// Retry and Catch follow TestState's rules: a matching retrier with
// attempts left ([RetrierRetryCount]) makes the status RETRIABLE, a
// matching catcher CAUGHT_ERROR with the catcher's Next and output.
func TestState(def any, input any, opts ...TestStateOption) (*TestStateResult, error) {
	r := &testRequest{level: Info}
	for _, o := range opts {
		o(r)
	}
	if r.err != nil {
		return nil, r.err
	}
	in, err := toValue(input)
	if err != nil {
		return nil, fmt.Errorf("sim: input: %w", err)
	}
	switch r.level {
	case Info, Debug, Trace:
	case "":
		r.level = Info
	default:
		return nil, validation("1 validation error detected: Value '%s' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]", r.level)
	}
	mode, ok := awsapi.ParseMode(r.modeText)
	if !ok {
		return nil, validation("1 validation error detected: Value '%s' at 'mock.fieldValidationMode' failed to satisfy constraint: Member must satisfy enum value set: [STRICT, PRESENT, NONE]", r.modeText)
	}
	r.mode = mode
	if r.hasStateName && r.stateName == "" {
		return nil, validation("1 validation error detected: Value '' at 'stateName' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	doc, err := r.machine(def)
	if err != nil {
		return nil, err
	}
	return r.run(doc, in)
}

// TestStateOf is [TestState] with the output decoded into a value of type
// Out. A call whose status has no output (FAILED, RETRIABLE) returns the
// zero Out with the result.
func TestStateOf[Out any](def any, input any, opts ...TestStateOption) (Out, *TestStateResult, error) {
	var out Out
	res, err := TestState(def, input, opts...)
	if err != nil {
		return out, nil, err
	}
	if res.Output != nil {
		if err := res.DecodeOutput(&out); err != nil {
			return out, res, fmt.Errorf("sim: TestState output: %w", err)
		}
	}
	return out, res, nil
}

// machine makes the state machine that holds the state to test: the
// definition itself, or the state alone under the name "StateName", with
// a Succeed state for each state it may go to.
func (r *testRequest) machine(def any) (*asl.StateMachine, error) {
	var data []byte
	switch d := def.(type) {
	case *asl.StateMachine:
		if r.stateName == "" {
			return nil, validation("A state name is required to test a state of a state machine.")
		}
		return d, nil
	case []byte:
		data = d
	case json.RawMessage:
		data = d
	case string:
		data = []byte(d)
	case asl.State:
		var err error
		if data, err = stateJSON(d); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("sim: TestState definition: %T is not a definition (want JSON text, an asl.State or an *asl.StateMachine)", def)
	}
	v, err := jsonvalue.Parse(data)
	if err != nil {
		return nil, &ValidationError{Code: "InvalidDefinition", Message: "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: " + err.Error() + "'"}
	}
	obj, ok := v.(*jsonvalue.Object)
	if !ok {
		return nil, &ValidationError{Code: "InvalidDefinition", Message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /'"}
	}
	if r.stateName == "" {
		states := jsonvalue.NewObject(4)
		states.Set(testStateName, obj)
		for _, next := range nextTargets(obj) {
			if _, dup := states.Get(next); !dup {
				stub := jsonvalue.NewObject(1)
				stub.Set("Type", "Succeed")
				states.Set(next, stub)
			}
		}
		m := jsonvalue.NewObject(2)
		m.Set("StartAt", testStateName)
		m.Set("States", states)
		data = jsonvalue.Marshal(m)
	}
	doc, err := asl.Unmarshal(data)
	if err != nil {
		var list asl.ErrorList
		var one *asl.Error
		switch {
		case errors.As(err, &list) && len(list) > 0:
			one = list[0]
		case errors.As(err, &one):
		default:
			return nil, &ValidationError{Code: "InvalidDefinition", Message: "Invalid State Machine Definition: '" + err.Error() + "'"}
		}
		code := one.Code
		if code == "" {
			code = asl.CodeSchemaValidationFailed
		}
		return nil, invalidDefinition(asl.Diagnostic{Code: code, Message: one.Message, Location: one.Pointer})
	}
	return doc, nil
}

// stateJSON encodes a state on its own.
func stateJSON(st asl.State) ([]byte, error) {
	sm := &asl.StateMachine{StartAt: testStateName}
	sm.States.Add(testStateName, st)
	data, err := asl.Marshal(sm)
	if err != nil {
		return nil, fmt.Errorf("sim: TestState definition: %w", err)
	}
	v, err := jsonvalue.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("sim: TestState definition: %w", err)
	}
	states, _ := v.(*jsonvalue.Object).Get("States")
	one, _ := states.(*jsonvalue.Object).Get(testStateName)
	return jsonvalue.Marshal(one), nil
}

// nextTargets lists the states a state's definition may go to.
func nextTargets(st *jsonvalue.Object) []string {
	var out []string
	add := func(o any, key string) {
		if obj, ok := o.(*jsonvalue.Object); ok {
			if s, ok := obj.Get(key); ok {
				if name, ok := s.(string); ok && name != testStateName && !slices.Contains(out, name) {
					out = append(out, name)
				}
			}
		}
	}
	add(st, "Next")
	add(st, "Default")
	for _, list := range []string{"Choices", "Catch"} {
		if v, ok := st.Get(list); ok {
			if arr, ok := v.([]any); ok {
				for _, c := range arr {
					add(c, "Next")
				}
			}
		}
	}
	return out
}

// findState finds the compiled state called name in g or the graphs
// nested in it.
func findState(g *graph, name string) (*graph, *state) {
	if s, ok := g.states[name]; ok {
		return g, s
	}
	for _, s := range g.states {
		for _, b := range s.branches {
			if gg, ss := findState(b, name); ss != nil {
				return gg, ss
			}
		}
		if s.mapSpec != nil && s.mapSpec.processor != nil {
			if gg, ss := findState(s.mapSpec.processor, name); ss != nil {
				return gg, ss
			}
		}
	}
	return nil, nil
}

// findDef finds the definition of the state called name in states or the
// ones nested in them.
func findDef(states asl.States, name string) asl.State {
	if st, ok := states.Get(name); ok {
		return st
	}
	for _, st := range states.All() {
		switch x := st.(type) {
		case *asl.Parallel:
			for _, b := range x.Branches {
				if f := findDef(b.States, name); f != nil {
					return f
				}
			}
		case *asl.Map:
			for _, ip := range []*asl.ItemProcessor{x.ItemProcessor, x.Iterator} {
				if ip != nil {
					if f := findDef(ip.States, name); f != nil {
						return f
					}
				}
			}
		}
	}
	return nil
}

// testRun is a TestState call under way: the state tested, what the
// request mocks and what the call has found.
type testRun struct {
	req     *testRequest
	root    *process
	target  *state
	debug   bool
	result  any // the mocked result, parsed
	insp    *jsonvalue.Object
	res     *TestStateResult
	details *ErrorDetails
	caught  *stateError
}

// inspect records the data after one step of the tested state.
func (p *process) inspect(step string, v any) {
	if t := p.x.ts; t != nil && t.debug && p == t.root {
		t.insp.Set(step, v)
	}
}

func (r *testRequest) run(doc *asl.StateMachine, in any) (*TestStateResult, error) {
	name := r.stateName
	if name == "" {
		name = testStateName
	}
	def := findDef(doc.States, name)
	if def == nil {
		return nil, validation("State '%s' does not exist in the state machine definition.", name)
	}
	typ := def.Type()
	hasMock := r.mockResult != nil || r.mockErr != nil
	switch {
	case r.mockResult != nil && r.mockErr != nil:
		return nil, validation("A test mock should have only one of the following fields: [result, errorOutput].")
	case r.revealSecret && hasMock:
		return nil, validation("TestState does not support RevealSecrets when a mock is specified.")
	case (typ == asl.TypeMap || typ == asl.TypeParallel) && !hasMock:
		return nil, &ValidationError{Code: "InvalidDefinition", Message: "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]"}
	case hasMock && typ != asl.TypeTask && typ != asl.TypeMap && typ != asl.TypeParallel:
		return nil, validation("State type '%s' is not supported when a mock is specified", typ)
	}
	var invalid []asl.Diagnostic
	for _, d := range asl.Validate(doc) {
		if d.Severity == asl.SeverityError {
			invalid = append(invalid, d)
		}
	}
	if len(invalid) > 0 {
		return nil, invalidDefinition(invalid[0])
	}
	var mocked any
	if r.mockResult != nil {
		v, err := jsonvalue.Parse([]byte(*r.mockResult))
		if err != nil {
			return nil, validation("Mocked result must be valid JSON")
		}
		mocked = v
	}
	if typ == asl.TypeTask && !hasMock && r.roleARN == "" {
		return nil, validation("RoleArn must be specified when testing a Task state")
	}
	if r.hasContext {
		if err := checkContext(r.context, def, r.stateName != "" && findDef(doc.States, name) != nil && !topLevel(doc, name)); err != nil {
			return nil, err
		}
	}
	switch x := def.(type) {
	case *asl.Parallel:
		if r.mockResult != nil {
			arr, ok := mocked.([]any)
			if !ok {
				return nil, validation("Mocked result must be an array.")
			}
			if len(arr) != len(x.Branches) {
				return nil, validation("Mocked result must contain the same number of items as number of Parallel branches.")
			}
		}
	case *asl.Map:
		if arr, ok := mocked.([]any); ok && r.hasFailures && r.mapFailures > len(arr) {
			return nil, validation("Map iteration failure count cannot be greater than the number of items in the mocked result.")
		}
		if r.mockResult != nil {
			if x.ResultWriter != nil {
				if _, ok := mocked.(*jsonvalue.Object); !ok {
					return nil, validation("Mocked result must be a JSON object.")
				}
			} else if _, ok := mocked.([]any); !ok {
				return nil, validation("Mocked result must be an array.")
			}
		}
	case *asl.Task:
		if r.mockResult != nil && r.mode != awsapi.None {
			if in, err := awsapi.Lookup(x.Resource); err == nil && in != nil {
				if msg := awsapi.MockResultMessage(in.CheckResult(mocked, r.mode)); msg != "" {
					return nil, validation("%s", msg)
				}
			}
		}
	}

	simOpts := append([]Option{Express(), History(false), MapItemsArraysOnly()}, r.simOpts...)
	if typ == asl.TypeTask {
		switch {
		case r.mockResult != nil:
			simOpts = append(simOpts, OnState(name, Return(json.RawMessage(*r.mockResult))))
		case r.mockErr != nil:
			simOpts = append(simOpts, OnState(name, Throw(r.mockErr.Name, r.mockErr.Cause)))
		}
	}
	if m, ok := def.(*asl.Map); ok && m.ItemReader != nil && r.readerData != nil {
		simOpts = append(simOpts, OnState(name+"/ItemReader", Return(json.RawMessage(*r.readerData))))
	}
	s, err := New(doc, simOpts...)
	if err != nil {
		var ie *InvalidError
		if errors.As(err, &ie) && len(ie.Diagnostics) > 0 {
			return nil, invalidDefinition(ie.Diagnostics[0])
		}
		return nil, err
	}
	g, target := findState(s.top, name)
	t := &testRun{req: r, target: target, debug: r.level != Info, result: mocked, res: &TestStateResult{}}
	if t.debug {
		t.insp = jsonvalue.NewObject(8)
	}
	s.testState(g, target, in, t)
	res := t.res
	if t.debug {
		res.InspectionData = inspectionData(t.insp, t.details)
	}
	return res, nil
}

// topLevel reports whether the machine's top level has the state name.
func topLevel(doc *asl.StateMachine, name string) bool {
	_, ok := doc.States.Get(name)
	return ok
}

// contextFields are the fields of the context object that TestState
// accepts, by object, with the JSON kinds of their values ("" for any).
var contextFields = map[string]map[string]string{
	"Execution":    {"Id": "string", "Input": "", "Name": "string", "RoleArn": "string", "StartTime": "string", "RedriveCount": "number", "RedriveTime": "string"},
	"State":        {"EnteredTime": "string", "Name": "string", "RetryCount": "number"},
	"StateMachine": {"Id": "string", "Name": "string"},
	"Task":         {"Token": "string"},
	"Map":          {"Item": ""},
}

// checkContext checks a context object given to TestState: its objects
// and fields, their types, and the Task and Map objects only for a state
// that has them (a Task with a .sync or .waitForTaskToken integration, a
// state of a Map's item processor).
func checkContext(ctx any, def asl.State, inMap bool) error {
	o, ok := ctx.(*jsonvalue.Object)
	if !ok {
		return validation("Invalid Context object provided: Context object must be a JSON object")
	}
	for k, v := range o.All() {
		fields, known := contextFields[k]
		if !known {
			return validation("Invalid Context object provided: Context object contains unknown field '%s'", k)
		}
		switch k {
		case "Task":
			task, isTask := def.(*asl.Task)
			if !isTask || !(strings.Contains(task.Resource, ".sync") || strings.HasSuffix(task.Resource, ".waitForTaskToken")) {
				return validation("Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern")
			}
		case "Map":
			if !inMap {
				return validation("Invalid Context object provided: Context object contains 'Map' when state is not in a Map state's item processor")
			}
		}
		obj, ok := v.(*jsonvalue.Object)
		if !ok {
			return validation("Invalid Context object provided: '%s' must be a JSON object", k)
		}
		for f, fv := range obj.All() {
			kind, known := fields[f]
			if !known {
				return validation("Invalid Context object provided: '%s' contains unknown field '%s'", k, f)
			}
			if kind != "" && jsonvalue.Kind(fv) != kind {
				return validation("Invalid Context object provided: '%s.%s' must be a %s", k, f, kind)
			}
		}
	}
	return nil
}

// invalidDefinition is TestState's answer to a definition that does not
// validate: AWS's InvalidDefinition with the first diagnostic, in the words
// of AWS's schema where the validator's differ.
func invalidDefinition(d asl.Diagnostic) *ValidationError {
	text := d.Message
	if d.Code == asl.CodeSchemaValidationFailed && strings.Contains(text, "at least one") {
		text = "Value cannot be empty"
	}
	msg := d.Code + ": " + text
	if d.Location != "" {
		msg += " at " + d.Location
	}
	return &ValidationError{Code: "InvalidDefinition", Message: "Invalid State Machine Definition: '" + msg + "'"}
}

// inspectionData turns what a run recorded into the response's
// inspection data.
func inspectionData(o *jsonvalue.Object, details *ErrorDetails) *InspectionData {
	d := &InspectionData{ErrorDetails: details}
	for k, v := range o.All() {
		raw := json.RawMessage(jsonvalue.Marshal(v))
		switch k {
		case "input":
			d.Input = raw
		case "afterInputPath":
			d.AfterInputPath = raw
		case "afterParameters":
			d.AfterParameters = raw
		case "afterArguments":
			d.AfterArguments = raw
		case "result":
			d.Result = raw
		case "afterResultSelector":
			d.AfterResultSelector = raw
		case "afterResultPath":
			d.AfterResultPath = raw
		case "afterItemsPath":
			d.AfterItemsPath = raw
		case "variables":
			d.Variables = raw
		case "maxConcurrency", "toleratedFailureCount":
			n, _ := v.(jsonvalue.Number).Int64()
			i := int(n)
			if k == "maxConcurrency" {
				d.MaxConcurrency = &i
			} else {
				d.ToleratedFailureCount = &i
			}
		case "toleratedFailurePercentage":
			f := v.(jsonvalue.Number).Float64()
			d.ToleratedFailurePercentage = &f
		}
	}
	return d
}

// testState runs the state target of graph g once, as TestState does.
func (s *Simulator) testState(g *graph, target *state, input any, t *testRun) {
	x := &execution{s: s, ctx: context.Background(), now: s.opts.start}
	if !s.opts.startSet {
		x.now = time.Now().UTC().Truncate(time.Millisecond)
	}
	seed := uint64(s.opts.seed)
	x.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	name := uuid(x.rng)
	ex := &Execution{Name: name, ARN: s.arnPrefix + "express:" + s.name + ":" + name + ":" + uuid(x.rng), StartTime: x.now, sim: s}
	x.result = ex
	x.input = input
	x.ts = t
	var outer *scope
	if t.req.hasVariables {
		if o, ok := t.req.variables.(*jsonvalue.Object); ok && o.Len() > 0 {
			outer = &scope{vals: make(map[string]any, o.Len())}
			for k, v := range o.All() {
				outer.vals[k] = v
			}
		}
	}
	root := x.newProcess(g, input, 0, outer)
	root.cur = target
	t.root = root
	root.inspect("input", input)
	if outer != nil {
		root.inspect("variables", t.req.variables)
	}
	root.onDone = func(out any, err *stateError) {
		x.done = true
		if err != nil {
			if t.res.Status == "" {
				t.res.Status = TestFailed
			}
			t.res.Error, t.res.Cause, t.res.hasCause = err.name, err.cause, !err.noCause
			return
		}
		t.res.Status = TestSucceeded
		t.res.Output = jsonvalue.Marshal(out)
	}
	root.enteredAt = x.now
	root.wake()
	x.loop()
	if t.res.Status == "" {
		t.res.Status = TestFailed
		if x.result.Status == Failed {
			t.res.Error, t.res.Cause, t.res.hasCause = x.result.Error, x.result.Cause, true
		}
	}
}

// testExit ends the tested state with its output and next state. It
// reports false for the states of any other process.
func (p *process) testExit(output any, next string, end bool) bool {
	t := p.x.ts
	if p != t.root {
		return false
	}
	p.x.done = true
	if t.caught != nil {
		t.res.Status = TestCaughtError
		t.res.Error, t.res.Cause, t.res.hasCause = t.caught.name, t.caught.cause, !t.caught.noCause
	} else {
		t.res.Status = TestSucceeded
	}
	t.res.Output = jsonvalue.Marshal(output)
	if !end {
		t.res.NextState = next
	}
	return true
}

// testFail applies TestState's rules to an error of the tested state: a
// retrier with attempts left makes it RETRIABLE (it reports true: the
// call is over); a catcher is noted, for the exit that follows.
func (p *process) testFail(err *stateError) bool {
	t := p.x.ts
	if p != t.root {
		return false
	}
	s := p.cur
	for i, r := range s.retry {
		if err.terminal || !matches(r.errs, err.name) {
			continue
		}
		if t.req.retryCount >= r.maxAttempts {
			break
		}
		d := r.interval.Seconds() * math.Pow(r.backoff, float64(t.req.retryCount))
		if r.maxDelay > 0 && d > r.maxDelay.Seconds() {
			d = r.maxDelay.Seconds()
		}
		idx := i
		t.details = &ErrorDetails{RetryIndex: &idx, RetryBackoffIntervalSeconds: &d}
		t.res.Status = TestRetriable
		t.res.Error, t.res.Cause, t.res.hasCause = err.name, err.cause, !err.noCause
		p.x.done = true
		return true
	}
	for i, c := range s.catch {
		if err.terminal || !matches(c.errs, err.name) {
			continue
		}
		idx := i
		t.details = &ErrorDetails{CatchIndex: &idx}
		t.caught = err
		break
	}
	return false
}

// testFanout ends a Map or Parallel state under test with its mocked
// result, error or iteration failures, as TestState does: no branch or
// iteration runs.
func (p *process) testFanout() {
	s := p.cur
	t := p.x.ts
	if s.typ == asl.TypeMap {
		m := s.mapSpec
		var cfg mapConfig
		var serr *stateError
		if s.jsonata {
			cfg, serr = p.jsonataMapConfig()
		} else {
			eff, err := p.env(p.input).apply(s.inputPath, "InputPath")
			if err != nil {
				p.fail(asStateError(err))
				return
			}
			p.inspect("afterInputPath", eff)
			if m.itemsPath != nil && m.reader == nil {
				v, err := p.env(eff).apply(m.itemsPath, "ItemsPath")
				if err == nil {
					if _, ok := v.([]any); !ok {
						p.fail(&stateError{name: errRuntime, cause: fmt.Sprintf("Reference path \"%s\" must point to array.", strings.Replace(m.itemsPath.text, "$$", "$", 1))})
						return
					}
					p.inspect("afterItemsPath", v)
				}
			}
			cfg, serr = p.mapConfig(eff)
		}
		if serr != nil {
			p.fail(serr)
			return
		}
		p.inspect("maxConcurrency", jsonvalue.Int(int64(cfg.limit)))
		if cfg.tolCount >= 0 {
			p.inspect("toleratedFailureCount", jsonvalue.Int(int64(cfg.tolCount)))
		}
		if cfg.tolPct >= 0 {
			p.inspect("toleratedFailurePercentage", jsonvalue.Float(cfg.tolPct))
		}
		if e := t.req.mockErr; e != nil {
			p.fail(&stateError{name: e.Name, cause: e.Cause})
			return
		}
		if t.req.hasFailures {
			n := t.req.mapFailures
			over := (cfg.tolCount >= 0 && n > cfg.tolCount) ||
				(cfg.tolPct >= 0 && len(cfg.items) > 0 && float64(n)*100 > cfg.tolPct*float64(len(cfg.items)))
			if cfg.tolCount < 0 && cfg.tolPct < 0 {
				over = false
			}
			if over {
				p.fail(&stateError{name: errTolerated, cause: "The specified tolerated failure threshold was exceeded"})
				return
			}
		}
		p.afterResult(t.result)
		return
	}
	if e := t.req.mockErr; e != nil {
		p.fail(&stateError{name: e.Name, cause: e.Cause})
		return
	}
	p.afterResult(t.result)
}
