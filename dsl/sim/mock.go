package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
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
// [Throw] or [Sequence].
type Handler struct {
	fn    func(ctx context.Context, c *Call) (any, error)
	delay time.Duration
	await bool      // waits for SendTaskSuccess or SendTaskFailure
	seq   []Handler // a Sequence: the handler for each call
}

// resolve returns the handler that answers c: for a Sequence, the one of
// its handlers whose turn it is.
func (h Handler) resolve(c *Call) Handler {
	for len(h.seq) > 0 {
		h = h.seq[min(c.Invocation, len(h.seq)-1)]
	}
	return h
}

// AwaitCallback makes a handler for a .waitForTaskToken task that answers
// nothing itself: the task waits until another handler of the execution
// calls [SendTaskSuccess] or [SendTaskFailure] with its token (Call.TaskToken,
// or wherever the Parameters put $$.Task.Token), or until its TimeoutSeconds
// or HeartbeatSeconds pass. f, if not nil, runs when the task starts, as the
// service the task calls would.
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
// Calls are counted per state and execution (Call.Invocation).
func Sequence(hs ...Handler) Handler {
	if len(hs) == 0 {
		return Throw(errTaskFailed, "sim.Sequence has no handlers")
	}
	return Handler{seq: hs}
}

// After returns h taking d of virtual time: the task completes d after it
// starts, or times out first when d exceeds its TimeoutSeconds or
// HeartbeatSeconds.
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
}

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

// ParseMockConfig parses a Step Functions Local mock configuration.
func ParseMockConfig(data []byte) (*MockConfig, error) {
	var cfg MockConfig
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return nil, fmt.Errorf("mock config: %w", err)
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

// mockCase is the handlers of one test case.
type mockCase struct {
	byState map[string]Handler
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
		if len(cfg.StateMachines) != 1 {
			names := make([]string, 0, len(cfg.StateMachines))
			for n := range cfg.StateMachines {
				names = append(names, n)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("mock config: no state machine %q (it has %s); name the machine with sim.Name", o.name, strings.Join(names, ", "))
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
		return nil, fmt.Errorf("mock config: no test case %q", o.mockCaseName)
	}
	mc := &mockCase{byState: map[string]Handler{}}
	for state, respName := range tc {
		answers, ok := cfg.MockedResponses[respName]
		if !ok {
			return nil, fmt.Errorf("mock config: test case %q maps state %q to %q, which MockedResponses does not define", o.mockCaseName, state, respName)
		}
		mc.byState[state] = answersHandler(respName, answers)
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
		return h, true
	}
	if x.s.mocks != nil {
		if h, ok := x.s.mocks.byState[state]; ok {
			return h, true
		}
	}
	if h, ok := o.byResource[resource]; ok {
		return h, true
	}
	return Handler{}, false
}

// taskError turns a handler's error into a state error.
func taskError(err error) *stateError {
	var te *TaskError
	if errors.As(err, &te) {
		return &stateError{name: te.Name, cause: te.Cause}
	}
	return &stateError{name: errTaskFailed, cause: err.Error()}
}
