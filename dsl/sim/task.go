package sim

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/awsapi"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// runTask runs a Task state's resource through its handler.
func (p *process) runTask() {
	s := p.cur
	t := s.task
	x := p.x
	if t.waitForToken {
		x.tokens++
		p.token = fmt.Sprintf("token-%d-%s", x.tokens, uuid(x.rng)[:8])
		p.ctxObj = nil
		x.issueToken(p.token)
	} else if p.token != "" {
		p.token = ""
		p.ctxObj = nil
	}
	eff, timeout, heartbeat, serr := p.taskInput()
	if serr != nil {
		p.fail(serr)
		return
	}
	resourceType, resource := splitResource(t.resource)
	legacyLambda := strings.HasPrefix(t.resource, "arn:aws:lambda:")
	prefix := "Task"
	if legacyLambda {
		prefix = "LambdaFunction"
	}
	scheduled := Event{Type: prefix + "Scheduled", ResourceType: resourceType, Resource: resource, Parameters: eff,
		TimeoutSeconds: int64(timeout / time.Second), HeartbeatSeconds: int64(heartbeat / time.Second)}
	if legacyLambda {
		scheduled = Event{Type: prefix + "Scheduled", Resource: t.resource, Input: eff, hasInput: true, TimeoutSeconds: int64(timeout / time.Second)}
	}
	x.emit(p, scheduled)
	started := Event{Type: prefix + "Started", ResourceType: resourceType, Resource: resource}
	if legacyLambda {
		started = Event{Type: prefix + "Started"}
	}
	x.emit(p, started)

	h, ok := x.handlerFor(s.name, t.resource)
	if !ok {
		h, ok = x.functionHandler(t, eff) // a Lambda function (lambda.go)
	}
	if !ok {
		p.finish(nil, &stateError{name: ErrorUnmocked, cause: x.unmockedCause(s.name, t.resource)})
		return
	}
	if x.calls == nil {
		x.calls = map[string]int{}
	}
	call := &Call{State: s.name, Resource: t.resource, Input: eff, TaskToken: p.token, Invocation: x.calls[s.name],
		lambdaPayload: t.lambdaPayload, lambdaWrap: t.lambdaWrap, x: x}
	x.calls[s.name]++
	h = h.resolve(call)
	out, herr := h.invoke(context.WithValue(x.ctx, execKey{}, x), call)
	if herr == nil && x.s.opts.strict {
		herr = checkMockResult(s.name, t.resource, out)
	}
	if (t.waitForToken || strings.HasSuffix(t.resource, ".sync") || strings.HasSuffix(t.resource, ".sync:2")) &&
		(herr == nil || !testProblem(taskError(herr).name)) {
		// The service took the job (or the message that carries the
		// token): AWS records its response before the task's end. A mock
		// gives the end only; its result stands for the response.
		submitted := out
		if herr != nil {
			submitted = jsonvalue.NewObject(0)
		}
		x.emit(p, Event{Type: "TaskSubmitted", ResourceType: resourceType, Resource: resource, Output: submitted, hasOutput: true})
	}
	delay := h.delay
	complete := func() {
		if herr != nil {
			se := taskError(herr)
			if testProblem(se.name) {
				p.finish(nil, se)
				return
			}
			x.emit(p, Event{Type: prefix + "Failed", ResourceType: resourceType, Resource: resource, Error: se.name, Cause: se.cause, hasError: true})
			p.fail(se)
			return
		}
		x.emit(p, Event{Type: prefix + "Succeeded", ResourceType: resourceType, Resource: resource, Output: out, hasOutput: true})
		p.afterResult(out)
	}
	timedOut := func(name string) func() {
		return func() {
			x.emit(p, Event{Type: prefix + "TimedOut", ResourceType: resourceType, Resource: resource, Error: name, hasError: true})
			p.fail(&stateError{name: name, noCause: true})
		}
	}
	if h.await {
		if herr == nil && t.waitForToken {
			p.awaitCallback(call.TaskToken, timeout, heartbeat, delay, timedOut, func(v any, err error) {
				out, herr = v, err
				complete()
			})
			return
		}
		if herr == nil {
			herr = &TaskError{Name: errTaskFailed, Cause: fmt.Sprintf("sim.AwaitCallback is for .waitForTaskToken resources; state %q has Resource %s", s.name, t.resource)}
		}
	}
	limit, limitErr := time.Duration(0), ""
	if timeout > 0 && delay > timeout {
		limit, limitErr = timeout, errTimeout
	}
	if heartbeat > 0 && delay > heartbeat && (limit == 0 || heartbeat < limit) {
		limit, limitErr = heartbeat, errHeartbeatTimeout
	}
	if limitErr != "" {
		p.sleep(limit, timedOut(limitErr))
		return
	}
	if delay == 0 {
		complete()
		return
	}
	p.sleep(delay, complete)
}

