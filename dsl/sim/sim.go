package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Status is the final status of an execution.
type Status string

// Execution statuses.
const (
	Succeeded Status = "SUCCEEDED"
	Failed    Status = "FAILED"
	TimedOut  Status = "TIMED_OUT"
	Aborted   Status = "ABORTED"
)

// Simulator runs one state machine. Create it with [New]; it is safe for
// concurrent use.
type Simulator struct {
	name    string
	top     *graph
	timeout time.Duration // machine TimeoutSeconds; 0 for none
	opts    options
	mocks   *mockCase // from a mock configuration file

	mockNames []string     // the names of the options' mocks, by Handler.mock
	targets   *mockTargets // what mocks may name, found on first use

	eventHint int               // events of a run through every top-level state once
	arnPrefix string            // arn:aws:states:REGION:ACCOUNT:
	smObj     *jsonvalue.Object // $$.StateMachine
}

// Option configures a Simulator.
type Option func(*options)

type options struct {
	name         string
	start        time.Time
	startSet     bool
	seed         int64
	history      bool
	byState      map[string]Handler
	byResource   map[string]Handler
	mockCfg      *MockConfig
	mockCaseName string
	functions    []function // Lambda functions (OnFunction), later ones first
	region       string
	account      string
	express      bool
	strict       bool
	arraysOnly   bool // MapItemsArraysOnly (fanout.go)

	at []scheduled // functions to run at virtual times (At)
	// given notes the mocks given by the options of one New or With call;
	// problems are what those options cannot do. configure resets both.
	given    map[mockKey]bool
	problems []string
}

// Name sets the state machine's name, used in ARNs and the context object
// ($$.StateMachine.Name). The default is "StateMachine".
func Name(name string) Option { return func(o *options) { o.name = name } }

// StartTime sets the virtual time at which executions start. The default is
// the current time.
func StartTime(t time.Time) Option {
	return func(o *options) { o.start, o.startSet = t, true }
}

// Seed seeds the execution's randomness (JitterStrategy FULL, States.UUID,
// States.MathRandom without a seed). The default seed is 1.
func Seed(seed int64) Option { return func(o *options) { o.seed = seed } }

// History turns the recording of history events on (the default) or off.
// Off, the events are still counted: an execution that passes AWS's limit
// of [MaxEvents] fails as it does with its history recorded, with the same
// error, cause and stop time.
func History(on bool) Option { return func(o *options) { o.history = on } }

// Strict makes typed handlers ([Func]) refuse inputs that do not fit their
// Go type exactly: a field the type does not have, or a value of the wrong
// kind, fails the execution with the error [ErrorTypeMismatch], naming the
// state, the field and the input. It also checks every mocked Task
// result against the response of the AWS API the task's Resource calls,
// for the integrations package awsapi models: a result whose fields do not
// fit it (a field of the wrong type, or out of the API's range or enum;
// fields the API lacks and missing fields are allowed, as TestState's
// PRESENT mode allows them) fails the execution with the error
// [ErrorMockResult], naming the state.
func Strict() Option { return func(o *options) { o.strict = true } }

// Account sets the AWS account id in ARNs (default 123456789012).
func Account(id string) Option { return func(o *options) { o.account = id } }

// Region sets the AWS region in ARNs (default us-east-1).
func Region(region string) Option { return func(o *options) { o.region = region } }

// Express makes executions those of an Express workflow: their ARNs and
// context object are an Express execution's (without RedriveCount).
func Express() Option { return func(o *options) { o.express = true } }

// OnState runs h for the Task state called name, wherever it is: at the
// top of the machine, in a Parallel branch or in a Map's item processor. A
// Map state's ItemReader is mocked as "MapName/ItemReader". New refuses a
// name that is not one of those states (saying which are), and a second
// OnState for the same name; [Simulator.With] may replace the mock of a
// state that its simulator has. OnState replaces the answer of the mock
// configuration's test case ([UseMockConfig]) for the state.
func OnState(name string, h Handler) Option {
	return func(o *options) {
		o.give(mockKey{name: name})
		o.byState[name] = h
	}
}

// OnResource runs h for every Task state whose Resource is arn, unless
// OnState or the mock configuration names the state. New refuses a
// Resource that no Task state (or ItemReader) has, and a second OnResource
// for the same one.
func OnResource(arn string, h Handler) Option {
	return func(o *options) {
		o.give(mockKey{resource: true, name: arn})
		o.byResource[arn] = h
	}
}

// New compiles doc for running. It fails when the document does not
// validate (see asl.Validate), with an *InvalidError, or holds a path,
// template or intrinsic function that does not parse.
func New(doc *asl.StateMachine, opts ...Option) (*Simulator, error) {
	if doc == nil {
		return nil, errors.New("sim: nil state machine")
	}
	s, err := configure(options{
		name:       "StateMachine",
		seed:       1,
		history:    true,
		byState:    map[string]Handler{},
		byResource: map[string]Handler{},
		region:     "us-east-1",
		account:    "123456789012",
	}, opts)
	if err != nil {
		return nil, err
	}
	var invalid []asl.Diagnostic
	for _, d := range asl.Validate(doc) {
		if d.Severity == asl.SeverityError {
			invalid = append(invalid, d)
		}
	}
	if len(invalid) > 0 {
		return nil, &InvalidError{Diagnostics: invalid}
	}
	c := &compiler{ql: doc.QueryLanguage}
	s.top = c.graph("", doc.StartAt, doc.States)
	coverRegister(s.top, doc)
	if len(c.errs) > 0 {
		return nil, fmt.Errorf("sim: %s", strings.Join(c.errs, "\n"))
	}
	s.targets = &mockTargets{top: s.top}
	if err := s.checkMocks(); err != nil {
		return nil, err
	}
	s.eventHint = min(2*doc.States.Len()+4, 4096)
	if doc.TimeoutSeconds != nil {
		s.timeout = time.Duration(*doc.TimeoutSeconds) * time.Second
	}
	return s, nil
}

