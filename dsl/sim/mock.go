package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Call is what a task handler receives.
type Call struct {
	// State and Resource name the Task state and its resource.
	State, Resource string
	// Input is the task's effective input (after InputPath and Parameters),
	// a JSON value as package jsonvalue holds it. For the optimized Lambda
	// integration, a [Func] handler gets the Payload field instead.
	Input any
	// TaskToken is the task's token ($$.Task.Token), for .waitForTaskToken
	// resources.
	TaskToken string
	// Invocation counts the earlier calls of this state in the execution,
	// retries included: 0 for the first.
	Invocation int

	// For lambda:invoke a Func handler is the function: it gets the
	// Payload (any pattern), and its result is wrapped in the integration's
	// response (request-response only).
	lambdaPayload, lambdaWrap bool
	x                         *execution
}

// Decode stores the input in the Go value ptr points to.
func (c *Call) Decode(ptr any) error { return jsonvalue.ToGo(c.Input, ptr) }

// TaskError is a task failure with an ASL error name and a cause. Handlers
// return it to fail a task with a name that Retry and Catch can match.
type TaskError struct {
	Name  string
	Cause string
}

func (e *TaskError) Error() string { return e.Name + ": " + e.Cause }

// Handler runs a mocked task. Make one with [Func], [Respond], [Return],
// [Throw], [Sequence] or [AwaitCallback], and give it a duration with
// [Handler.After].
type Handler struct {
	fn    func(ctx context.Context, c *Call) (any, error)
	delay time.Duration
	await bool      // waits for SendTaskSuccess or SendTaskFailure
	seq   []Handler // a Sequence: the handler for each call
	mock  int       // 1 + the handler's place among the simulator's mocks (see configure); 0 for none
}

// resolve returns the handler that answers c: for a Sequence, the one of
// its handlers whose turn it is, taking the time of every Sequence it is
// in as well as its own.
func (h Handler) resolve(c *Call) Handler {
	var d time.Duration
	for len(h.seq) > 0 {
		d += h.delay
		h = h.seq[min(c.Invocation, len(h.seq)-1)]
	}
	h.delay += d
	return h
}

