package awsapi

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		resource        string
		kind            Kind
		service, action string
		pattern         Pattern
		operation       string // the API operation, "" when not modelled
		result          string // the result shape's name, "any" for a Document
	}{
		{"arn:aws:states:::lambda:invoke", Optimized, "lambda", "invoke", RequestResponse, "Invoke", "InvocationResponse"},
		{"arn:aws:states:::lambda:invoke.waitForTaskToken", Optimized, "lambda", "invoke", WaitForTaskToken, "Invoke", "any"},
		{"arn:aws-cn:states:::sqs:sendMessage", Optimized, "sqs", "sendMessage", RequestResponse, "SendMessage", "SendMessageResult"},
		{"arn:${AWS::Partition}:states:::sns:publish", Optimized, "sns", "publish", RequestResponse, "Publish", "PublishResponse"},
		{"arn:aws:states:::events:putEvents", Optimized, "events", "putEvents", RequestResponse, "PutEvents", "PutEventsResponse"},
		{"arn:aws:states:::dynamodb:getItem", Optimized, "dynamodb", "getItem", RequestResponse, "GetItem", "GetItemOutput"},
		{"arn:aws:states:::dynamodb:updateItem", Optimized, "dynamodb", "updateItem", RequestResponse, "UpdateItem", "UpdateItemOutput"},
		{"arn:aws:states:::states:startExecution", Optimized, "states", "startExecution", RequestResponse, "StartExecution", "StartExecutionOutput"},
		{"arn:aws:states:::states:startExecution.sync", Optimized, "states", "startExecution", Sync, "StartExecution", "DescribeExecutionOutput"},
		{"arn:aws:states:::states:startExecution.sync:2", Optimized, "states", "startExecution", Sync2, "StartExecution", "DescribeExecutionOutput"},
		{"arn:aws:states:::ecs:runTask.sync", Optimized, "ecs", "runTask", Sync, "RunTask", "Task"},
		{"arn:aws:states:::glue:startJobRun.sync", Optimized, "glue", "startJobRun", Sync, "StartJobRun", "JobRun"},
		{"arn:aws:states:::batch:submitJob.sync", Optimized, "batch", "submitJob", Sync, "SubmitJob", "JobDetail"},
		{"arn:aws:states:::athena:startQueryExecution.sync", Optimized, "athena", "startQueryExecution", Sync, "StartQueryExecution", "GetQueryExecutionOutput"},
		{"arn:aws:states:::athena:getQueryResults", Optimized, "athena", "getQueryResults", RequestResponse, "GetQueryResults", "GetQueryResultsOutput"},
		{"arn:aws:states:::sagemaker:createTrainingJob.sync", Optimized, "sagemaker", "createTrainingJob", Sync, "", ""},
		{"arn:aws:states:::aws-sdk:sfn:startExecution", SDK, "sfn", "startExecution", RequestResponse, "StartExecution", "StartExecutionOutput"},
		{"arn:aws:states:::aws-sdk:eventbridge:putEvents", SDK, "eventbridge", "putEvents", RequestResponse, "PutEvents", "PutEventsResponse"},
		{"arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken", SDK, "dynamodb", "putItem", WaitForTaskToken, "PutItem", "any"},
		{"arn:aws:states:::aws-sdk:s3:getObject", SDK, "s3", "getObject", RequestResponse, "GetObject", "GetObjectOutput"},
		{"arn:aws:states:::aws-sdk:ec2:describeInstances", SDK, "ec2", "describeInstances", RequestResponse, "", ""},
		{"arn:aws:states:::aws-sdk:rds:describeDBInstances", SDK, "rds", "describeDBInstances", RequestResponse, "", ""},
		{"arn:aws:states:::aws-sdk:cloudwatchlogs:describeLogGroups", SDK, "cloudwatchlogs", "describeLogGroups", RequestResponse, "", ""},
		{"arn:aws:states:::aws-sdk:lookoutvision:startModel", SDK, "lookoutvision", "startModel", RequestResponse, "", ""},
	}
	for _, tt := range tests {
		in, err := Lookup(tt.resource)
		if err != nil {
			t.Errorf("Lookup(%q): %v", tt.resource, err)
			continue
		}
		if in.Kind != tt.kind || in.Service != tt.service || in.Action != tt.action || in.Pattern != tt.pattern {
			t.Errorf("Lookup(%q) = %v %s:%s %v, want %v %s:%s %v", tt.resource, in.Kind, in.Service, in.Action, in.Pattern, tt.kind, tt.service, tt.action, tt.pattern)
		}
		op, result := "", ""
		if in.API != nil && in.API.Modelled() {
			op = in.API.Operation
		}
		switch {
		case in.Result == nil:
		case in.Result.Type == Document:
			result = "any"
		default:
			result = in.Result.Name
		}
		if op != tt.operation || result != tt.result {
			t.Errorf("Lookup(%q): operation %q, result %q; want %q, %q", tt.resource, op, result, tt.operation, tt.result)
		}
	}
}

