package sim

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrorScheduled is the error of an execution stopped by a function that
// ran at a virtual time ([At], [Schedule], [SendTaskSuccessAfter],
// [SendTaskFailureAfter]) and returned an error or panicked: a problem of
// the test, which no Retry or Catch matches. The cause names the function
// and says what went wrong.
const ErrorScheduled = "Sim.ScheduledFailed"

// scheduled is a function that an option ([At]) runs at a virtual time.
type scheduled struct {
	at time.Duration // after the execution starts
	f  func(ctx context.Context) error
}

// At runs f in every execution d after it starts, on its virtual clock, as
// Temporal's RegisterDelayedCallback does: to answer a callback
// ([SendTaskSuccess] and [SendTaskFailure] with f's context), or to look at
// the clock ([Now]). Functions due at the same time run in the order of
// their options, after the states that are ready at that time have run as
// far as they can; a function due after the execution has ended does not
// run. An error or a panic of f stops the execution with [ErrorScheduled].
// New refuses a negative d.
func At(d time.Duration, f func(ctx context.Context) error) Option {
	return func(o *options) {
		if d < 0 || f == nil {
			o.problems = append(o.problems, fmt.Sprintf("sim.At(%v, ...) needs a duration of 0 or more and a function", d))
			return
		}
		o.at = append(slices.Clip(o.at), scheduled{at: d, f: f})
	}
}

// Schedule runs f d after now on the virtual clock of the execution whose
// handler or scheduled function got ctx: a handler answers later with it,
// or does work that a service would do after it answered. As with [At], an
// error or a panic of f stops the execution with [ErrorScheduled], and f
// does not run when the execution has ended by then.
func Schedule(ctx context.Context, d time.Duration, f func(ctx context.Context) error) error {
	x, ok := ctx.Value(execKey{}).(*execution)
	if !ok {
		return errors.New("sim: Schedule needs the context of a handler or a scheduled function of the execution")
	}
	if d < 0 || f == nil {
		return fmt.Errorf("sim: Schedule needs a duration of 0 or more and a function, not %v", d)
	}
	x.schedule(d, fmt.Sprintf("the function given to sim.Schedule(%v, ...) at +%v", d, x.now.Sub(x.result.StartTime)), f)
	return nil
}

// SendTaskSuccessAfter answers the task waiting on token with output, as
// [SendTaskSuccess] does, d after now on the execution's virtual clock:
// the answer of a service that takes d. It fails at once for a token
// that cannot be answered or an output that does not encode; an answer
// that cannot be given when its time comes (the token was answered in
// between, its task timed out) stops the execution with [ErrorScheduled].
func SendTaskSuccessAfter(ctx context.Context, d time.Duration, token string, output any) error {
	v, err := toValue(output)
	if err != nil {
		return fmt.Errorf("sim: SendTaskSuccessAfter output: %w", err)
	}
	return sendAnswerAfter(ctx, d, "SendTaskSuccessAfter", token, v, nil)
}

// SendTaskFailureAfter fails the task waiting on token with an error name
// and a cause, as [SendTaskFailure] does, d after now on the execution's
// virtual clock. Its errors are those of [SendTaskSuccessAfter].
func SendTaskFailureAfter(ctx context.Context, d time.Duration, token, name, cause string) error {
	return sendAnswerAfter(ctx, d, "SendTaskFailureAfter", token, nil, &TaskError{Name: name, Cause: cause})
}

func sendAnswerAfter(ctx context.Context, d time.Duration, fn, token string, v any, err error) error {
	x, ok := ctx.Value(execKey{}).(*execution)
	if !ok {
		return fmt.Errorf("sim: %s needs the context of a handler or a scheduled function of the execution", fn)
	}
	if d < 0 {
		return fmt.Errorf("sim: %s needs a duration of 0 or more, not %v", fn, d)
	}
	if _, cerr := x.callback(token); cerr != nil {
		return cerr
	}
	x.schedule(d, fmt.Sprintf("sim.%s(%v, %q, ...) at +%v", fn, d, token, x.now.Sub(x.result.StartTime)), func(ctx context.Context) error {
		return sendAnswer(ctx, token, v, err)
	})
	return nil
}

// Now returns the virtual time of the execution whose handler or scheduled
// function got ctx, and the zero time for any other context.
func Now(ctx context.Context) time.Time {
	if x, ok := ctx.Value(execKey{}).(*execution); ok {
		return x.now
	}
	return time.Time{}
}

// schedule runs f d after now, unless the execution has ended by then; an
// error or a panic of f, described by what, fails the execution.
func (x *execution) schedule(d time.Duration, what string, f func(ctx context.Context) error) {
	x.after(d, func() {
		if x.done {
			return
		}
		if err := callScheduled(context.WithValue(x.ctx, execKey{}, x), f); err != nil {
			x.finish(Failed, nil, &stateError{name: ErrorScheduled, cause: what + ": " + err.Error()})
		}
	})
}

// callScheduled calls f, turning a panic into an error.
func callScheduled(ctx context.Context, f func(ctx context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panicked: %v", r)
		}
	}()
	return f(ctx)
}

// scheduleAt sets the timers of the simulator's At options.
func (x *execution) scheduleAt() {
	for _, a := range x.s.opts.at {
		x.schedule(a.at, fmt.Sprintf("the function of sim.At(%v, ...)", a.at), a.f)
	}
}
