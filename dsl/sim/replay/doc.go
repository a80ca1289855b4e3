// Package replay runs recorded executions again in the simulator: a [Case]
// is one execution as a line of a JSON Lines file gives it (a definition,
// an input, and what else decides how it ran: its start time, the state
// machine's type and name, a Step Functions Local mock configuration and
// test case, the Lambda functions it called), and [Case.Options] turns it
// into the simulator's options.
//
// The case's fields are those of the lines of `aslgen run -cases` and of
// the executions AWS recorded in the shared conformance data
// (aws-recorded.jsonl, lambda-cases.jsonl, mockconfig-cases.jsonl), so
// that both replay them alike:
//
//	{"id", "definition" | "definition_file", "input"?, "start_time"?, "type"?,
//	 "state_machine_name"?, "mock_config"?, "test_case"?, "lambdas"?, "lambda_handlers"?}
//
// lambdas maps each function name or ARN to its handler's kind and
// lambda_handlers each kind to its source ({"file", "runtime", "source"}),
// as package pylambda runs them. [Case.Resolved] gives the function names
// that the recorder of AWS's executions replaced by placeholders
// ("<lambda_function_name>") names a function may have, and [Case.Run]
// runs a case whose definition is inline.
package replay