func TestLookupErrors(t *testing.T) {
	tests := []struct {
		resource   string
		code       Code
		suggestion string
	}{
		{"arn:aws:lambda:us-east-1:123456789012:function:Hello", NotIntegration, ""},
		{"arn:aws:states:us-east-1:123456789012:activity:Review", NotIntegration, ""},
		{"${HelloFunctionArn}", NotIntegration, ""},
		{"arn:aws:states:::lambda", NotIntegration, ""},
		{"arn:aws:states:::sns:publsh", UnknownAction, "publish"},
		{"arn:aws:states:::sqs:sendMesage", UnknownAction, "sendMessage"},
		{"arn:aws:states:::lambda:Invoke", UnknownAction, "invoke"},
		{"arn:aws:states:::dynamodb:putitem", UnknownAction, "putItem"},
		{"arn:aws:states:::sns:createTopic", UnknownAction, "arn:aws:states:::aws-sdk:sns:createTopic"},
		{"arn:aws:states:::dynamodb:query", UnknownAction, "arn:aws:states:::aws-sdk:dynamodb:query"},
		{"arn:aws:states:::states:describeExecution", UnknownAction, "arn:aws:states:::aws-sdk:sfn:describeExecution"},
		{"arn:aws:states:::snss:publish", UnknownService, "sns"},
		{"arn:aws:states:::sfn:startExecution", UnknownService, "states"},
		{"arn:aws:states:::eventbridge:putEvents", UnknownService, "events"},
		{"arn:aws-cn:states:::secretsmanager:getSecretValue", UnknownService, "arn:aws-cn:states:::aws-sdk:secretsmanager:getSecretValue"},
		{"arn:aws:states:::nosuch:doIt", UnknownService, ""},
		{"arn:aws:states:::aws-sdk:eventbrige:putEvents", UnknownService, "eventbridge"},
		{"arn:aws:states:::aws-sdk:stepfunctions:startExecution", UnknownService, ""},
		{"arn:aws:states:::aws-sdk:sfn:StartExecution", UnknownAction, "startExecution"},
		{"arn:aws:states:::aws-sdk:sfn:startExecutoin", UnknownAction, "startExecution"},
		{"arn:aws:states:::aws-sdk:ec2:describeInstance", UnknownAction, "describeInstances"},
		{"arn:aws:states:::aws-sdk:s3:getObject.sync", UnsupportedPattern, ""},
		{"arn:aws:states:::sns:publish.sync", UnsupportedPattern, ""},
		{"arn:aws:states:::lambda:invoke.sync:2", UnsupportedPattern, ""},
		{"arn:aws:states:::dynamodb:getItem.waitForTaskToken", UnsupportedPattern, ""},
	}
	for _, tt := range tests {
		in, err := Lookup(tt.resource)
		var re *ResourceError
		if !errors.As(err, &re) {
			t.Errorf("Lookup(%q) = %v, %v; want a ResourceError", tt.resource, in, err)
			continue
		}
		if re.Code != tt.code || re.Suggestion != tt.suggestion {
			t.Errorf("Lookup(%q): code %d, suggestion %q (%v); want %d, %q", tt.resource, re.Code, re.Suggestion, err, tt.code, tt.suggestion)
		}
		if got := errors.Is(err, ErrNotIntegration); got != (tt.code == NotIntegration) {
			t.Errorf("Lookup(%q): errors.Is(err, ErrNotIntegration) = %v", tt.resource, got)
		}
	}
}