// AwaitCallback makes a handler for a .waitForTaskToken task that answers
// nothing itself: the task waits until something of the execution calls
// [SendTaskSuccess] or [SendTaskFailure] with its token (Call.TaskToken, or
// wherever the Parameters put $$.Task.Token), or until its TimeoutSeconds
// or HeartbeatSeconds pass. f, if not nil, runs when the task starts, as the
// service the task calls would; it may answer at once, or later with
// [SendTaskSuccessAfter], [SendTaskFailureAfter] or [Schedule]. Something
// else may answer: another task's handler, or a function of the test that
// runs at a virtual time ([At]).
//
// With [Handler.After], the handler takes at least that long: an answer
// sent sooner reaches the task when the time has passed, so a
// HeartbeatSeconds or TimeoutSeconds shorter than it fires first.
func AwaitCallback(f func(ctx context.Context, c *Call) error) Handler {
	return Handler{await: true, fn: func(ctx context.Context, c *Call) (any, error) {
		if f != nil {
			if err := f(ctx, c); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}}
}

// Func makes a typed handler: the task's input is decoded into In, and Out
// is the task's result. For the optimized Lambda integration
// (arn:aws:states:::lambda:invoke, with any pattern) f is the function: In is
// the Payload of the Parameters (or Arguments), what the function receives.
// With the request-response pattern Out is the function's return value,
// wrapped in the integration's response, {"Payload": ..., "StatusCode": 200,
// ...}; with .waitForTaskToken it is the task's result, as the callback
// (SendTaskSuccess) sends it. For every other resource In is the whole
// Parameters (or Arguments) and Out the task's result. An error that is a
// *TaskError fails the task with its name and cause; any other error fails
// it with States.TaskFailed.
func Func[In, Out any](f func(context.Context, In) (Out, error)) Handler {
	return Handler{fn: func(ctx context.Context, c *Call) (any, error) {
		input := c.Input
		if o, ok := input.(*jsonvalue.Object); ok && c.lambdaPayload {
			input, _ = o.Get("Payload")
		}
		var in In
		if err := decodeInput(input, &in, c.x != nil && c.x.s.opts.strict); err != nil {
			name := errTaskFailed
			if c.x != nil && c.x.s.opts.strict {
				name = ErrorTypeMismatch
			}
			return nil, &TaskError{Name: name, Cause: fmt.Sprintf("state %q: the input does not fit %T: %v; the input is %s",
				c.State, in, err, jsonvalue.String(input))}
		}
		out, err := f(ctx, in)
		if err != nil {
			return nil, err
		}
		v, err := jsonvalue.FromGo(out)
		if err != nil {
			return nil, &TaskError{Name: errTaskFailed, Cause: fmt.Sprintf("the mock of state %q returned a value that does not encode: %v", c.State, err)}
		}
		if c.lambdaWrap {
			v = lambdaResponse(v, c.x)
		}
		return v, nil
	}}
}

// decodeInput stores a task's input in ptr; strict decoding also refuses
// fields that the Go type does not have.
func decodeInput(v any, ptr any, strict bool) error {
	if !strict {
		return jsonvalue.ToGo(v, ptr)
	}
	dec := json.NewDecoder(bytes.NewReader(jsonvalue.Marshal(v)))
	dec.DisallowUnknownFields()
	return dec.Decode(ptr)
}

// Respond makes a raw handler: it gets the whole Call and returns the task's
// result as the resource returns it (for Lambda, the integration's whole
// response), as a Go value or json.RawMessage.
func Respond(f func(ctx context.Context, c *Call) (any, error)) Handler {
	return Handler{fn: func(ctx context.Context, c *Call) (any, error) {
		out, err := f(ctx, c)
		if err != nil {
			return nil, err
		}
		return toValue(out)
	}}
}

// Return makes a handler that returns v, a Go value or json.RawMessage, as
// the resource's whole result.
func Return(v any) Handler {
	val, err := toValue(v)
	return Handler{fn: func(context.Context, *Call) (any, error) {
		if err != nil {
			return nil, &TaskError{Name: errTaskFailed, Cause: "the mocked result does not encode: " + err.Error()}
		}
		return val, nil
	}}
}

// Throw makes a handler that fails the task with an error name and a cause.
func Throw(name, cause string) Handler {
	return Handler{fn: func(context.Context, *Call) (any, error) {
		return nil, &TaskError{Name: name, Cause: cause}
	}}
}

// Sequence makes a handler that answers a state's first call with hs[0],
// its second with hs[1], and so on; the last one answers every later call.
// Calls are counted per state and execution (Call.Invocation). The
// handlers keep their own durations ([Handler.After]); a duration given to
// the Sequence is added to each of theirs.
func Sequence(hs ...Handler) Handler {
	if len(hs) == 0 {
		return Throw(errTaskFailed, "sim.Sequence has no handlers")
	}
	return Handler{seq: slices.Clone(hs)}
}

// After returns h taking d of virtual time. The handler still runs when the
// task starts (the service gets the request then), and its result or error
// reaches the task d later; the task times out first when d exceeds its
// TimeoutSeconds or HeartbeatSeconds. For [AwaitCallback], d is the least
// time before an answer reaches the task (an answer sent later arrives when
// it is sent).
//
// After replaces an earlier After of the same handler: h.After(time.Hour).After(time.Second)
// takes a second. Durations nest: on a [Sequence], d is added to the
// duration of the handler whose turn it is, so Sequence(a.After(10*time.Second), b).After(time.Minute)
// takes 70 s on the first call and a minute on later ones.
func (h Handler) After(d time.Duration) Handler {
	h.delay = d
	return h
}

func (h Handler) invoke(ctx context.Context, c *Call) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, &TaskError{Name: errTaskFailed, Cause: fmt.Sprintf("the mock of state %q panicked: %v", c.State, r)}
		}
	}()
	return h.fn(ctx, c)
}

// MockConfig is a Step Functions Local mock configuration file: test cases
// per state machine, each naming a mocked response per state.
type MockConfig struct {
	StateMachines   map[string]mockMachine           `json:"StateMachines"`
	MockedResponses map[string]map[string]mockAnswer `json:"MockedResponses"`

	// cases holds the test cases resolved so far, by mockCaseKey, so that
	// the simulators of one configuration (a batch's, say) share them.
	cases sync.Map
	// warnings are ParseMockConfig's (Warnings).
	warnings []string
}

// Warnings returns what [ParseMockConfig] ignored in the configuration:
// each top-level key other than StateMachines and MockedResponses (a
// team's own block of assertions, say), one message each, in the order of
// the file.
func (c *MockConfig) Warnings() []string { return c.warnings }

