package sim

import (
	"fmt"
	"math"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// payloadLimit is AWS's limit on a state's input or output: 256 KiB.
const payloadLimit = 262144

// enter starts the current state: its StateEntered event, then its work.
func (p *process) enter() {
	s := p.cur
	if s == nil {
		p.finish(nil, runtimeError("The state machine has no state to go to"))
		return
	}
	p.enteredAt = p.x.now
	p.ctxObj = nil
	p.entered = p.x.emit(p, Event{Type: s.label + "StateEntered", Name: s.name, Input: p.input, hasInput: true})
	p.retries = 0
	if len(s.retry) > 0 {
		p.attempts = make([]int, len(s.retry))
	} else {
		p.attempts = nil
	}
	if p.interleave {
		p.yield(p.execute)
		return
	}
	p.execute()
}

// execute does the current state's work; a retry runs it again.
func (p *process) execute() {
	switch p.cur.typ {
	case asl.TypePass:
		p.pass()
	case asl.TypeTask:
		p.runTask()
	case asl.TypeChoice:
		p.choice()
	case asl.TypeWait:
		p.waitState()
	case asl.TypeSucceed:
		p.succeed()
	case asl.TypeFail:
		p.failState()
	case asl.TypeParallel:
		p.parallel()
	case asl.TypeMap:
		p.mapState()
	}
}

// fail handles an error raised by the current state: Retry, then Catch,
// then the end of the process.
func (p *process) fail(err *stateError) { p.failWith(err, nil) }

// failWith is fail for a Parallel or Map state: unless the error is retried,
// it records failed (ParallelStateFailed, MapStateFailed) first.
func (p *process) failWith(err *stateError, failed *Event) {
	s := p.cur
	if err.runtime && err.cause != "" {
		err = &stateError{name: err.name, cause: fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s",
			s.name, p.entered, err.cause)}
	}
	for i, r := range s.retry {
		if !matches(r.errs, err.name) {
			continue
		}
		if p.attempts[i] >= r.maxAttempts {
			break
		}
		delay := retryDelay(r, p.attempts[i], p.x)
		p.attempts[i]++
		p.retries++
		p.sleep(delay, func() {
			p.ctxObj = nil // $$.State.RetryCount changed
			p.execute()
		})
		return
	}
	if failed != nil {
		failed.Error, failed.Cause, failed.hasError = err.name, err.cause, true
		p.x.emit(p, *failed)
	}
	for _, c := range s.catch {
		if !matches(c.errs, err.name) {
			continue
		}
		out := jsonvalue.NewObject(2)
		out.Set("Error", err.name)
		if !err.noCause {
			out.Set("Cause", err.cause)
		}
		var result any = out
		merged, rerr := resultPath(c.resultPath, p.input, result)
		if rerr != nil {
			p.finish(nil, asStateError(rerr))
			return
		}
		p.exit(merged, c.next, false)
		return
	}
	p.finish(nil, err)
}

// matches reports whether an ErrorEquals list matches an error name.
func matches(errs []string, name string) bool {
	if name == ErrUnmocked || name == ErrTypeMismatch || name == errRuntime {
		return false
	}
	for _, e := range errs {
		switch {
		case e == name:
			return true
		case e == errAll && name != errDataLimit:
			return true
		case e == errTaskFailed && name != errTimeout && name != errDataLimit:
			return true
		}
	}
	return false
}

// retryDelay is the wait before retry number attempt+1.
func retryDelay(r retrier, attempt int, x *execution) time.Duration {
	d := float64(r.interval) * math.Pow(r.backoff, float64(attempt))
	if r.maxDelay > 0 && d > float64(r.maxDelay) {
		d = float64(r.maxDelay)
	}
	if d > float64(math.MaxInt64) {
		d = float64(math.MaxInt64)
	}
	if r.jitter {
		d = x.rng.Float64() * d
	}
	return time.Duration(d).Round(time.Millisecond)
}

