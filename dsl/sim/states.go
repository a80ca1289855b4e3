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
	p.entered = p.x.emit(p, Event{Type: s.entered, Name: s.name, Input: p.input, hasInput: true})
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
	if p.x.abortIfCancelled() {
		return // the error may be the cancellation's doing, such as a stopped JSONata evaluation
	}
	s := p.cur
	err = p.raise(err)
	retry := s.retry
	if p.x.ts != nil && p == p.x.ts.root {
		if p.testFail(err) {
			return
		}
		retry = nil // TestState reports a retry; it does not make one
	}
	for i, r := range retry {
		if err.terminal || !matches(r.errs, err.name) {
			continue
		}
		if p.attempts[i] >= r.maxAttempts {
			break
		}
		delay := retryDelay(r, p.attempts[i], p.x)
		p.attempts[i]++
		p.retries++
		p.x.noteRetry(s.name, i)
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
		if err.terminal || !matches(c.errs, err.name) {
			continue
		}
		errOut := jsonvalue.NewObject(2)
		errOut.Set("Error", err.name)
		if !err.noCause {
			errOut.Set("Cause", err.cause)
		}
		if s.jsonata {
			e := p.env(p.input)
			e.errOut, e.hasErrOut = errOut, true
			out, a, cerr := e.outputAndAssign(c.output, c.assign, errOut)
			if cerr != nil {
				p.finish(nil, p.raise(asStateError(cerr)))
				return
			}
			p.exit(out, a, c.next, false)
			return
		}
		a, cerr := p.env(errOut).evalAssign(c.assign)
		if cerr != nil {
			p.finish(nil, p.raise(asStateError(cerr)))
			return
		}
		merged, rerr := resultPath(c.resultPath, p.input, errOut)
		if rerr != nil {
			p.finish(nil, asStateError(rerr))
			return
		}
		p.exit(merged, a, c.next, false)
		return
	}
	p.finish(nil, err)
}

// raise prepares an error of the current state: AWS's prefix in front of a
// runtime error's cause, and the EvaluationFailed event that AWS records
// for a JSONata state's evaluation error.
func (p *process) raise(err *stateError) *stateError {
	s := p.cur
	if err.runtime && err.cause != "" {
		err = &stateError{name: err.name, cause: fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s",
			s.name, p.entered, err.cause), evalFailed: err.evalFailed, location: err.location, terminal: err.terminal}
	}
	if err.evalFailed {
		p.x.emit(p, Event{Type: "EvaluationFailed", Name: s.name, Error: err.name, Cause: err.cause, hasError: true, Location: err.location})
		err = &stateError{name: err.name, cause: err.cause}
	}
	return err
}

// outputAndAssign evaluates the Output and Assign fields of a JSONata
// state (or of its matching Choice rule or catcher): the state's output,
// dflt without Output, and the variables it sets.
func (e *env) outputAndAssign(output, assign tnode, dflt any) (any, *jsonvalue.Object, error) {
	out := dflt
	if output != nil {
		v, err := output.eval(e)
		if err != nil {
			return nil, nil, err
		}
		out = v
	}
	a, err := e.evalAssign(assign)
	if err != nil {
		return nil, nil, err
	}
	return out, a, nil
}