// mockCaseKey names a test case of a state machine of a configuration.
type mockCaseKey struct{ machine, testCase string }

type mockMachine struct {
	TestCases map[string]map[string]string `json:"TestCases"`
}

type mockAnswer struct {
	Return json.RawMessage `json:"Return"`
	Throw  *struct {
		Error string `json:"Error"`
		Cause string `json:"Cause"`
	} `json:"Throw"`
}

// LoadMockConfig reads a Step Functions Local mock configuration file.
func LoadMockConfig(path string) (*MockConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	cfg, err := ParseMockConfig(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// ParseMockConfig parses a Step Functions Local mock configuration. Its
// top-level keys other than StateMachines and MockedResponses (a team's
// own, such as a block of expected results) are ignored with a warning
// ([MockConfig.Warnings]); below them, a key that the format does not have
// is an error, as a misspelt Return or TestCases would be.
func ParseMockConfig(data []byte) (*MockConfig, error) {
	var cfg MockConfig
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("mock config: %w", err)
	}
	if tok != json.Delim('{') {
		if tok != nil {
			return nil, fmt.Errorf("mock config: the configuration is %v, not an object", jsonKind(tok))
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, errors.New("mock config: more than one JSON value")
		}
		return &cfg, nil // null: an empty configuration
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("mock config: %w", err)
		}
		key, _ := tok.(string)
		var dst any
		switch key {
		case "StateMachines":
			dst = &cfg.StateMachines
		case "MockedResponses":
			dst = &cfg.MockedResponses
		default:
			cfg.warnings = append(cfg.warnings, fmt.Sprintf("mock config: top-level key %q is not part of the format (StateMachines, MockedResponses): ignored", key))
			dst = new(json.RawMessage)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("mock config: %w", err)
		}
		strict := json.NewDecoder(bytes.NewReader(raw))
		strict.DisallowUnknownFields()
		if err := strict.Decode(dst); err != nil {
			return nil, fmt.Errorf("mock config: %s: %w", key, err)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, fmt.Errorf("mock config: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("mock config: more than one JSON value")
	}
	for name, answers := range cfg.MockedResponses {
		for key, a := range answers {
			if _, _, err := invocationRange(key); err != nil {
				return nil, fmt.Errorf("mock config: MockedResponses.%s: %w", name, err)
			}
			if (a.Return == nil) == (a.Throw == nil) {
				return nil, fmt.Errorf("mock config: MockedResponses.%s.%s: needs exactly one of Return and Throw", name, key)
			}
		}
	}
	return &cfg, nil
}

// jsonKind names the kind of a JSON token that starts a value.
func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	}
	return "a number"
}

// invocationRange parses a MockedResponses key: "0" or "1-2".
func invocationRange(key string) (int, int, error) {
	lo, hi, isRange := strings.Cut(key, "-")
	a, err := strconv.Atoi(lo)
	if err != nil || a < 0 {
		return 0, 0, fmt.Errorf("key %q is not an invocation number or range such as \"0\" or \"1-2\"", key)
	}
	if !isRange {
		return a, a, nil
	}
	b, err := strconv.Atoi(hi)
	if err != nil || b < a {
		return 0, 0, fmt.Errorf("key %q is not an invocation number or range such as \"0\" or \"1-2\"", key)
	}
	return a, b, nil
}

// mockCase is the handlers of one test case, numbered (Handler.mock) in
// the order of names, after the mocks of the options.
type mockCase struct {
	byState           map[string]Handler
	names             []string // the states of the test case, in order
	machine, testCase string
}

// UseMockConfig runs tasks as the named test case of cfg says. The test case
// is looked up under the state machine's name (see [Name]), or under the
// only state machine of the file.
func UseMockConfig(cfg *MockConfig, testCase string) Option {
	return func(o *options) {
		o.mockCfg, o.mockCaseName = cfg, testCase
	}
}

