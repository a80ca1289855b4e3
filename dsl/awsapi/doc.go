// Package awsapi knows the AWS APIs that Step Functions tasks call: which
// integration a Task's Resource names, which parameters it takes, and the
// shape of the result it returns. The validator uses it to warn about a
// Resource that names no real action (arn:aws:states:::sns:publsh) or
// Parameters the action does not take; the simulator and TestState use it
// to check a mocked result against the API's response, as AWS's TestState
// does in its STRICT and PRESENT field validation modes.
//
// # Resources
//
// [Lookup] reads a Task's Resource:
//
//   - optimized integrations, arn:aws:states:::SERVICE:action, with
//     Step Functions' own service and camelCase action names (lambda:invoke,
//     sqs:sendMessage, sns:publish, events:putEvents,
//     dynamodb:getItem/putItem/updateItem/deleteItem, states:startExecution,
//     ecs:runTask, glue:startJobRun, batch:submitJob,
//     athena:startQueryExecution/stopQueryExecution/getQueryExecution/
//     getQueryResults), each with the patterns it supports (.sync, .sync:2,
//     .waitForTaskToken). Other optimized services (sagemaker, eks,
//     apigateway, bedrock, ...) are known by name only;
//   - AWS SDK integrations, arn:aws:states:::aws-sdk:SERVICE:action, where
//     SERVICE is the AWS SDK for Java 2.x's name for the service (its
//     serviceId without a trailing " Service", letters and digits only,
//     lower-cased: sfn, eventbridge, cloudwatchlogs, dynamodb) and action is
//     the API operation with its first letter lower-cased (startExecution,
//     describeDBInstances). They support request-response and
//     .waitForTaskToken, not .sync.
//
// Names are matched exactly, as AWS does; a near miss gets a suggestion
// ("did you mean"), and an optimized resource for an action only the AWS
// SDK integration has is pointed there.
//
// # Shapes
//
// An [Integration] has the [Shape] of its parameters (Params) and of its
// result (Result). For AWS SDK integrations they are the API's request
// and response with member names in PascalCase (Step Functions' spelling,
// whatever the service's own: sfn's executionArn is ExecutionArn). For
// optimized integrations they are what Step Functions makes of the API:
//
//   - only the parameters AWS documents for the integration are accepted
//     (lambda:invoke: ClientContext, FunctionName, InvocationType,
//     LogType, Payload, Qualifier), and those it serializes take any JSON
//     (lambda's Payload, sqs's MessageBody, sns's Message, events'
//     Entries[].Detail, states' Input);
//   - request-response results carry SdkHttpMetadata and
//     SdkResponseMetadata (all but events:putEvents), and lambda:invoke's
//     Payload is the function's JSON result, not a string;
//   - .sync results are the finished job's description: DescribeExecution
//     for states:startExecution (.sync:2 with Input and Output parsed), an
//     ECS Task, a Glue JobRun, a Batch JobDetail, Athena's
//     GetQueryExecution;
//   - .waitForTaskToken results are any value, the one SendTaskSuccess
//     sends.
//
// These rules come from the Step Functions Developer Guide and from
// AWS's own answers recorded in ../shared/conformance (see the tests).
//
// # Checking a result
//
// [Integration.CheckResult] (and [Shape.Check]) checks a JSON value, as
// package jsonvalue holds values, in a [Mode]. The rules and messages are
// TestState's: fields the API does not have are allowed in both modes;
// Strict also needs every required field; MockResultMessage gives the
// ValidationException text ("Mock result schema validation error: Field
// 'EventId' must be a string"). [Shape.UnknownFields] finds the fields AWS
// lets through but that are likely misspelt. [Integration.CheckParameters]
// checks the names in Parameters or Arguments.
//
// # Tables
//
// The tables in models_gen.go are generated from botocore's API models
// (botocore/data/SERVICE/VERSION/service-2.json), version 1.43.67, commit
// 0e6e2404b85dc336dd2889814e089bde7d1a4c55. They name every service in
// botocore with its operations, and hold the shapes of every operation of
// Athena, Batch, DynamoDB, ECS, EventBridge, Glue, KMS, Lambda, S3, SNS, SQS
// and Step Functions. To regenerate them from a botocore checkout DIR (git
// clone https://github.com/boto/botocore), from the module root:
//
//	go run ./dsl/awsapi/internal/genapi -botocore DIR -commit $(git -C DIR rev-parse HEAD) -o dsl/awsapi/models_gen.go
//
// There is no go:generate line: a checkout of this repository has no
// botocore, and go generate must not change anything.
package awsapi
