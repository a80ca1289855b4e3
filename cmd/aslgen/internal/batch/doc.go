// Package batch runs the batch form of aslgen run: `aslgen run -cases
// FILE.jsonl` reads one case a line and writes one result a line, in the
// same order, so that a test harness or a peer tool can run many
// executions with one process.
//
// A case ([Case]) is a JSON object:
//
//	{"id", "definition" | "definition_file", "input"?, "mock_config"?, "test_case"?, "state_machine_name"?, "start_time"?, "type"?,
//	 "lambdas"?, "lambda_handlers"?}
//
// definition is the ASL document itself; definition_file names a file
// holding it (JSON, or YAML when its name ends in .yaml or .yml), relative
// to the batch file's directory. input is the execution's input (default
// {}). mock_config is a Step Functions Local mock configuration, inline,
// and test_case the test case of it to use; state_machine_name names the
// state machine, and so picks the configuration's StateMachines entry.
// start_time (RFC 3339) is when the execution starts on the simulator's
// virtual clock, so that a case whose input holds times computed from its
// start replays as it ran; type "EXPRESS" runs it as an Express execution
// ("STANDARD" or absent: a Standard one). lambdas maps the names or ARNs of
// Lambda functions to the kinds of their handlers ("identity",
// "raise:Exception:message", ...) and lambda_handlers the kinds to the
// handlers' sources ({"file", "runtime", "source"}): the case's tasks that
// invoke them get what Lambda answers (package pylambda makes the
// functions, sim.OnFunction runs them). [Case] is package replay's, which
// turns these fields into simulator options for the tests that replay
// AWS's recordings too; a function name the recorder replaced by a
// placeholder ("<lambda_function_name>") is given a name (Case.Resolved).
//
// A result ([Result]) is a JSON object:
//
//	{"id", "status", "output"?, "error"?, "cause"?, "event_types": [...]}
//
// status is the execution's final status (SUCCEEDED, FAILED, TIMED_OUT,
// ABORTED), with output when it succeeded and error and cause otherwise,
// or "ERROR" with a cause for a case that cannot run (a line that is not
// JSON, a definition that does not decode or validate, a bad start_time,
// type, lambdas or lambda_handlers); event_types lists the types of the
// execution's history events.
// The id of a line that is not JSON is "line N".
//
// [Run] compiles each distinct definition once and parses each mock
// configuration once; it runs the cases on GOMAXPROCS goroutines, in jobs
// of consecutive lines, and writes the results in the order of the lines.
// It decodes the usual line (an object of the case's fields) without
// reflection, checking a definition whose text repeats the previous
// line's only once, and falls back on encoding/json for any other line,
// which decodes it the same or says why it does not.
package batch