// matches reports whether an ErrorEquals list matches an error name.
func matches(errs []string, name string) bool {
	if testProblem(name) || name == errRuntime {
		return false
	}
	for _, e := range errs {
		switch {
		case e == name:
			return true
		case e == errAll:
			// States.DataLimitExceeded too: a task whose result is over
			// the payload limit fails as AWS's recordings show, caught by
			// States.ALL; a state's output over it is terminal instead.
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

// exit leaves the current state with output, sets the variables of a, and
// goes to next, or ends the graph when end is true.
func (p *process) exit(output any, a *jsonvalue.Object, next string, end bool) {
	s := p.cur
	if !sameValue(output, p.input) && tooLarge(output) {
		p.finish(nil, &stateError{name: errDataLimit, terminal: true,
			cause: fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", s.name)})
		return
	}
	ev := Event{Type: s.exited, Name: s.name, Output: output, hasOutput: true}
	if a != nil {
		rec, err := p.applyAssign(a)
		if err != nil {
			p.finish(nil, p.raise(err))
			return
		}
		ev.AssignedVariables = rec
	}
	if p.x.ts != nil && p.testExit(output, next, end) {
		return
	}
	p.x.emit(p, ev)
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
	if s.jsonata {
		p.jsonataExit(result, true)
		return
	}
	a, err := p.env(result).evalAssign(s.assign) // Assign reads the result, as LocalStack's AWS-checked interpreter does
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	if p.x.ts != nil && (s.typ == asl.TypeTask || s.hasRes) {
		p.inspect("result", result)
	}
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
	if p.x.ts != nil {
		p.inspect("afterResultSelector", result)
		p.inspect("afterResultPath", merged)
	}
	out, err := p.env(merged).apply(s.outputPath, "OutputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, a, s.next, s.end)
}

// jsonataExit ends a JSONata state: Output (by default the result, if the
// state has one, or else its input) and Assign, over $states.input and
// $states.result.
func (p *process) jsonataExit(result any, hasResult bool) {
	s := p.cur
	e := p.env(p.input)
	dflt := p.input
	if hasResult {
		e.result, e.hasResult = result, true
		dflt = result
		if p.x.ts != nil && s.typ == asl.TypeTask {
			p.inspect("result", result)
		}
	}
	out, a, err := e.outputAndAssign(s.output, s.assign, dflt)
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, a, s.next, s.end)
}

// effectiveInput applies InputPath and Parameters, or in a JSONata state
// evaluates Arguments.
func (p *process) effectiveInput() (any, error) {
	s := p.cur
	if s.jsonata {
		if s.arguments == nil {
			return p.input, nil
		}
		v, err := s.arguments.eval(p.env(p.input))
		if err == nil && p.x.ts != nil {
			p.inspect("afterArguments", v)
		}
		return v, err
	}
	v, err := p.env(p.input).apply(s.inputPath, "InputPath")
	if err != nil {
		return nil, err
	}
	if p.x.ts != nil {
		p.inspect("afterInputPath", v)
	}
	if s.parameters == nil {
		if p.x.ts != nil {
			p.inspect("afterParameters", v)
		}
		return v, nil
	}
	v, err = p.env(v).evalTemplate(s.parameters)
	if err == nil && p.x.ts != nil {
		p.inspect("afterParameters", v)
	}
	return v, err
}

func (p *process) pass() {
	s := p.cur
	if s.jsonata {
		p.jsonataExit(nil, false)
		return
	}
	eff, err := p.effectiveInput()
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	if s.hasRes {
		eff = s.result
		if t := p.x.ts; t != nil && t.insp != nil && p == t.root {
			t.insp.Delete("afterInputPath")
			t.insp.Delete("afterParameters")
		}
	}
	p.afterResult(eff)
}

func (p *process) choice() {
	s := p.cur
	if s.jsonata {
		p.jsonataChoice()
		return
	}
	e := p.env(p.input)
	eff, err := e.apply(s.inputPath, "InputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	if p.x.ts != nil {
		p.inspect("afterInputPath", eff)
	}
	e = p.env(eff)
	next, assign := s.dflt, s.assign
	matched := false
	for i := range s.choices {
		ok, err := s.choices[i].match(e)
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		if ok {
			next, assign, matched = s.choices[i].next, s.choices[i].assign, true
			break
		}
	}
	if !matched && next == "" {
		p.fail(&stateError{name: errNoChoice, cause: "No Matches!"})
		return
	}
	a, err := p.env(eff).evalAssign(assign)
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	out, err := p.env(eff).apply(s.outputPath, "OutputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, a, next, false)
}

// jsonataChoice runs a JSONata Choice state: the first rule whose Condition
// is true gives the next state, the output and the variables; with none,
// the Default does, with the state's own Output and Assign.
func (p *process) jsonataChoice() {
	s := p.cur
	e := p.env(p.input)
	for i := range s.choices {
		r := &s.choices[i]
		v, err := r.cond.eval(e)
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		b, ok := v.(bool)
		if !ok {
			p.fail(wrongType(r.cond, "Condition", "boolean", v))
			return
		}
		if b {
			out, a, err := e.outputAndAssign(r.output, r.assign, p.input)
			if err != nil {
				p.fail(asStateError(err))
				return
			}
			p.exit(out, a, r.next, false)
			return
		}
	}
	if s.dflt == "" {
		p.fail(&stateError{name: errNoChoice, cause: "No Matches!"})
		return
	}
	out, a, err := e.outputAndAssign(s.output, s.assign, p.input)
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, a, s.dflt, false)
}

func (p *process) succeed() {
	s := p.cur
	if s.jsonata {
		p.jsonataExit(nil, false)
		return
	}
	eff, err := p.env(p.input).apply(s.inputPath, "InputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	if p.x.ts != nil {
		p.inspect("afterInputPath", eff)
	}
	out, err := p.env(eff).apply(s.outputPath, "OutputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.exit(out, nil, "", true)
}

func (p *process) failState() {
	st := p.cur
	f := st.fail
	err := &stateError{name: f.err, cause: f.cause, noCause: f.cause == "" && f.causePath == nil}
	e := p.env(p.input)
	if p.x.ts != nil && !st.jsonata {
		p.inspect("afterInputPath", p.input)
	}
	for _, fp := range []struct {
		node   tnode
		field  string // the JSONPath field
		jfield string // the JSONata one
		dst    *string
	}{{f.errPath, "ErrorPath", "Error", &err.name}, {f.causePath, "CausePath", "Cause", &err.cause}} {
		if fp.node == nil {
			continue
		}
		if st.jsonata {
			s, _, verr := e.evalString(fp.node, fp.jfield)
			if verr != nil {
				p.fail(asStateError(verr))
				return
			}
			*fp.dst = s
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

func (p *process) waitState() {
	s := p.cur
	w := s.wait
	if s.jsonata {
		p.jsonataWait()
		return
	}
	e := p.env(p.input)
	eff, err := e.apply(s.inputPath, "InputPath")
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	if p.x.ts != nil {
		p.inspect("afterInputPath", eff)
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
		a, err := p.env(eff).evalAssign(s.assign)
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		out, err := p.env(eff).apply(s.outputPath, "OutputPath")
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		p.exit(out, a, s.next, s.end)
	})
}

// jsonataWait runs a JSONata Wait state: Seconds or Timestamp, either of
// them an expression, then Output and Assign.
func (p *process) jsonataWait() {
	w := p.cur.wait
	e := p.env(p.input)
	var delay time.Duration
	if n, ok, err := e.evalInt(w.secondsExpr, "Seconds"); err != nil {
		p.fail(asStateError(err))
		return
	} else if ok {
		if n < 0 {
			p.fail(queryError("Seconds", "The Seconds field cannot be negative, but was: %d", n))
			return
		}
		delay = time.Duration(n) * time.Second
	}
	if text, ok, err := e.evalString(w.timestampExpr, "Timestamp"); err != nil {
		p.fail(asStateError(err))
		return
	} else if ok {
		t, ok := parseTimestamp(text)
		if !ok {
			p.fail(queryError("Timestamp", "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: %s", text))
			return
		}
		if d := t.Sub(p.x.now); d > 0 {
			delay = d
		}
	}
	if delay > math.MaxInt32*time.Second {
		p.fail(queryError("", "Wait state delay is too long."))
		return
	}
	p.sleep(delay, func() { p.jsonataExit(nil, false) })
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
	n, ok := numberValue(v)
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