func TestLookupMessages(t *testing.T) {
	tests := map[string]string{
		"arn:aws:states:::sns:publsh":                  `resource arn:aws:states:::sns:publsh: the optimized sns integration has no action "publsh" (did you mean "publish"?)`,
		"arn:aws:states:::aws-sdk:sfn:StartExecution":  `resource arn:aws:states:::aws-sdk:sfn:StartExecution: service "sfn" has no action "StartExecution" (did you mean "startExecution"?)`,
		"arn:aws:states:::sns:publish.sync":            `resource arn:aws:states:::sns:publish.sync: sns:publish does not support .sync (it supports request-response, .waitForTaskToken)`,
		"arn:aws:states:::aws-sdk:s3:getObject.sync:2": `resource arn:aws:states:::aws-sdk:s3:getObject.sync:2: AWS SDK integrations do not support .sync:2`,
	}
	for resource, want := range tests {
		if _, err := Lookup(resource); err == nil || err.Error() != want {
			t.Errorf("Lookup(%q) error:\n got %v\nwant %s", resource, err, want)
		}
	}
}

func TestServices(t *testing.T) {
	all := Services()
	if len(all) < 400 {
		t.Fatalf("only %d services", len(all))
	}
	if !slices.IsSortedFunc(all, func(a, b *Service) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("services are not sorted by name")
	}
	for i := 1; i < len(all); i++ {
		if all[i].Name == all[i-1].Name {
			t.Errorf("service %q twice", all[i].Name)
		}
	}
	// Step Functions' names for the services, as its Developer Guide
	// lists them.
	names := map[string]string{
		"sfn": "stepfunctions", "eventbridge": "events", "cloudwatchlogs": "logs",
		"costexplorer": "ce", "databasemigration": "dms", "elasticloadbalancingv2": "elbv2",
		"cognitoidentityprovider": "cognito-idp", "rdsdata": "rds-data", "acmpca": "acm-pca",
		"directory": "ds", "lambda": "lambda", "dynamodb": "dynamodb", "s3": "s3",
		"applicationdiscovery": "discovery", "lexmodelbuilding": "lex-models",
		"marketplacemetering": "meteringmarketplace", "pinpointsmsvoice": "pinpoint-sms-voice",
	}
	for name, botocore := range names {
		s, ok := LookupService(name)
		if !ok || s.Botocore != botocore {
			t.Errorf("LookupService(%q) = %v, %v; want botocore %q", name, s, ok, botocore)
		}
	}
	modelled := 0
	for _, s := range all {
		if !s.Modelled() {
			continue
		}
		modelled++
		for _, name := range s.Actions() {
			a, err := s.Action(name)
			if err != nil {
				t.Fatalf("%s: %v", s.Name, err)
			}
			if s.loadErr != nil {
				t.Fatalf("%s: %v", s.Name, s.loadErr)
			}
			if !a.Modelled() || a.Name != name || a.Operation != upperFirst(name) {
				t.Errorf("%s.%s: modelled %v, operation %q", s.Name, name, a.Modelled(), a.Operation)
			}
		}
	}
	if modelled != 12 {
		t.Errorf("%d modelled services, want 12", modelled)
	}
}

