package awsapi

import "testing"

func TestParseResource(t *testing.T) {
	for _, tc := range []struct {
		resource, service, action string
		pattern                   Pattern
		ok                        bool
	}{
		{"arn:aws:states:::lambda:invoke", "lambda", "invoke", RequestResponse, true},
		{"arn:${AWS::Partition}:states:::states:startExecution.sync:2", "states", "startExecution", Sync2, true},
		{"arn:aws-cn:states:::ecs:runTask.sync", "ecs", "runTask", Sync, true},
		{"arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken", "aws-sdk", "s3:getObject", WaitForTaskToken, true},
		{"arn:aws:lambda:us-east-1:111111111111:function:f", "", "", 0, false},
		{"arn::states:::lambda:invoke", "", "", 0, false},
		{"arn:aws:states:::lambda", "", "", 0, false},
		{"${Fn}", "", "", 0, false},
	} {
		service, action, pattern, ok := ParseResource(tc.resource)
		if service != tc.service || action != tc.action || pattern != tc.pattern || ok != tc.ok {
			t.Errorf("ParseResource(%q) = %q, %q, %v, %v", tc.resource, service, action, pattern, ok)
		}
	}
}
