// Command aslgen turns Go workflow constructors into Amazon States Language
// (ASL) files, and checks ASL documents.
//
// Usage:
//
//	aslgen [-check | -diff] [-v] [-work] [-tags list] [packages]
//	aslgen validate [-json] FILE...
//	aslgen run [flags] DEFINITION.json
//	aslgen run [-account ID] [-region REGION] -cases FILE.jsonl
//
// # Generating
//
// Install it as a tool of your module once:
//
//	go get -tool github.com/aslgen/aslgen/cmd/aslgen
//
// and put a go:generate line in each package that holds workflows:
//
//	package orders
//
//	//go:generate go tool aslgen
//
//	// OrderProcessing validates, charges and ships an order.
//	func OrderProcessing() *dsl.Machine { ... }
//
// `go generate ./...` then writes orderprocessing.asl.json beside the code.
// aslgen also runs without the tool directive, as
// `go run github.com/aslgen/aslgen/cmd/aslgen ./...`.
//
// aslgen looks in the packages (default ".", the package go generate runs it
// in; any go package patterns work) for workflow constructors: exported
// functions without parameters that return *dsl.Machine or
// (*dsl.Machine, error). It builds a small program inside your module that
// calls them, and writes one file per machine, named after the machine:
// its letters and digits, lowercased, then ".asl.json" ("OrderProcessing" →
// orderprocessing.asl.json). Files are written only when their content
// changes, atomically, and only when every constructor succeeded.
//
// aslgen does not overwrite files it did not write: an existing .asl.json
// must be in the exact form aslgen writes, else aslgen stops and asks you to
// move it away.
//
// Flags:
//
//	-check      write nothing; print the files that are missing or out of
//	            date, one per line, and exit 1 if there are any (for CI:
//	            go tool aslgen -check ./...)
//	-diff       write nothing; print a unified diff of every file that would
//	            change, and exit 1 if there is one
//	-v          report the packages, the constructors found and each file
//	            written or unchanged, and show what the constructors printed
//	-work       keep the runner's work directory and print its path
//	-tags list  comma-separated build tags, as for go build
//
// Problems are reported as the Go tools report them: when a package does not
// compile, the compiler's messages as go build printed them; when a
// constructor panics, returns an error or a nil machine, or builds an invalid
// machine, one file:line: message line per problem, pointing into your code.
//
// # Validating
//
// `aslgen validate FILE...` decodes and checks ASL documents the way AWS's
// ValidateStateMachineDefinition does and prints one line per diagnostic:
//
//	orders/order.asl.json:12:7: ERROR MISSING_TRANSITION_TARGET: ... (at /States/Pay/Next)
//
// With -json it prints one JSON array of objects with the fields file,
// severity, code, message, location, line and column.
//
// # Running
//
// `aslgen run DEFINITION.json` runs one execution in the simulator, on a
// virtual clock, and prints {"status":"SUCCEEDED","output":...} or
// {"status":"FAILED","error":...,"cause":...} (also TIMED_OUT, ABORTED):
// -input JSON or @FILE, -mock-config FILE -test-case NAME, -name NAME,
// -history for the events. Exit 0 when it succeeded, 1 otherwise, 2 when
// it cannot run.
//
// `aslgen run -cases FILE.jsonl` ("-" for standard input) runs a batch,
// one case a line:
//
//	{"id", "definition" | "definition_file", "input"?, "mock_config"?, "test_case"?, "start_time"?, "type"?}
//
// and prints one line for each, in order:
//
//	{"id", "status", "output"?, "error"?, "cause"?, "event_types": [...]}
//
// with "status":"ERROR" and a cause for a case that cannot run.
// definition_file is relative to the batch file. start_time (RFC 3339) is
// when the execution starts on the virtual clock (default: now), so that a
// case whose input holds times computed from its start replays as it ran;
// type "EXPRESS" runs it as an Express execution. -account and -region set
// the AWS account and region of the ARNs, for every case.
//
// # Exit codes
//
//	0  success: files generated or up to date; documents valid (warnings allowed)
//	1  -check or -diff found a file to change; validate found an error
//	2  error: bad flags, a package that does not compile, a failing
//	   constructor, a file aslgen may not overwrite, an unreadable file;
//	   nothing was written
package main