// With returns a simulator of the same machine, validated and compiled
// once, with s's options and then opts: other mocks, another start time,
// name or account. It is how a batch of executions of one definition with
// different options avoids compiling it again. s is not changed.
func (s *Simulator) With(opts ...Option) (*Simulator, error) {
	o := s.opts
	o.byState = maps.Clone(o.byState)
	o.byResource = maps.Clone(o.byResource)
	n, err := configure(o, opts)
	if err != nil {
		return nil, err
	}
	n.top, n.timeout, n.eventHint, n.targets = s.top, s.timeout, s.eventHint, s.targets
	if err := n.checkMocks(); err != nil {
		return nil, err
	}
	return n, nil
}

// configure applies opts to o and returns a simulator with those options
// and what they determine (ARNs, the mock configuration's test case), yet
// without a machine.
func configure(o options, opts []Option) (*Simulator, error) {
	o.given, o.problems = nil, nil
	for _, opt := range opts {
		opt(&o)
	}
	if len(o.problems) > 0 {
		return nil, fmt.Errorf("sim: %s", strings.Join(o.problems, "\nsim: "))
	}
	o.given = nil
	s := &Simulator{opts: o, name: o.name}
	s.mockNames = s.opts.numberMocks()
	s.arnPrefix = "arn:aws:states:" + o.region + ":" + o.account + ":"
	s.smObj = jsonvalue.NewObject(2)
	s.smObj.Set("Id", s.arnPrefix+"stateMachine:"+s.name)
	s.smObj.Set("Name", s.name)
	mocks, err := s.opts.resolveMockCase()
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	s.mocks = mocks
	return s, nil
}

// InvalidError is the error of [New] for a document that does not
// validate: the validator's errors (its warnings are not errors).
type InvalidError struct {
	// Diagnostics are the diagnostics of severity asl.SeverityError, in the
	// validator's order.
	Diagnostics []asl.Diagnostic
}

// Error prints the diagnostics one a line, after a line that says the
// state machine is not valid.
func (e *InvalidError) Error() string {
	var b strings.Builder
	b.WriteString("sim: the state machine is not valid:")
	for _, d := range e.Diagnostics {
		b.WriteByte('\n')
		b.WriteString(d.String())
	}
	return b.String()
}

// Execution is the result of one run.
type Execution struct {
	// Name and ARN identify the execution.
	Name, ARN string
	// Status is the final status.
	Status Status
	// Output is the execution's output (SUCCEEDED only), a JSON value as
	// package jsonvalue holds it.
	Output any
	// Error and Cause describe a failure.
	Error, Cause string
	// StartTime and StopTime are virtual times.
	StartTime, StopTime time.Time
	// log is the history as the run recorded it (nil when recording was
	// turned off); Events builds it.
	log *eventLog
	// sim ran the execution; calls counts the calls of its mocks (see
	// Execution.MockCalls), in callBuf when they are few.
	sim     *Simulator
	calls   []int32
	callBuf [8]int32
	retried []retryHit // retriers that fired (cover.go)
}

// OutputJSON returns the output as compact JSON.
func (e *Execution) OutputJSON() json.RawMessage {
	if e.Status != Succeeded {
		return nil
	}
	return jsonvalue.Marshal(e.Output)
}

// DecodeOutput stores the output in the Go value ptr points to.
func (e *Execution) DecodeOutput(ptr any) error {
	if e.Status != Succeeded {
		return fmt.Errorf("sim: execution %s has no output: %s %s: %s", e.Name, e.Status, e.Error, e.Cause)
	}
	return jsonvalue.ToGo(e.Output, ptr)
}

// Run runs one execution with the given input to its end and returns it.
// The input is any Go value that encodes to JSON, a json.RawMessage, or a
// jsonvalue value. The returned error is for input that cannot be used;
// a failed execution is an Execution with Status Failed.
func (s *Simulator) Run(ctx context.Context, input any) (*Execution, error) {
	in, err := toValue(input)
	if err != nil {
		return nil, fmt.Errorf("sim: input: %w", err)
	}
	return s.run(ctx, in), nil
}

// toValue converts an input to a jsonvalue value.
func toValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string, jsonvalue.Number, *jsonvalue.Object:
		return x, nil
	case json.RawMessage:
		return jsonvalue.Parse(x)
	case []byte:
		return jsonvalue.Parse(x)
	}
	return jsonvalue.FromGo(v)
}

// Decode stores a JSON value of this package's executions (an output, an
// event's input) in the Go value ptr points to.
func Decode(v any, ptr any) error { return jsonvalue.ToGo(v, ptr) }
