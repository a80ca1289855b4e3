package sim

import (
	"errors"
	"fmt"

	"github.com/aslgen/aslgen/dsl/intrinsic"
	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Error names the simulator raises.
const (
	errRuntime          = "States.Runtime"
	errTaskFailed       = "States.TaskFailed"
	errTimeout          = "States.Timeout"
	errHeartbeatTimeout = "States.HeartbeatTimeout"
	errAll              = "States.ALL"
	errDataLimit        = "States.DataLimitExceeded"
	errIntrinsic        = "States.IntrinsicFailure"
	errNoChoice         = "States.NoChoiceMatched"
	errResultPath       = "States.ResultPathMatchFailure"
	errTolerated        = "States.ExceedToleratedFailureThreshold"
)

// The names of the errors the simulator raises for a problem of the test
// rather than of the workflow (Execution.Error, TaskError.Name). No Retry
// or Catch matches them, so the execution fails at once and the test sees
// why.
const (
	// ErrorUnmocked is the error of a task that has no handler.
	ErrorUnmocked = "Sim.UnmockedTask"
	// ErrorTypeMismatch is the error of a task, under [Strict], whose input
	// does not fit the Go type of its [Func] handler.
	ErrorTypeMismatch = "Sim.TypeMismatch"
	// ErrorMockResult is the error of a task, under [Strict], whose mocked
	// result does not fit the response of the AWS API its Resource calls
	// (for the integrations package awsapi models): a field of the wrong
	// type, or out of the API's range or enum.
	ErrorMockResult = "Sim.MockResultMismatch"
)

// testProblem reports whether an error name is one of those above.
func testProblem(name string) bool {
	return name == ErrorUnmocked || name == ErrorTypeMismatch || name == ErrorMockResult
}

// stateError is an error raised while running a state: its ASL error name
// and cause. A runtime error's cause gets the state's name and entered event
// id in front, as AWS writes it.
type stateError struct {
	name    string
	cause   string
	noCause bool // the error has no cause at all (a Fail state without Cause)
	runtime bool // prefix the cause with "An error occurred while executing the state ..."
	// terminal errors end the execution: no Retry or Catch takes them, in
	// the state or in the Parallel or Map around it (a state's output or
	// variables over the payload limit).
	terminal bool
	// evalFailed marks a JSONata state's evaluation error, which AWS
	// records with an EvaluationFailed event naming the field (location).
	evalFailed bool
	location   string
}

func (e *stateError) Error() string { return e.name + ": " + e.cause }

func runtimeError(format string, args ...any) *stateError {
	return &stateError{name: errRuntime, cause: fmt.Sprintf(format, args...), runtime: true}
}

// env is what a state's expressions are evaluated against: a value for $,
// and the process whose context object $$ is.
type env struct {
	input any
	p     *process
	// For JSONata states: the state's result and a catcher's error output,
	// and $states, built on first use.
	result, errOut       any
	hasResult, hasErrOut bool
	states               *jsonvalue.Object
	statesContext        bool // states holds the context object
	wantContext          bool // the expression being evaluated may read it
}

// context returns the context object, built on first use in each state.
func (e *env) context() any {
	p := e.p
	if p.ctxObj == nil {
		p.ctxObj = p.contextObject()
	}
	return p.ctxObj
}

// apply evaluates an InputPath or OutputPath: null gives {}.
func (e *env) apply(p *pathSpec, field string) (any, error) {
	if p == nil {
		return e.input, nil
	}
	if p.null {
		return jsonvalue.NewObject(0), nil
	}
	v, err := e.selectPath(p)
	if err != nil {
		var nf *jsonpath.NotFoundError
		if errors.As(err, &nf) {
			return nil, runtimeError("Invalid path '%s' : %v", p.text, nf) // Jayway's message: No results for path, Missing property in path, ...
		}
		return nil, runtimeError("Invalid path '%s' : %v", p.text, err)
	}
	return v, nil
}

func (t tLiteral) eval(*env) (any, error) { return t.v, nil }

func (t *tObject) eval(e *env) (any, error) {
	o := jsonvalue.NewObject(len(t.keys))
	for i, k := range t.keys {
		v, err := t.vals[i].eval(e)
		if err != nil {
			return nil, err
		}
		o.Set(k, v)
	}
	return o, nil
}

func (t *tArray) eval(e *env) (any, error) {
	out := make([]any, len(t.elems))
	for i, n := range t.elems {
		v, err := n.eval(e)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (t *tPath) eval(e *env) (any, error) {
	v, err := e.selectPath(t.spec)
	if err != nil {
		return nil, runtimeError("The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'",
			t.spec.text, t.field, jsonvalue.String(e.input))
	}
	return v, nil
}

func (t *tIntrinsic) eval(e *env) (any, error) {
	v, err := t.call.Eval(intrinsic.Env{Input: e.input, Context: e.context(), Rand: e.p.x.rng, Var: e.p.vars.get})
	if err != nil {
		var ie *intrinsic.Error
		if errors.As(err, &ie) {
			return nil, &stateError{name: ie.Name, cause: ie.Msg, runtime: true}
		}
		return nil, &stateError{name: errIntrinsic, cause: err.Error(), runtime: true}
	}
	return v, nil
}

// evalTemplate evaluates an optional template: nil gives the input itself.
func (e *env) evalTemplate(t tnode) (any, error) {
	if t == nil {
		return e.input, nil
	}
	return t.eval(e)
}

// resultPath merges a state's result into its raw input as ResultPath says.
func resultPath(p *pathSpec, raw, result any) (any, error) {
	switch {
	case p == nil:
		return result, nil
	case p.null:
		return raw, nil
	}
	if len(p.p.Segments) == 0 {
		return result, nil
	}
	out, err := p.p.Set(raw, result)
	if err != nil {
		return nil, &stateError{name: errResultPath, cause: fmt.Sprintf("Unable to apply ResultPath \"%s\" to input \"%s\": %v",
			p.text, jsonvalue.String(raw), err), runtime: true}
	}
	return out, nil
}
