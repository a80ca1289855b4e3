// Package shareddata finds the data that aslgen's tests share with other
// projects and keep outside the repository: the AWS-recorded executions,
// the validator fixtures and the JSONata suite under conformance/, and the
// real-world definitions under corpus/.
//
// The folder is $ASLGEN_SHARED when it is set (a relative value is taken
// from the module root), and otherwise ../shared beside the module root,
// the directory that holds go.mod. Every test that reads the data finds it
// through this package, and skips with a message naming what is missing
// when it is not there:
//
//	ASLGEN_SHARED=/data/aslgen-shared go test ./...
//
// It also holds the one way the tests read AWS's recorded answers
// ([Answer]): outputs compared as JSON values, the recorder's placeholders
// and replaced values matching anything ([Match], [MatchString]), causes
// that were JSON text compared as JSON, and event types compared where the
// recording kept AWS's order.
package shareddata