// taskInput evaluates a Task state's effective input (InputPath and
// Parameters, or Arguments) and its time limits.
func (p *process) taskInput() (eff any, timeout, heartbeat time.Duration, serr *stateError) {
	s := p.cur
	t := s.task
	timeout, heartbeat = t.timeout, t.heartbeat
	if s.jsonata {
		e := p.env(p.input)
		for _, lim := range []struct {
			expr  tnode
			dst   *time.Duration
			field string
		}{{t.timeoutExpr, &timeout, "TimeoutSeconds"}, {t.heartbeatExpr, &heartbeat, "HeartbeatSeconds"}} {
			n, ok, err := e.evalInt(lim.expr, lim.field)
			if err != nil {
				return nil, 0, 0, asStateError(err)
			}
			if ok && n <= 0 {
				return nil, 0, 0, queryError(lim.field, "The %s field must be a positive integer, but was: %d", lim.field, n)
			}
			if ok {
				*lim.dst = time.Duration(n) * time.Second
			}
		}
		eff, err := p.effectiveInput()
		if err != nil {
			return nil, 0, 0, asStateError(err)
		}
		return eff, timeout, heartbeat, nil
	}
	selected, err := p.env(p.input).apply(s.inputPath, "InputPath")
	if err != nil {
		return nil, 0, 0, asStateError(err)
	}
	eff = selected
	if s.parameters != nil {
		if eff, err = p.env(selected).evalTemplate(s.parameters); err != nil {
			return nil, 0, 0, asStateError(err)
		}
	}
	if p.x.ts != nil {
		p.inspect("afterInputPath", selected)
		p.inspect("afterParameters", eff)
	}
	for _, lim := range []struct {
		spec *pathSpec
		dst  *time.Duration
		name string
	}{{t.timeoutPath, &timeout, "TimeoutSecondsPath"}, {t.heartbeatPath, &heartbeat, "HeartbeatSecondsPath"}} {
		if lim.spec == nil {
			continue
		}
		v, err := p.env(selected).selectPath(lim.spec)
		n, ok := intValue(v)
		if err != nil || !ok || n <= 0 {
			return nil, 0, 0, runtimeError("The %s field refers to value %q which is not a valid positive integer: %s", lim.name, plain(v), lim.spec.text)
		}
		*lim.dst = time.Duration(n) * time.Second
	}
	return eff, timeout, heartbeat, nil
}

// splitResource splits an integration ARN into AWS's resourceType and
// resource: arn:aws:states:::lambda:invoke → lambda, invoke.
func splitResource(arn string) (string, string) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) == 7 && parts[2] == "states" && parts[3] == "" && parts[4] == "" {
		return parts[5], parts[6]
	}
	if len(parts) >= 6 {
		return parts[2], arn
	}
	return "", arn
}

// lambdaResponse wraps a mock's result as the optimized Lambda
// integration returns it (functions registered with OnFunction get the
// whole Invoke response instead, see functionCall.response). The metadata,
// with its request id, is made once per execution.
func lambdaResponse(payload any, x *execution) any {
	if x.lambdaMeta == nil {
		reqID := uuid(x.rng)
		x.lambdaMeta, x.lambdaRM = invokeMetadata([]httpHeader{
			{"Connection", "keep-alive"},
			{"Content-Type", "application/json"},
			{"X-Amz-Executed-Version", "$LATEST"},
			{"x-amzn-RequestId", reqID},
		}, reqID)
	}
	return invokeResult("$LATEST", "", payload, x.lambdaMeta, x.lambdaRM)
}

// execKey keys the execution in the context handlers get, for
// SendTaskSuccess and SendTaskFailure.
type execKey struct{}

// callback is the state of a task token: the answer that came before its
// task began to wait, or how to give the waiting task its answer.
type callback struct {
	deliver  func(v any, err error) // gives the waiting task its answer; nil before it waits
	answer   *answer                // an answer that came before the task began to wait
	answered bool                   // an answer was accepted
	timedOut bool                   // the task timed out
	p        *process               // the waiting task's process
}

type answer struct {
	v   any
	err error
}

// issueToken records a task token that the execution gave a task.
func (x *execution) issueToken(token string) {
	if x.callbacks == nil {
		x.callbacks = map[string]*callback{}
	}
	x.callbacks[token] = &callback{}
}

