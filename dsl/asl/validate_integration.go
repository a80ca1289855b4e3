package asl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aslgen/aslgen/dsl/awsapi"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Warning codes of aslgen's own for service integrations, from the AWS API
// models in package awsapi. AWS's ValidateStateMachineDefinition has no
// code for these; they are warnings, never errors, since the models can be
// ahead of or behind what Step Functions offers.
const (
	// CodeUnknownIntegration: a Task's Resource has the form of a service
	// integration (arn:aws:states:::SERVICE:ACTION or
	// arn:aws:states:::aws-sdk:SERVICE:ACTION) but names no service or
	// action that Step Functions integrates with, or asks for an
	// integration pattern the action does not support (.sync on an AWS SDK
	// integration). The message suggests the nearest name.
	CodeUnknownIntegration = "UNKNOWN_INTEGRATION"
	// CodeUnsupportedParameter: a field of a Task's Parameters (JSONPath)
	// or Arguments (JSONata) that the integration's action does not take,
	// at any depth: a name the API does not have, or that the optimized
	// integration does not pass on. The message suggests the nearest name.
	CodeUnsupportedParameter = "UNSUPPORTED_PARAMETER"
)

// integration warns about a Task whose Resource names an integration that
// does not exist, and about the fields of its Parameters or Arguments that
// the integration's action does not take. Resources that are no
// integration (a Lambda function's or an activity's ARN) and resources
// holding ${...} placeholders (beyond the partition) are not checked.
func (v *validator) integration(ptr string, s *Task, ql QueryLanguage) {
	if s.Resource == "" || resourcePlaceholder(s.Resource) {
		return
	}
	in, err := awsapi.Lookup(s.Resource)
	if err != nil {
		var re *awsapi.ResourceError
		if !errors.As(err, &re) || re.Code == awsapi.NotIntegration {
			return
		}
		msg := strings.TrimPrefix(re.Error(), "resource "+s.Resource+": ")
		v.warnf(ptr+"/Resource", CodeUnknownIntegration, "%q names no service integration: %s", s.Resource, msg)
		return
	}
	field, raw := "Parameters", s.Parameters
	if ql == JSONata {
		field, raw = "Arguments", s.Arguments
	}
	if len(raw) == 0 || in.Params == nil {
		return
	}
	params, perr := jsonvalue.Parse(raw)
	if perr != nil {
		return
	}
	name := integrationName(in)
	for _, p := range in.CheckParameters(params) {
		if p.Kind != awsapi.UnknownField && p.Kind != awsapi.NotSupported {
			continue
		}
		if strings.Contains(p.Field, "${") || isJSONataExpr(p.Field) {
			continue // written by a deploy tool or an expression: unknowable
		}
		var why string
		switch p.Kind {
		case awsapi.NotSupported:
			why = fmt.Sprintf("the optimized %s integration does not pass on the API's parameter %q (the AWS SDK integration, arn:aws:states:::aws-sdk:%s:%s, takes it)",
				name, p.Field, in.API.Service.Name, in.API.Name)
		default:
			why = fmt.Sprintf("%s has no parameter %q", name, p.Field)
		}
		if p.Suggestion != "" {
			why += fmt.Sprintf(" (did you mean %q?)", p.Suggestion)
		}
		v.warnf(ptr+"/"+field+p.Path, CodeUnsupportedParameter, "%s: %s", strings.TrimSuffix(p.Message, "."), why)
	}
}

// integrationName names an integration as its resource does, without the
// pattern: "sqs:sendMessage", "aws-sdk:s3:getObject".
func integrationName(in *awsapi.Integration) string {
	if in.Kind == awsapi.SDK {
		return "aws-sdk:" + in.Service + ":" + in.Action
	}
	return in.Service + ":" + in.Action
}

// resourcePlaceholder reports whether a resource holds a ${...} placeholder
// other than its partition (arn:${AWS::Partition}:states:::...), which
// deploy tools resolve to a known partition.
func resourcePlaceholder(resource string) bool {
	rest := resource
	if after, ok := strings.CutPrefix(rest, "arn:${"); ok {
		if end := strings.IndexByte(after, '}'); end >= 0 {
			rest = after[end+1:]
		}
	}
	return strings.Contains(rest, "${")
}
