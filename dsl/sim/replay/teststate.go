package replay

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aslgen/aslgen/dsl/sim"
)

// TestStateCase is one TestState request in the form of the conformance
// file teststate.jsonl and of `aslgen test-state -cases`: the fields of
// AWS's TestState request.
type TestStateCase struct {
	// ID names the request.
	ID string `json:"id"`
	// Definition is the state's definition, or a whole state machine with
	// StateName naming the state.
	Definition json.RawMessage `json:"definition"`
	// Input is the state's input; none means {}.
	Input json.RawMessage `json:"input,omitempty"`
	// InspectionLevel is INFO (the default), DEBUG or TRACE.
	InspectionLevel string `json:"inspection_level,omitempty"`
	// Mock is TestState's mock.
	Mock *TestStateMock `json:"mock,omitempty"`
	// StateName names the state to test in a whole state machine (nil:
	// none given).
	StateName *string `json:"state_name,omitempty"`
	// Context is the context object the state sees; Variables the
	// workflow variables it reads.
	Context   json.RawMessage `json:"context,omitempty"`
	Variables json.RawMessage `json:"variables,omitempty"`
	// StateConfiguration is TestState's stateConfiguration.
	StateConfiguration *StateConfiguration `json:"state_configuration,omitempty"`
	// RevealSecrets is TestState's revealSecrets.
	RevealSecrets bool `json:"reveal_secrets,omitempty"`
	// RoleARN is the roleArn sent; RoleARNGiven says that one was sent
	// (the recordings keep only that).
	RoleARN      string `json:"role_arn,omitempty"`
	RoleARNGiven bool   `json:"role_arn_given,omitempty"`
	// Lambdas and LambdaHandlers are the Lambda functions an unmocked
	// Task may call, as in [Case].
	Lambdas        json.RawMessage `json:"lambdas,omitempty"`
	LambdaHandlers json.RawMessage `json:"lambda_handlers,omitempty"`
}

// TestStateMock is TestState's mock: a result (JSON text) or an error.
type TestStateMock struct {
	Result              *string      `json:"result,omitempty"`
	ErrorOutput         *ErrorOutput `json:"errorOutput,omitempty"`
	FieldValidationMode string       `json:"fieldValidationMode,omitempty"`
}

// ErrorOutput is a mocked error.
type ErrorOutput struct {
	Error string `json:"error"`
	Cause string `json:"cause"`
}

// StateConfiguration is TestState's stateConfiguration.
type StateConfiguration struct {
	RetrierRetryCount        *int    `json:"retrierRetryCount,omitempty"`
	ErrorCausedByState       string  `json:"errorCausedByState,omitempty"`
	MapIterationFailureCount *int    `json:"mapIterationFailureCount,omitempty"`
	MapItemReaderData        *string `json:"mapItemReaderData,omitempty"`
}

