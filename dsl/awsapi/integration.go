package awsapi

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Kind is the kind of service integration a Task's Resource names.
type Kind uint8

// The kinds of integrations.
const (
	// Optimized is one of Step Functions' optimized integrations,
	// arn:aws:states:::SERVICE:action, such as lambda:invoke.
	Optimized Kind = iota + 1
	// SDK is an AWS SDK integration,
	// arn:aws:states:::aws-sdk:SERVICE:action.
	SDK
)

// String returns "optimized" or "aws-sdk".
func (k Kind) String() string {
	switch k {
	case Optimized:
		return "optimized"
	case SDK:
		return "aws-sdk"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Pattern is a service integration pattern, the suffix of the Resource.
type Pattern uint8

// The integration patterns.
const (
	// RequestResponse calls the service and continues with its response
	// (no suffix).
	RequestResponse Pattern = iota
	// Sync waits for the job the call started (".sync").
	Sync
	// Sync2 is Sync with the job's JSON input and output parsed
	// (".sync:2", states:startExecution only).
	Sync2
	// WaitForTaskToken waits for a callback with the task token
	// (".waitForTaskToken"); the result is what SendTaskSuccess sends.
	WaitForTaskToken
)

var patternSuffixes = [...]string{RequestResponse: "", Sync: ".sync", Sync2: ".sync:2", WaitForTaskToken: ".waitForTaskToken"}

// String returns the pattern's suffix, or "request-response" for
// RequestResponse.
func (p Pattern) String() string {
	if p == RequestResponse {
		return "request-response"
	}
	if int(p) < len(patternSuffixes) {
		return patternSuffixes[p]
	}
	return fmt.Sprintf("Pattern(%d)", p)
}

// patterns is a set of Patterns.
type patterns uint8

const (
	rr   = patterns(1 << RequestResponse)
	syn1 = patterns(1 << Sync)
	syn2 = patterns(1 << Sync2)
	wait = patterns(1 << WaitForTaskToken)
)

func (ps patterns) has(p Pattern) bool { return ps&(1<<p) != 0 }

// String lists the patterns: "request-response, .waitForTaskToken".
func (ps patterns) String() string {
	var names []string
	for p := RequestResponse; p <= WaitForTaskToken; p++ {
		if ps.has(p) {
			names = append(names, p.String())
		}
	}
	return strings.Join(names, ", ")
}

// optimized describes one action of an optimized integration.
type optimized struct {
	patterns patterns
	// botocore and op name the API action the integration calls; empty
	// when the tables hold no model for it.
	botocore, op string
	// params lists the parameters AWS documents for the integration; nil
	// means every member of the API's input.
	params []string
	// anyParams are parameters that take any JSON value, which Step
	// Functions serializes ("Payload", "Entries.Detail").
	anyParams []string
	// anyResult are result fields that hold any JSON value.
	anyResult []string
	// noMeta: the result has no SdkHttpMetadata and SdkResponseMetadata.
	noMeta bool
	// syncOp and syncPath give the result of .sync (and .sync:2): the
	// output of syncOp, or the part of it at syncPath ("Tasks[]" for an
	// element of Tasks).
	syncOp, syncPath string
	// sync2Any are the .sync:2 result fields parsed from JSON text.
	sync2Any []string
}

// optimizedIntegrations lists Step Functions' optimized integrations by
// service and action, as resources spell them. Services listed with a nil
// action table are known, but their actions are not checked.
//
// Sources: the Step Functions Developer Guide's pages on each integration
// (supported APIs, parameters and patterns); the response shapes recorded
// from AWS in ../shared/conformance and LocalStack's AWS-validated
// snapshots (SdkHttpMetadata and SdkResponseMetadata on every
// request-response result except events:putEvents; .sync results are the
// Describe* view of the job).
var optimizedIntegrations = map[string]map[string]*optimized{
	"lambda": {
		"invoke": {
			patterns: rr | wait, botocore: "lambda", op: "Invoke",
			params:    []string{"ClientContext", "FunctionName", "InvocationType", "LogType", "Payload", "Qualifier"},
			anyParams: []string{"Payload"},
			anyResult: []string{"Payload"},
		},
	},
	"sqs": {
		"sendMessage": {
			patterns: rr | wait, botocore: "sqs", op: "SendMessage",
			params:    []string{"DelaySeconds", "MessageAttributes", "MessageBody", "MessageDeduplicationId", "MessageGroupId", "QueueUrl"},
			anyParams: []string{"MessageBody"},
		},
	},
	"sns": {
		"publish": {
			patterns: rr | wait, botocore: "sns", op: "Publish",
			params:    []string{"Message", "MessageAttributes", "MessageDeduplicationId", "MessageGroupId", "MessageStructure", "PhoneNumber", "Subject", "TargetArn", "TopicArn"},
			anyParams: []string{"Message"},
		},
	},
	"events": {
		"putEvents": {
			patterns: rr | wait, botocore: "events", op: "PutEvents",
			params:    []string{"Entries"},
			anyParams: []string{"Entries.Detail"},
			noMeta:    true,
		},
	},
	"dynamodb": {
		"getItem": {
			patterns: rr, botocore: "dynamodb", op: "GetItem",
			params: []string{"AttributesToGet", "ConsistentRead", "ExpressionAttributeNames", "Key", "ProjectionExpression", "ReturnConsumedCapacity", "TableName"},
		},
		"putItem": {
			patterns: rr, botocore: "dynamodb", op: "PutItem",
			params: []string{"ConditionExpression", "ConditionalOperator", "Expected", "ExpressionAttributeNames", "ExpressionAttributeValues", "Item", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValues", "TableName"},
		},
		"deleteItem": {
			patterns: rr, botocore: "dynamodb", op: "DeleteItem",
			params: []string{"ConditionExpression", "ConditionalOperator", "Expected", "ExpressionAttributeNames", "ExpressionAttributeValues", "Key", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValues", "TableName"},
		},
		"updateItem": {
			patterns: rr, botocore: "dynamodb", op: "UpdateItem",
			params: []string{"AttributeUpdates", "ConditionExpression", "ConditionalOperator", "Expected", "ExpressionAttributeNames", "ExpressionAttributeValues", "Key", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValues", "TableName", "UpdateExpression"},
		},
	},
	"states": {
		"startExecution": {
			patterns: rr | syn1 | syn2 | wait, botocore: "stepfunctions", op: "StartExecution",
			params:    []string{"Input", "Name", "StateMachineArn"},
			anyParams: []string{"Input"},
			syncOp:    "DescribeExecution",
			sync2Any:  []string{"Input", "Output"},
		},
	},
	"ecs": {
		"runTask": {
			patterns: rr | syn1 | wait, botocore: "ecs", op: "RunTask",
			syncOp: "DescribeTasks", syncPath: "Tasks[]",
		},
	},
	"glue": {
		"startJobRun": {
			patterns: rr | syn1, botocore: "glue", op: "StartJobRun",
			syncOp: "GetJobRun", syncPath: "JobRun",
		},
	},
	"batch": {
		"submitJob": {
			patterns: rr | syn1 | wait, botocore: "batch", op: "SubmitJob",
			syncOp: "DescribeJobs", syncPath: "Jobs[]",
		},
	},
	"athena": {
		"startQueryExecution": {patterns: rr | syn1, botocore: "athena", op: "StartQueryExecution", syncOp: "GetQueryExecution"},
		"stopQueryExecution":  {patterns: rr, botocore: "athena", op: "StopQueryExecution"},
		"getQueryExecution":   {patterns: rr, botocore: "athena", op: "GetQueryExecution"},
		"getQueryResults":     {patterns: rr, botocore: "athena", op: "GetQueryResults"},
	},
	// Known services whose actions are not modelled here.
	"apigateway":       nil,
	"bedrock":          nil,
	"codebuild":        nil,
	"databrew":         nil,
	"eks":              nil,
	"elasticmapreduce": nil,
	"emr-containers":   nil,
	"emr-serverless":   nil,
	"http":             nil,
	"mediaconvert":     nil,
	"s3":               nil, // Distributed Map's ItemReader and ResultWriter
	"sagemaker":        nil,
}

// Integration is what a Task's Resource names: an optimized integration or
// an AWS SDK integration, with the shapes of its parameters and of its
// result. Integrations are shared: treat them as read-only.
type Integration struct {
	// Kind is Optimized or SDK.
	Kind Kind
	// Service is the service as the resource spells it: "lambda",
	// "states", or for AWS SDK integrations the SDK name ("sfn").
	Service string
	// Action is the action as the resource spells it: "invoke",
	// "startExecution".
	Action string
	// Pattern is the integration pattern the resource's suffix asks for.
	Pattern Pattern
	// API is the API action the integration calls, or nil when the
	// tables do not know it (an optimized integration of a service they do
	// not model).
	API *Action
	// Params is the shape that the state's Parameters (or Arguments)
	// must fit, with the integration's own rules: an optimized
	// integration has only the API's members that it supports, and those
	// it serializes take any JSON. Nil when unknown.
	Params *Shape
	// Result is the shape of the task's result: the API's response, or
	// what the optimized integration makes of it (lambda:invoke's Payload
	// holds the function's JSON result; .sync returns the finished job's
	// description; SdkHttpMetadata and SdkResponseMetadata are added);
	// a Document shape when the result may be any value
	// (.waitForTaskToken); nil when unknown.
	Result *Shape
}

// Code classifies a [ResourceError].
type Code uint8

// The codes of ResourceErrors.
const (
	// NotIntegration: the resource is not an integration ARN (a Lambda
	// function's or an activity's ARN, a deploy-time placeholder).
	NotIntegration Code = iota + 1
	// UnknownService: no integration of that service.
	UnknownService
	// UnknownAction: the service has no such action, or its optimized
	// integration does not offer it.
	UnknownAction
	// UnsupportedPattern: the action does not support the integration
	// pattern.
	UnsupportedPattern
)

// ResourceError says why a resource names no integration that the tables
// know.
type ResourceError struct {
	// Code classifies the error.
	Code Code
	// Resource is the resource looked up.
	Resource string
	// Service and Action are as the resource spells them, where it names
	// them.
	Service, Action string
	// Suggestion is the nearest valid name, for "did you mean": a
	// service, an action, or a whole resource.
	Suggestion string
	msg        string
}

// Error returns the message, with the suggestion.
func (e *ResourceError) Error() string {
	msg := e.msg
	if e.Resource != "" && e.Code != NotIntegration {
		msg = "resource " + e.Resource + ": " + msg
	}
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return msg
}

// ErrNotIntegration matches (with errors.Is) the error Lookup returns for a
// resource that is not an integration ARN.
var ErrNotIntegration = errors.New("not a service integration resource")

// Is makes errors.Is(err, ErrNotIntegration) true for NotIntegration.
func (e *ResourceError) Is(target error) bool {
	return target == ErrNotIntegration && e.Code == NotIntegration
}

var integrations sync.Map // resource without partition → *Integration

// Lookup returns the integration that a Task's Resource names:
// arn:PARTITION:states:::SERVICE:ACTION or
// arn:PARTITION:states:::aws-sdk:SERVICE:ACTION, with an optional pattern
// suffix (.sync, .sync:2, .waitForTaskToken). The partition may be any,
// including a deploy tool's "${AWS::Partition}".
//
// The error is a *[ResourceError]: [NotIntegration] for anything else
// (a Lambda function's ARN, an activity's, a placeholder), which callers
// usually ignore; [UnknownService], [UnknownAction] and
// [UnsupportedPattern] with a suggestion where one is near.
//
// An optimized integration of a service the tables do not model
// (sagemaker, eks, ...) returns an Integration with a nil API, Params and
// Result, and no error.
func Lookup(resource string) (*Integration, error) {
	rest, ok := trimIntegrationPrefix(resource)
	if !ok {
		return nil, &ResourceError{Code: NotIntegration, Resource: resource, msg: fmt.Sprintf("%q is not a service integration resource", resource)}
	}
	if in, ok := integrations.Load(rest); ok {
		return in.(*Integration), nil
	}
	in, err := lookup(resource, resource[:len(resource)-len(rest)], rest)
	if err != nil {
		return nil, err
	}
	actual, _ := integrations.LoadOrStore(rest, in)
	return actual.(*Integration), nil
}

// ParseResource reads an integration Resource,
// arn:PARTITION:states:::SERVICE:ACTION with an optional pattern suffix
// (.sync, .sync:2, .waitForTaskToken), as written and without the tables:
// service and action are what the Resource says (for an AWS SDK
// integration, "aws-sdk" and "SERVICE:ACTION"). The partition may be any,
// including a deploy tool's "${AWS::Partition}". ok is false for anything
// else, such as a Lambda function's own ARN or an activity's.
func ParseResource(resource string) (service, action string, pattern Pattern, ok bool) {
	rest, ok := trimIntegrationPrefix(resource)
	if !ok {
		return "", "", 0, false
	}
	pattern, rest = cutPattern(rest)
	service, action, ok = strings.Cut(rest, ":")
	if !ok || service == "" || action == "" {
		return "", "", 0, false
	}
	return service, action, pattern, true
}

// cutPattern splits the pattern suffix from what follows
// arn:PARTITION:states:::.
func cutPattern(rest string) (Pattern, string) {
	switch {
	case strings.HasSuffix(rest, ".waitForTaskToken"):
		return WaitForTaskToken, strings.TrimSuffix(rest, ".waitForTaskToken")
	case strings.HasSuffix(rest, ".sync:2"):
		return Sync2, strings.TrimSuffix(rest, ".sync:2")
	case strings.HasSuffix(rest, ".sync"):
		return Sync, strings.TrimSuffix(rest, ".sync")
	}
	return RequestResponse, rest
}

// trimIntegrationPrefix returns what follows arn:PARTITION:states:::.
func trimIntegrationPrefix(resource string) (string, bool) {
	rest, ok := strings.CutPrefix(resource, "arn:")
	if !ok {
		return "", false
	}
	if strings.HasPrefix(rest, "${") {
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return "", false
		}
		rest = rest[end+1:]
	} else {
		i := strings.IndexByte(rest, ':')
		if i <= 0 {
			return "", false
		}
		rest = rest[i:]
	}
	return strings.CutPrefix(rest, ":states:::")
}

// lookup resolves rest, what follows prefix (arn:PARTITION:states:::) in
// resource.
func lookup(resource, prefix, rest string) (*Integration, error) {
	in := &Integration{}
	in.Pattern, rest = cutPattern(rest)
	service, action, ok := strings.Cut(rest, ":")
	if service == "aws-sdk" {
		in.Kind = SDK
		service, action, ok = strings.Cut(action, ":")
	} else {
		in.Kind = Optimized
	}
	if !ok || service == "" || action == "" || strings.Contains(action, ":") {
		return nil, &ResourceError{Code: NotIntegration, Resource: resource, msg: fmt.Sprintf("%q is not a service integration resource", resource)}
	}
	in.Service, in.Action = service, action
	fail := func(code Code, suggestion, format string, args ...any) error {
		return &ResourceError{Code: code, Resource: resource, Service: service, Action: action, Suggestion: suggestion, msg: fmt.Sprintf(format, args...)}
	}
	if in.Kind == SDK {
		if in.Pattern == Sync || in.Pattern == Sync2 {
			return nil, fail(UnsupportedPattern, "", "AWS SDK integrations do not support %s", in.Pattern)
		}
		svc, ok := LookupService(service)
		if !ok && retiredServices[service] {
			return in, nil // known, not modelled
		}
		if !ok {
			return nil, fail(UnknownService, suggest(service, serviceNames()), "AWS SDK integrations have no service %q", service)
		}
		api, err := svc.Action(action)
		if err != nil {
			return nil, fail(UnknownAction, err.(*ResourceError).Suggestion, "service %q has no action %q", service, action)
		}
		in.API = api
		if api.Modelled() {
			in.Params = api.Input
			if in.Params == nil {
				in.Params = &Shape{Type: Structure}
			}
			in.Result = api.Output
			if in.Result == nil {
				in.Result = &Shape{Type: Structure}
			}
			if in.Pattern == WaitForTaskToken {
				in.Result = anyShape
			}
		}
		return in, nil
	}

	sdkResource := func(svc string) string {
		return prefix + "aws-sdk:" + svc + ":" + action + patternSuffixes[in.Pattern]
	}
	actions, known := optimizedIntegrations[service]
	if !known {
		for opt := range optimizedIntegrations {
			if sdkNameOf(opt) == service && opt != service {
				// sfn:startExecution for states:startExecution.
				return nil, fail(UnknownService, opt, "Step Functions has no optimized integration %q", service)
			}
		}
		if _, ok := LookupService(service); ok {
			// A service that only the AWS SDK integration offers.
			return nil, fail(UnknownService, sdkResource(service),
				"Step Functions has no optimized %s integration", service)
		}
		return nil, fail(UnknownService, suggest(service, optimizedNames()), "Step Functions has no optimized integration %q", service)
	}
	if actions == nil {
		return in, nil // known, not modelled
	}
	opt := actions[action]
	if opt == nil {
		names := make([]string, 0, len(actions))
		for name := range actions {
			names = append(names, name)
		}
		sort.Strings(names)
		if hint := suggest(action, names); hint != "" {
			return nil, fail(UnknownAction, hint, "the optimized %s integration has no action %q", service, action)
		}
		// A real API action that only the AWS SDK integration offers.
		if svc, ok := LookupService(sdkNameOf(service)); ok {
			if _, err := svc.Action(action); err == nil {
				return nil, fail(UnknownAction, sdkResource(svc.Name),
					"the optimized %s integration has no action %q; the AWS SDK integration has it", service, action)
			}
		}
		return nil, fail(UnknownAction, "", "the optimized %s integration has no action %q (it has %s)", service, action, strings.Join(names, ", "))
	}
	if !opt.patterns.has(in.Pattern) {
		return nil, fail(UnsupportedPattern, "", "%s:%s does not support %s (it supports %s)", service, action, in.Pattern, opt.patterns)
	}
	if err := opt.build(in); err != nil {
		return nil, err
	}
	return in, nil
}

// retiredServices are AWS SDK integration services that Step Functions
// listed (Developer Guide, 2023) and that botocore no longer has: their
// actions are not checked.
var retiredServices = map[string]bool{
	"alexaforbusiness": true, "codestar": true, "elasticinference": true,
	"elastictranscoder": true, "evidently": true, "honeycode": true,
	"iot1clickprojects": true, "iotanalytics": true, "iotevents": true,
	"ioteventsdata": true, "iotfleethub": true, "lookoutvision": true,
	"macie": true, "mobile": true, "opsworks": true, "opsworkscm": true,
	"panorama": true, "qldb": true, "qldbsession": true, "robomaker": true,
	"sms": true,
}

// sdkNameOf maps an optimized integration's service to its AWS SDK name.
func sdkNameOf(service string) string {
	switch service {
	case "states":
		return "sfn"
	case "events":
		return "eventbridge"
	case "elasticmapreduce":
		return "emr"
	}
	return service
}

// build fills in the integration's API, Params and Result.
func (o *optimized) build(in *Integration) error {
	svc := serviceByBotocore(o.botocore)
	if svc == nil {
		return fmt.Errorf("awsapi: no botocore service %q", o.botocore)
	}
	api, err := svc.Action(lowerFirst(o.op))
	if err != nil {
		return fmt.Errorf("awsapi: %v", err)
	}
	if svc.loadErr != nil {
		return fmt.Errorf("awsapi: %s: %v", svc.Name, svc.loadErr)
	}
	in.API = api
	if !api.Modelled() {
		return nil
	}
	// Parameters.
	params := api.Input
	if params == nil {
		params = &Shape{Type: Structure}
	}
	if o.params != nil {
		params = only(params, o.params)
	}
	for _, path := range o.anyParams {
		params = withAny(params, strings.Split(path, "."))
	}
	in.Params = params

	// Result.
	switch in.Pattern {
	case WaitForTaskToken:
		in.Result = anyShape
		return nil
	case Sync, Sync2:
		syncAPI, err := svc.Action(lowerFirst(o.syncOp))
		if err != nil {
			return fmt.Errorf("awsapi: %v", err)
		}
		result := syncAPI.Output
		if o.syncPath != "" {
			result = partOf(result, o.syncPath)
		}
		if result == nil {
			return fmt.Errorf("awsapi: %s has no %s", o.syncOp, o.syncPath)
		}
		if in.Pattern == Sync2 {
			for _, f := range o.sync2Any {
				result = withAny(result, []string{f})
			}
		}
		in.Result = result
		return nil
	}
	result := api.Output
	if result == nil {
		result = &Shape{Type: Structure}
	}
	for _, f := range o.anyResult {
		result = withAny(result, []string{f})
	}
	if !o.noMeta {
		result = withMembers(result, Member{Name: "SdkHttpMetadata", Shape: sdkHTTPMetadata}, Member{Name: "SdkResponseMetadata", Shape: sdkResponseMetadata})
	}
	in.Result = result
	return nil
}

// SdkHttpMetadata and SdkResponseMetadata, which optimized integrations
// add to their results (from the AWS SDK for Java's response metadata, as
// AWS records it).
var (
	stringShape          = &Shape{Type: String}
	sdkHTTPMetadata      = structure("SdkHttpMetadata", Member{Name: "AllHttpHeaders", Shape: &Shape{Type: Map, Key: stringShape, Elem: &Shape{Type: List, Elem: stringShape}}}, Member{Name: "HttpHeaders", Shape: &Shape{Type: Map, Key: stringShape, Elem: stringShape}}, Member{Name: "HttpStatusCode", Shape: &Shape{Type: Integer}})
	sdkResponseMetadata  = structure("SdkResponseMetadata", Member{Name: "RequestId", Shape: stringShape})
	serviceByBotocoreMap sync.Map
)

func structure(name string, members ...Member) *Shape {
	s := &Shape{Name: name, Type: Structure, Members: members}
	s.index()
	return s
}

func serviceByBotocore(name string) *Service {
	if s, ok := serviceByBotocoreMap.Load(name); ok {
		return s.(*Service)
	}
	for _, s := range Services() {
		if s.Botocore == name {
			serviceByBotocoreMap.Store(name, s)
			return s
		}
	}
	return nil
}

// withAny returns s with the member at path (through lists and maps)
// taking any JSON value. It copies what it changes.
func withAny(s *Shape, path []string) *Shape {
	if s == nil || len(path) == 0 {
		return anyShape
	}
	switch s.Type {
	case List, Map:
		c := *s
		c.Elem = withAny(s.Elem, path)
		return &c
	case Structure:
		c := *s
		c.Members = append([]Member(nil), s.Members...)
		for i := range c.Members {
			if c.Members[i].Name == path[0] {
				c.Members[i].Shape = withAny(c.Members[i].Shape, path[1:])
			}
		}
		c.index()
		return &c
	}
	return s
}

// only returns the structure s with only the named members.
func only(s *Shape, names []string) *Shape {
	c := *s
	c.Members = nil
	for _, m := range s.Members {
		for _, name := range names {
			if m.Name == name {
				c.Members = append(c.Members, m)
			}
		}
	}
	c.index()
	return &c
}

// withMembers returns the structure s with members added.
func withMembers(s *Shape, members ...Member) *Shape {
	c := *s
	c.Members = append(append([]Member(nil), s.Members...), members...)
	c.index()
	return &c
}

// partOf returns the shape at path in s: "JobRun" a member, "Tasks[]" the
// elements of a list member.
func partOf(s *Shape, path string) *Shape {
	name, list := strings.CutSuffix(path, "[]")
	m := s.Member(name)
	if m == nil {
		return nil
	}
	if list {
		if m.Shape.Type != List {
			return nil
		}
		return m.Shape.Elem
	}
	return m.Shape
}

var (
	namesOnce      sync.Once
	allSDKNames    []string
	optimizedNameL []string
)

func loadNames() {
	for _, s := range Services() {
		allSDKNames = append(allSDKNames, s.Name)
	}
	for name := range optimizedIntegrations {
		optimizedNameL = append(optimizedNameL, name)
	}
	sort.Strings(optimizedNameL)
}

func serviceNames() []string   { namesOnce.Do(loadNames); return allSDKNames }
func optimizedNames() []string { namesOnce.Do(loadNames); return optimizedNameL }

// OptimizedServices returns the services that have optimized integrations,
// as resources spell them ("lambda", "states", "events", ...), sorted.
func OptimizedServices() []string {
	return append([]string(nil), optimizedNames()...)
}

// OptimizedActions returns the actions of service's optimized integration
// that the tables model ("invoke"), sorted; nil for a service they know
// only by name.
func OptimizedActions(service string) []string {
	var names []string
	for name := range optimizedIntegrations[service] {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