func (o *options) resolveMockCase() (*mockCase, error) {
	if o.mockCfg == nil {
		return nil, nil
	}
	cfg := o.mockCfg
	machine := o.name
	m, ok := cfg.StateMachines[machine]
	if !ok {
		if len(cfg.StateMachines) == 0 {
			return nil, fmt.Errorf("mock config: no state machine %q (StateMachines is empty)", o.name)
		}
		if len(cfg.StateMachines) != 1 {
			names := make([]string, 0, len(cfg.StateMachines))
			for n := range cfg.StateMachines {
				names = append(names, n)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("mock config: no state machine %q (it has %s); the machine's name picks one (sim.Name; aslgen run -name; a batch line's state_machine_name)", o.name, strings.Join(names, ", "))
		}
		for name, only := range cfg.StateMachines {
			machine, m = name, only
		}
	}
	key := mockCaseKey{machine, o.mockCaseName}
	if mc, ok := cfg.cases.Load(key); ok {
		return mc.(*mockCase), nil
	}
	tc, ok := m.TestCases[o.mockCaseName]
	if !ok {
		has := "it has none"
		if len(m.TestCases) > 0 {
			has = "it has " + strings.Join(slices.Sorted(maps.Keys(m.TestCases)), ", ")
		}
		return nil, fmt.Errorf("mock config: state machine %q has no test case %q (%s)", machine, o.mockCaseName, has)
	}
	mc := &mockCase{byState: map[string]Handler{}, names: slices.Sorted(maps.Keys(tc)), machine: machine, testCase: o.mockCaseName}
	for i, state := range mc.names {
		respName := tc[state]
		answers, ok := cfg.MockedResponses[respName]
		if !ok {
			return nil, fmt.Errorf("mock config: test case %q maps state %q to %q, which MockedResponses does not define", o.mockCaseName, state, respName)
		}
		h := answersHandler(respName, answers)
		h.mock = i + 1
		mc.byState[state] = h
	}
	cfg.cases.Store(key, mc)
	return mc, nil
}

func answersHandler(name string, answers map[string]mockAnswer) Handler {
	// Each answer's Return is parsed once: values are immutable (package
	// jsonvalue), so every invocation may return the same one.
	type entry struct {
		lo, hi int
		a      mockAnswer
		ret    any
		err    error
	}
	var entries []entry
	for key, a := range answers {
		lo, hi, _ := invocationRange(key)
		e := entry{lo: lo, hi: hi, a: a}
		if a.Throw == nil {
			e.ret, e.err = jsonvalue.Parse(a.Return)
		}
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].lo < entries[j].lo })
	return Handler{fn: func(ctx context.Context, c *Call) (any, error) {
		var chosen *entry
		for i := range entries {
			if c.Invocation >= entries[i].lo && c.Invocation <= entries[i].hi {
				chosen = &entries[i]
				break
			}
		}
		if chosen == nil {
			return nil, &TaskError{Name: ErrorUnmocked, Cause: fmt.Sprintf("mocked response %q has no answer for invocation %d of state %q", name, c.Invocation, c.State)}
		}
		if t := chosen.a.Throw; t != nil {
			return nil, &TaskError{Name: t.Error, Cause: t.Cause}
		}
		return chosen.ret, chosen.err
	}}
}

// handlerFor finds the handler of a Task state.
func (x *execution) handlerFor(state, resource string) (Handler, bool) {
	o := &x.s.opts
	if h, ok := o.byState[state]; ok {
		x.called(h.mock)
		return h, true
	}
	if x.s.mocks != nil {
		if h, ok := x.s.mocks.byState[state]; ok {
			x.called(len(x.s.mockNames) + h.mock)
			return h, true
		}
	}
	if h, ok := o.byResource[resource]; ok {
		x.called(h.mock)
		return h, true
	}
	return Handler{}, false
}

// unmockedCause is the cause of the failure of a task that has no mock.
// Under a mock configuration it names the test case; under Go options it
// says how to add a mock.
func (x *execution) unmockedCause(state, resource string) string {
	if mc := x.s.mocks; mc != nil {
		return fmt.Sprintf("state %q (Resource %s) has no mock: test case %q of state machine %q in the mock config does not name it",
			state, resource, mc.testCase, mc.machine)
	}
	return fmt.Sprintf("state %q (Resource %s) has no mock: register one with sim.OnState(%q, ...) or sim.OnResource(%q, ...), or name the state in a test case of a mock config",
		state, resource, state, resource)
}

// taskError turns a handler's error into a state error.
func taskError(err error) *stateError {
	var te *TaskError
	if errors.As(err, &te) {
		return &stateError{name: te.Name, cause: te.Cause}
	}
	return &stateError{name: errTaskFailed, cause: err.Error()}
}