// Options returns the sim.TestState options the request asks for, and
// opts (simulator options) with its Lambda functions added.
func (c *TestStateCase) Options(opts ...sim.Option) ([]sim.TestStateOption, error) {
	var o []sim.TestStateOption
	if c.InspectionLevel != "" {
		o = append(o, sim.Inspection(sim.InspectionLevel(c.InspectionLevel)))
	}
	if m := c.Mock; m != nil {
		if m.Result != nil {
			o = append(o, sim.MockResultJSON(*m.Result))
		}
		if m.ErrorOutput != nil {
			o = append(o, sim.MockError(m.ErrorOutput.Error, m.ErrorOutput.Cause))
		}
		if m.FieldValidationMode != "" {
			o = append(o, sim.FieldValidation(m.FieldValidationMode))
		}
	}
	if c.StateName != nil {
		o = append(o, sim.StateName(*c.StateName))
	}
	if given(c.Context) {
		o = append(o, sim.TestContext(c.Context))
	}
	if given(c.Variables) {
		o = append(o, sim.Variables(c.Variables))
	}
	if sc := c.StateConfiguration; sc != nil {
		if sc.RetrierRetryCount != nil {
			o = append(o, sim.RetrierRetryCount(*sc.RetrierRetryCount))
		}
		if sc.ErrorCausedByState != "" {
			o = append(o, sim.ErrorCausedByState(sc.ErrorCausedByState))
		}
		if sc.MapIterationFailureCount != nil {
			o = append(o, sim.MapIterationFailureCount(*sc.MapIterationFailureCount))
		}
		if sc.MapItemReaderData != nil {
			o = append(o, sim.MapItemReaderData(*sc.MapItemReaderData))
		}
	}
	if c.RevealSecrets {
		o = append(o, sim.RevealSecrets(true))
	}
	role := c.RoleARN
	if role == "" && c.RoleARNGiven {
		role = "arn:aws:iam::111111111111:role/TestStateRole"
	}
	if role != "" {
		o = append(o, sim.RoleARN(role))
	}
	if given(c.Lambdas) {
		ec := Case{Lambdas: c.Lambdas, LambdaHandlers: c.LambdaHandlers}
		lo, err := ec.Options(nil)
		if err != nil {
			return nil, err
		}
		opts = append(opts, lo...)
	}
	if len(opts) > 0 {
		o = append(o, sim.WithOptions(opts...))
	}
	return o, nil
}

// Run makes the request with sim.TestState; opts are simulator options
// (an Account, Lambda functions). Placeholder Lambda names are resolved as
// [Case.Resolved] does.
func (c *TestStateCase) Run(opts ...sim.Option) (*sim.TestStateResult, error) {
	r := *c
	if given(c.Lambdas) && strings.Contains(string(c.Lambdas), "<") {
		ec := Case{Definition: c.Definition, Input: c.Input, Lambdas: c.Lambdas, LambdaHandlers: c.LambdaHandlers}
		res := ec.Resolved(c.Definition)
		r.Definition, r.Input, r.Lambdas = res.Definition, res.Input, res.Lambdas
	}
	o, err := r.Options(opts...)
	if err != nil {
		return nil, err
	}
	var in any = json.RawMessage("{}")
	if given(r.Input) {
		in = r.Input
	}
	return sim.TestState(r.Definition, in, o...)
}

// TestStateAnswer is one line of `aslgen test-state -cases`: the
// response, or AWS's refusal.
type TestStateAnswer struct {
	ID string `json:"id"`
	*sim.TestStateResult
	APIError *APIError `json:"api_error,omitempty"`
}

// APIError is a refused request's error code and message.
type APIError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MarshalJSON writes the id, then the response's fields or api_error.
func (a TestStateAnswer) MarshalJSON() ([]byte, error) {
	id, _ := json.Marshal(a.ID)
	var rest []byte
	var err error
	if a.APIError != nil {
		rest, err = json.Marshal(struct {
			APIError *APIError `json:"api_error"`
		}{a.APIError})
	} else if a.TestStateResult != nil {
		rest, err = json.Marshal(a.TestStateResult)
	} else {
		rest = []byte("{}")
	}
	if err != nil {
		return nil, err
	}
	out := append([]byte(`{"id":`), id...)
	if len(rest) > 2 {
		out = append(out, ',')
		out = append(out, rest[1:]...)
	} else {
		out = append(out, '}')
	}
	return out, nil
}

// Answer runs the request and returns its answer line; an error that is
// not AWS's refusal of the request is returned as such.
func (c *TestStateCase) Answer(opts ...sim.Option) (TestStateAnswer, error) {
	res, err := c.Run(opts...)
	a := TestStateAnswer{ID: c.ID, TestStateResult: res}
	var ve *sim.ValidationError
	switch {
	case errors.As(err, &ve):
		a.TestStateResult = nil
		a.APIError = &APIError{Code: ve.Code, Message: ve.Message}
	case err != nil:
		return a, fmt.Errorf("%s: %w", c.ID, err)
	}
	return a, nil
}
