package dsl

import (
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
)

// ErrorName is the name of an error as Retry and Catch match it: one of the
// predefined States.* names below, or a name that a task throws, such as
// "PaymentVerificationFailed". Declare your own as typed constants:
//
//	const ErrPaymentDeclined dsl.ErrorName = "PaymentDeclined"
type ErrorName string

// The errors that Step Functions itself raises.
const (
	// ErrAll matches every error except ErrRuntime and ErrDataLimitExceeded;
	// it must stand alone, in the last retrier or catcher.
	ErrAll                             ErrorName = "States.ALL"
	ErrTaskFailed                      ErrorName = "States.TaskFailed"
	ErrTimeout                         ErrorName = "States.Timeout"
	ErrHeartbeatTimeout                ErrorName = "States.HeartbeatTimeout"
	ErrPermissions                     ErrorName = "States.Permissions"
	ErrRuntime                         ErrorName = "States.Runtime"
	ErrDataLimitExceeded               ErrorName = "States.DataLimitExceeded"
	ErrBranchFailed                    ErrorName = "States.BranchFailed"
	ErrNoChoiceMatched                 ErrorName = "States.NoChoiceMatched"
	ErrIntrinsicFailure                ErrorName = "States.IntrinsicFailure"
	ErrParameterPathFailure            ErrorName = "States.ParameterPathFailure"
	ErrResultPathMatchFailure          ErrorName = "States.ResultPathMatchFailure"
	ErrExceedToleratedFailureThreshold ErrorName = "States.ExceedToleratedFailureThreshold"
	ErrItemReaderFailed                ErrorName = "States.ItemReaderFailed"
	ErrResultWriterFailed              ErrorName = "States.ResultWriterFailed"
	ErrQueryEvaluationError            ErrorName = "States.QueryEvaluationError"
)

// Errors that Lambda invocations raise, which AWS recommends retrying.
const (
	ErrLambdaServiceException         ErrorName = "Lambda.ServiceException"
	ErrLambdaAWSLambdaException       ErrorName = "Lambda.AWSLambdaException"
	ErrLambdaSdkClientException       ErrorName = "Lambda.SdkClientException"
	ErrLambdaTooManyRequestsException ErrorName = "Lambda.TooManyRequestsException"
)

// JitterStrategy randomizes retry delays.
type JitterStrategy string

// Jitter strategies.
const (
	JitterFull JitterStrategy = asl.JitterFull
	JitterNone JitterStrategy = asl.JitterNone
)

// Retrier retries a Task, Parallel or Map state after the errors it names.
// Create one with [Retry] and attach it with the state's Retry method.
type Retrier struct {
	at       pos
	r        asl.Retrier
	problems problems
}

// Retry returns a retrier for the given errors, with AWS's defaults (first
// retry after 1 s, 3 attempts, backoff rate 2.0) until changed.
//
//	dsl.Retry(dsl.ErrTaskFailed).Interval(5 * time.Second).MaxAttempts(3).Backoff(2)
func Retry(errs ...ErrorName) *Retrier {
	r := &Retrier{at: here()}
	r.r.ErrorEquals = errorNames(errs)
	return r
}

func errorNames(errs []ErrorName) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = string(e)
	}
	return out
}

// seconds converts d to whole seconds, recording a problem when it is not whole.
func seconds(p *problems, at pos, state, field string, d time.Duration) int {
	if d%time.Second != 0 {
		p.add(at, state, "%s must be a whole number of seconds, got %v", field, d)
	}
	return int(d / time.Second)
}

// Interval sets the delay before the first retry (IntervalSeconds).
func (r *Retrier) Interval(d time.Duration) *Retrier {
	n := seconds(&r.problems, here(), "", "Retry IntervalSeconds", d)
	r.r.IntervalSeconds = &n
	return r
}

// MaxAttempts sets the number of retries (0 means never retry).
func (r *Retrier) MaxAttempts(n int) *Retrier {
	r.r.MaxAttempts = &n
	return r
}

// Backoff sets the multiplier of the delay on each retry (BackoffRate, ≥ 1).
func (r *Retrier) Backoff(rate float64) *Retrier {
	r.r.BackoffRate = &rate
	return r
}

// MaxDelay caps the delay between retries (MaxDelaySeconds).
func (r *Retrier) MaxDelay(d time.Duration) *Retrier {
	n := seconds(&r.problems, here(), "", "Retry MaxDelaySeconds", d)
	r.r.MaxDelaySeconds = &n
	return r
}

// Jitter sets the JitterStrategy.
func (r *Retrier) Jitter(j JitterStrategy) *Retrier {
	r.r.JitterStrategy = string(j)
	return r
}

// Comment describes the retrier.
func (r *Retrier) Comment(text string) *Retrier {
	r.r.Comment = text
	return r
}

// Catcher sends a Task, Parallel or Map state to another state after the
// errors it names. Create one with [Catch] and attach it with the state's
// Catch method.
type Catcher struct {
	at         pos
	next       State
	errs       []ErrorName
	resultPath *Path
	output     *template
	assign     *template
	comment    string
}

// Catch returns a catcher that goes to next after any of errs.
//
//	dsl.Catch(orderFailed, dsl.ErrAll).ResultPath("$.error")
func Catch(next State, errs ...ErrorName) *Catcher {
	return &Catcher{at: here(), next: next, errs: errs}
}

// ResultPath places the error output ({"Error": ..., "Cause": ...}) in the
// state's input at p (JSONPath mode); NullPath discards it.
func (c *Catcher) ResultPath(p Path) *Catcher {
	c.resultPath = &p
	return c
}

// Output shapes the catcher's output (JSONata mode).
func (c *Catcher) Output(v any) *Catcher {
	c.output = &template{v: v, at: here()}
	return c
}

// Assign sets variables when the catcher matches.
func (c *Catcher) Assign(v any) *Catcher {
	c.assign = &template{v: v, at: here()}
	return c
}

// Comment describes the catcher.
func (c *Catcher) Comment(text string) *Catcher {
	c.comment = text
	return c
}