// exit leaves the current state with output and goes to next, or ends the
// graph when end is true.
func (p *process) exit(output any, next string, end bool) {
	s := p.cur
	if !sameValue(output, p.input) && tooLarge(output) {
		p.finish(nil, &stateError{name: errDataLimit,
			cause: fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", s.name)})
		return
	}
	p.x.emit(p, Event{Type: s.label + "StateExited", Name: s.name, Output: output, hasOutput: true})
	if end {
		p.finish(output, nil)
		return
	}
	p.cur = p.g.states[next]
	p.input = output
}

// afterResult turns a state's result into its output: ResultSelector,
// ResultPath, OutputPath, then exit.
func (p *process) afterResult(result any) {
	s := p.cur
	if s.resultSelector != nil {
		v, err := p.env(result).evalTemplate(s.resultSelector)
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		result = v
	}
	merged, err := resultPath(s.resultPath, p.input, result)
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	out, err := p.env(merged).apply(s.outputPath, "OutputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, s.next, s.end)
}

// effectiveInput applies InputPath and Parameters.
func (p *process) effectiveInput() (any, error) {
	s := p.cur
	v, err := p.env(p.input).apply(s.inputPath, "InputPath")
	if err != nil {
		return nil, err
	}
	if s.parameters == nil {
		return v, nil
	}
	return p.env(v).evalTemplate(s.parameters)
}

func (p *process) pass() {
	s := p.cur
	eff, err := p.effectiveInput()
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	if s.hasRes {
		eff = s.result
	}
	p.afterResult(eff)
}

func (p *process) choice() {
	s := p.cur
	e := p.env(p.input)
	eff, err := e.apply(s.inputPath, "InputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	e = p.env(eff)
	next := s.dflt
	matched := false
	for i := range s.choices {
		ok, err := s.choices[i].match(e)
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		if ok {
			next, matched = s.choices[i].next, true
			break
		}
	}
	if !matched && next == "" {
		p.fail(&stateError{name: errNoChoice, cause: "No Matches!"})
		return
	}
	out, err := p.env(eff).apply(s.outputPath, "OutputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, next, false)
}

func (p *process) succeed() {
	s := p.cur
	eff, err := p.env(p.input).apply(s.inputPath, "InputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	out, err := p.env(eff).apply(s.outputPath, "OutputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, "", true)
}

func (p *process) failState() {
	f := p.cur.fail
	err := &stateError{name: f.err, cause: f.cause, noCause: f.cause == "" && f.causePath == nil}
	e := p.env(p.input)
	for _, fp := range []struct {
		node  tnode
		field string
		dst   *string
	}{{f.errPath, "ErrorPath", &err.name}, {f.causePath, "CausePath", &err.cause}} {
		if fp.node == nil {
			continue
		}
		v, verr := fp.node.eval(e)
		if verr != nil {
			p.fail(asStateError(verr))
			return
		}
		s, ok := v.(string)
		if !ok {
			p.fail(runtimeError("The %s field must reference a string, but was: %s", fp.field, jsonvalue.String(v)))
			return
		}
		*fp.dst = s
	}
	p.finish(nil, err)
}

// runtime returns a States.Runtime error of the current state, its cause
// prefixed as AWS writes it.
func (p *process) runtime(msg string) *stateError {
	return &stateError{name: errRuntime, cause: fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s",
		p.cur.name, p.entered, msg)}
}

func (p *process) waitState() {
	s := p.cur
	w := s.wait
	e := p.env(p.input)
	eff, err := e.apply(s.inputPath, "InputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	var delay time.Duration
	switch {
	case w.hasSeconds:
		delay = time.Duration(w.seconds) * time.Second
	case w.secondsPath != nil:
		v, err := p.env(eff).selectPath(w.secondsPath)
		if err != nil {
			p.fail(runtimeError("The SecondsPath parameter does not reference an input value: %s", w.secondsPath.text))
			return
		}
		n, ok := v.(jsonvalue.Number)
		i, isInt := n.Int64()
		if !ok || !isInt || !n.IsInteger() {
			p.fail(runtimeError("The SecondsPath parameter cannot be parsed as a long value: %s == %s", w.secondsPath.text, plain(v)))
			return
		}
		if i < 0 {
			p.fail(runtimeError("The SecondsPath parameter references a negative value: %s == %s", w.secondsPath.text, plain(v)))
			return
		}
		delay = time.Duration(i) * time.Second
	case w.timestampPath != nil || w.timestamp != "":
		text := w.timestamp
		if w.timestampPath != nil {
			v, err := p.env(eff).selectPath(w.timestampPath)
			if err != nil {
				p.fail(runtimeError("The TimestampPath parameter does not reference an input value: %s", w.timestampPath.text))
				return
			}
			str, ok := v.(string)
			if !ok {
				p.fail(runtimeError("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s == %s", w.timestampPath.text, plain(v)))
				return
			}
			text = str
		}
		t, ok := parseTimestamp(text)
		if !ok {
			if w.timestampPath != nil {
				p.fail(runtimeError("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s == %s", w.timestampPath.text, text))
			} else {
				p.fail(runtimeError("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: %s", text))
			}
			return
		}
		if d := t.Sub(p.x.now); d > 0 {
			delay = d
		}
	}
	if delay > math.MaxInt32*time.Second {
		p.fail(runtimeError("Wait state delay is too long."))
		return
	}
	p.sleep(delay, func() {
		out, err := p.env(eff).apply(s.outputPath, "OutputPath")
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		p.exit(out, s.next, s.end)
	})
}

// sameValue reports whether a and b are the same object or array, so that a
// value already checked need not be measured again.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case *jsonvalue.Object:
		y, ok := b.(*jsonvalue.Object)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case nil, bool, jsonvalue.Number:
		return true // small enough to need no measuring
	}
	return false
}

// plain writes a value the way AWS quotes it in messages: strings bare,
// everything else as JSON.
func plain(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return jsonvalue.String(v)
}

// tooLarge reports whether v encodes to more than the payload limit.
func tooLarge(v any) bool {
	n := 0
	return size(v, &n)
}

// size adds v's encoded size to n and reports whether n passed the limit.
func size(v any, n *int) bool {
	switch x := v.(type) {
	case nil:
		*n += 4
	case bool:
		*n += 5
	case string:
		*n += len(x) + 2
	case jsonvalue.Number:
		*n += len(x)
	case *jsonvalue.Object:
		*n += 2
		for k, e := range x.All() {
			*n += len(k) + 4
			if size(e, n) {
				return true
			}
		}
	case []any:
		*n += 2
		for _, e := range x {
			*n++
			if size(e, n) {
				return true
			}
		}
	}
	return *n > payloadLimit
}

// intValue reads an integer from a *Path field's value, for MaxConcurrencyPath
// and the like.
func intValue(v any) (int, bool) {
	n, ok := v.(jsonvalue.Number)
	if !ok {
		return 0, false
	}
	i, ok := n.Int64()
	if !ok || i > math.MaxInt32 || i < math.MinInt32 {
		return 0, false
	}
	return int(i), true
}

// asStateError returns err as a *stateError; any other error is a runtime
// error.
func asStateError(err error) *stateError {
	if se, ok := err.(*stateError); ok {
		return se
	}
	return runtimeError("%s", err.Error())
}