// awaitCallback makes the task wait for its token's answer, its timeout or
// its heartbeat timeout, whichever comes first. An answer that comes
// sooner than delay after the task started reaches it then.
func (p *process) awaitCallback(token string, timeout, heartbeat, delay time.Duration, timedOut func(string) func(), done func(any, error)) {
	x := p.x
	cb := x.callbacks[token]
	if cb == nil { // runTask issues every token; this is for safety
		x.issueToken(token)
		cb = x.callbacks[token]
	}
	cb.p = p
	if a := cb.answer; a != nil && delay <= 0 { // answered before the task began to wait
		cb.answer = nil
		cb.deliver = func(any, error) {}
		done(a.v, a.err)
		return
	}
	notBefore := x.now.Add(delay)
	settled := false
	cb.deliver = func(v any, err error) {
		if settled || p.cancelled {
			return
		}
		if wait := notBefore.Sub(x.now); wait > 0 {
			x.after(wait, func() { cb.deliver(v, err) })
			return
		}
		settled = true
		p.block(func() { done(v, err) })
		p.wake()
	}
	p.block(nil)
	if a := cb.answer; a != nil { // before the timers: an answer due at a limit wins, as a handler's After does
		cb.answer = nil
		cb.deliver(a.v, a.err)
	}
	for _, lim := range []struct {
		d    time.Duration
		name string
	}{{timeout, errTimeout}, {heartbeat, errHeartbeatTimeout}} {
		if lim.d <= 0 {
			continue
		}
		name := lim.name
		x.after(lim.d, func() {
			if settled || p.cancelled {
				return
			}
			settled = true
			cb.timedOut = true
			p.block(timedOut(name))
			p.wake()
		})
	}
}

// SendTaskSuccess answers the task waiting on token (a .waitForTaskToken
// task whose handler is [AwaitCallback]) with output, as the
// SendTaskSuccess API does. Call it with the context that a handler or a
// scheduled function ([At], [Schedule]) of the same execution got. It
// fails for a token that no task of the execution has, that was answered
// already, or whose task timed out or was stopped.
func SendTaskSuccess(ctx context.Context, token string, output any) error {
	v, err := toValue(output)
	if err != nil {
		return fmt.Errorf("sim: SendTaskSuccess output: %w", err)
	}
	return sendAnswer(ctx, token, v, nil)
}

// SendTaskFailure fails the task waiting on token with an error name and a
// cause, as the SendTaskFailure API does.
func SendTaskFailure(ctx context.Context, token, name, cause string) error {
	return sendAnswer(ctx, token, nil, &TaskError{Name: name, Cause: cause})
}

func sendAnswer(ctx context.Context, token string, v any, err error) error {
	x, ok := ctx.Value(execKey{}).(*execution)
	if !ok {
		return errors.New("sim: SendTask* needs the context of a handler or a scheduled function of the execution")
	}
	cb, cerr := x.callback(token)
	if cerr != nil {
		return cerr
	}
	cb.answered = true
	if cb.deliver == nil {
		cb.answer = &answer{v, err}
		return nil
	}
	cb.deliver(v, err)
	return nil
}

// callback returns the state of a token that may be answered, or why it
// may not.
func (x *execution) callback(token string) (*callback, error) {
	cb := x.callbacks[token]
	switch {
	case cb == nil:
		return nil, fmt.Errorf("sim: no task of the execution has task token %q", token)
	case cb.answered:
		return nil, fmt.Errorf("sim: task token %q was already answered", token)
	case cb.timedOut:
		return nil, fmt.Errorf("sim: the task of task token %q timed out", token)
	case cb.p != nil && cb.p.cancelled:
		return nil, fmt.Errorf("sim: the task of task token %q was stopped (its branch or iteration ended)", token)
	}
	return cb, nil
}

// checkMockResult checks a task's result, under Strict, against the
// response of the integration its Resource names, as TestState checks a
// mock in its PRESENT mode: the fields present that the API has must have
// its types and fit its constraints. Integrations that package awsapi does
// not model are not checked.
func checkMockResult(state, resource string, out any) error {
	in, err := awsapi.Lookup(resource)
	if err != nil || in == nil {
		return nil
	}
	problems := in.CheckResult(out, awsapi.Present)
	if len(problems) == 0 {
		return nil
	}
	return &TaskError{Name: ErrorMockResult, Cause: fmt.Sprintf("the mocked result of state %q does not fit the response of %s: %s (at %s)",
		state, resource, problems[0].Message, problems[0].Path)}
}
