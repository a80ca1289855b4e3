package sim

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

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
		p.finish(nil, &stateError{name: ErrorUnmocked, cause: fmt.Sprintf(
			"state %q (Resource %s) has no mock: register one with sim.OnState(%q, ...) or sim.OnResource(%q, ...)",
			s.name, t.resource, s.name, t.resource)})
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
			p.awaitCallback(call.TaskToken, timeout, heartbeat, timedOut, func(v any, err error) {
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

// lambdaResponse wraps a function's result as the optimized Lambda
// integration returns it.
// The metadata's request id is one per execution.
func lambdaResponse(payload any, x *execution) any {
	if x.lambdaMeta == nil {
		reqID := uuid(x.rng)
		headers := jsonvalue.NewObject(4)
		headers.Set("Connection", "keep-alive")
		headers.Set("Content-Type", "application/json")
		headers.Set("X-Amz-Executed-Version", "$LATEST")
		headers.Set("x-amzn-RequestId", reqID)
		meta := jsonvalue.NewObject(3)
		meta.Set("AllHttpHeaders", headers)
		meta.Set("HttpHeaders", headers)
		meta.Set("HttpStatusCode", jsonvalue.Int(200))
		rm := jsonvalue.NewObject(1)
		rm.Set("RequestId", reqID)
		x.lambdaMeta = jsonvalue.NewObject(2)
		x.lambdaMeta.Set("SdkHttpMetadata", meta)
		x.lambdaMeta.Set("SdkResponseMetadata", rm)
	}
	o := jsonvalue.NewObject(5)
	o.Set("ExecutedVersion", "$LATEST")
	o.Set("Payload", payload)
	meta, _ := x.lambdaMeta.Get("SdkHttpMetadata")
	rm, _ := x.lambdaMeta.Get("SdkResponseMetadata")
	o.Set("SdkHttpMetadata", meta)
	o.Set("SdkResponseMetadata", rm)
	o.Set("StatusCode", jsonvalue.Int(200))
	return o
}

// execKey keys the execution in the context handlers get, for
// SendTaskSuccess and SendTaskFailure.
type execKey struct{}

// callback is a task waiting for SendTaskSuccess or SendTaskFailure, or the
// answer that came before the task began to wait.
type callback struct {
	p      *process
	done   func(v any, err error)
	answer *answer
}

type answer struct {
	v   any
	err error
}

// awaitCallback makes the task wait for its token's answer, its timeout or
// its heartbeat timeout, whichever comes first.
func (p *process) awaitCallback(token string, timeout, heartbeat time.Duration, timedOut func(string) func(), done func(any, error)) {
	x := p.x
	if x.callbacks == nil {
		x.callbacks = map[string]*callback{}
	}
	cb := x.callbacks[token]
	if cb != nil && cb.answer != nil { // answered before the task began to wait
		delete(x.callbacks, token)
		done(cb.answer.v, cb.answer.err)
		return
	}
	cb = &callback{p: p}
	x.callbacks[token] = cb
	settled := false
	cb.done = func(v any, err error) {
		if settled {
			return
		}
		settled = true
		delete(x.callbacks, token)
		p.block(func() { done(v, err) })
		p.wake()
	}
	p.block(nil)
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
			delete(x.callbacks, token)
			p.block(timedOut(name))
			p.wake()
		})
	}
}

// SendTaskSuccess answers the task waiting on token (a .waitForTaskToken
// task whose handler is [AwaitCallback]) with output, as the
// SendTaskSuccess API does. Call it from a handler of the same execution,
// with the context that handler got.
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
		return errors.New("sim: SendTask* needs the context of a handler of the execution")
	}
	if x.callbacks == nil {
		x.callbacks = map[string]*callback{}
	}
	cb := x.callbacks[token]
	switch {
	case cb == nil:
		x.callbacks[token] = &callback{answer: &answer{v, err}}
	case cb.answer != nil:
		return fmt.Errorf("sim: task token %q was already answered", token)
	default:
		cb.done(v, err)
	}
	return nil
}