// TestOptimizedIntegrations builds every optimized integration the tables
// model, with every pattern it supports.
func TestOptimizedIntegrations(t *testing.T) {
	for service, actions := range optimizedIntegrations {
		for action, opt := range actions {
			for p := RequestResponse; p <= WaitForTaskToken; p++ {
				if !opt.patterns.has(p) {
					continue
				}
				resource := "arn:aws:states:::" + service + ":" + action + patternSuffixes[p]
				in, err := Lookup(resource)
				if err != nil {
					t.Errorf("Lookup(%q): %v", resource, err)
					continue
				}
				if in.Params == nil || in.Result == nil {
					t.Errorf("%s: params %v, result %v", resource, in.Params, in.Result)
				}
				for _, p := range opt.params {
					if in.Params.Member(p) == nil {
						t.Errorf("%s: supported parameter %s is not in the API", resource, p)
					}
				}
			}
		}
	}
}

// TestModelVersion keeps doc.go in step with the generated tables.
func TestModelVersion(t *testing.T) {
	version, commit := ModelVersion()
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(strings.ReplaceAll(string(doc), "//", "")), " ")
	if version == "" || !strings.Contains(text, "version "+version) || !strings.Contains(text, "commit "+commit) {
		t.Errorf("doc.go does not name botocore %s, commit %s", version, commit)
	}
}

// TestCorpusResources looks up the Resource of every Task in the
// real-world workflows and checks their Parameters: deployed workflows
// name real integrations and pass parameters AWS accepts.
func TestCorpusResources(t *testing.T) {
	files := shareddata.Glob(t, "corpus/workflows-collection/*.json")
	var tasks, checked int
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonvalue.Parse(data)
		if err != nil {
			continue // one file is not JSON, on purpose
		}
		name := filepath.Base(file)
		walkTasks(doc, func(state *jsonvalue.Object) {
			resource, _ := state.Get("Resource")
			r, _ := resource.(string)
			tasks++
			in, err := Lookup(r)
			if errors.Is(err, ErrNotIntegration) {
				return
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
			params, ok := state.Get("Parameters")
			if !ok {
				params, _ = state.Get("Arguments")
			}
			if in.Params != nil {
				checked++
			}
			for _, p := range in.CheckParameters(params) {
				t.Errorf("%s: %s: %v", name, r, p)
			}
		})
	}
	t.Logf("%d tasks, %d with parameters checked", tasks, checked)
}

// walkTasks calls f for every Task state in an ASL document.
func walkTasks(v any, f func(*jsonvalue.Object)) {
	switch v := v.(type) {
	case *jsonvalue.Object:
		if ty, _ := v.Get("Type"); ty == "Task" {
			if _, ok := v.Get("Resource"); ok {
				f(v)
			}
		}
		for _, e := range v.All() {
			walkTasks(e, f)
		}
	case []any:
		for _, e := range v {
			walkTasks(e, f)
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"publish", "putEvents", "sendMessage", "startExecution"}
	tests := map[string]string{
		"publsh": "publish", "Publish": "publish", "sendmessage": "sendMessage",
		"startExecutoin": "startExecution", "xyz": "", "publish": "",
	}
	for in, want := range tests {
		if got := suggest(in, names); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConcurrentLookup looks up and checks from many goroutines at once,
// as parallel tests and simulations do (run with -race).
func TestConcurrentLookup(t *testing.T) {
	resources := []string{
		"arn:aws:states:::lambda:invoke", "arn:aws:states:::aws-sdk:glue:getJobRun",
		"arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:::aws-sdk:s3:getObject",
		"arn:aws:states:::dynamodb:getItem", "arn:aws:states:::ecs:runTask.sync",
	}
	result := jsonvalue.MustParse(`{"StatusCode": "200", "Item": {"a": {"S": 1}}}`)
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- true }()
			for _, r := range resources {
				in, err := Lookup(r)
				if err != nil {
					t.Error(err)
					return
				}
				in.CheckResult(result, Strict)
				in.Result.UnknownFields(result)
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}
