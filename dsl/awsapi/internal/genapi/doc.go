// Command genapi writes dsl/awsapi's tables from the AWS service models that
// botocore publishes (botocore/data/SERVICE/VERSION/service-2.json).
//
// Usage, from the module root, with a botocore checkout in DIR:
//
//	go run ./dsl/awsapi/internal/genapi -botocore DIR -commit HASH -o dsl/awsapi/models_gen.go
//
// For every service in botocore it records the name Step Functions' AWS SDK
// integrations give it and the names of its operations; for the services
// listed in modelled it also records, compactly, every shape that the
// operations' inputs and outputs reach. The output is gofmt'd and depends
// only on the checkout, so running it twice gives the same file.
package main
