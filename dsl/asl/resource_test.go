package asl

import "testing"

func TestParseIntegration(t *testing.T) {
	for _, c := range []struct {
		resource string
		want     Integration
		ok       bool
	}{
		{"arn:aws:states:::lambda:invoke", Integration{"lambda", "invoke", RequestResponse}, true},
		{"arn:aws-cn:states:::lambda:invoke.waitForTaskToken", Integration{"lambda", "invoke", WaitForTaskToken}, true},
		{"arn:${AWS::Partition}:states:::lambda:invoke", Integration{"lambda", "invoke", RequestResponse}, true},
		{"arn:aws:states:::states:startExecution.sync:2", Integration{"states", "startExecution", RunJob}, true},
		{"arn:aws:states:::glue:startJobRun.sync", Integration{"glue", "startJobRun", RunJob}, true},
		{"arn:aws:states:::aws-sdk:dynamodb:getItem", Integration{"aws-sdk", "dynamodb:getItem", RequestResponse}, true},
		{"arn:aws:lambda:us-east-1:123456789012:function:pay", Integration{}, false},
		{"arn:aws:states:us-east-1:123456789012:activity:approve", Integration{}, false},
		{"${PayFunctionArn}", Integration{}, false},
		{"arn:${Partition:states:::lambda:invoke", Integration{}, false},
		{"arn::states:::lambda:invoke", Integration{}, false},
		{"arn:aws:states:::lambda", Integration{}, false},
		{"", Integration{}, false},
	} {
		got, ok := ParseIntegration(c.resource)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseIntegration(%q) = %+v, %v; want %+v, %v", c.resource, got, ok, c.want, c.ok)
		}
	}
	if !IsLambdaInvoke("arn:aws-us-gov:states:::lambda:invoke.waitForTaskToken") || IsLambdaInvoke("arn:aws:states:::sqs:sendMessage") {
		t.Error("IsLambdaInvoke")
	}
}
