// Package shape infers the shapes of the JSON data that flows through an
// Amazon States Language state machine, so that the Go types a developer
// declares for a workflow's input and for each task's input and result
// are carried through every state's data processing, and path typos and
// shape mismatches are found when the workflow is generated rather than
// when it runs.
//
// # Shapes
//
// A [Shape] describes the JSON values a payload may hold: Unknown (any
// value), null, booleans, numbers, integers, strings, RFC 3339 timestamps,
// objects (closed, when built from a Go struct, or open), arrays, tuples
// (a Parallel state's output: one element per branch) and unions. [FromGo]
// builds the shape of a Go type by encoding/json's rules and remembers the
// type, so generated code can reuse it and messages can name it
// (orders.Order). Shapes are immutable and compared with [Shape.Equal];
// [Shape.Fits] tells whether a computed shape can be stored in a declared
// one.
//
// # Analysis
//
// [Analyze] walks a machine's states from StartAt through every JSONPath
// processing step — InputPath, Parameters and payload templates (paths and
// intrinsic functions), the task's declared result (wrapped as the
// optimized Lambda integration returns it), ResultSelector, ResultPath,
// OutputPath, Pass Result, Choice targets, Catch, Parallel branches and Map
// iterations — and records each state's input and output shape. A state
// reached from several predecessors gets the union of their shapes; loops
// are iterated to a fixed point (a state whose input keeps changing is
// widened to Unknown). States in JSONata mode produce Unknown.
//
// Unknown stays unknown: untyped data never produces a finding. Only what
// the declared types rule out is reported: a path to a member a closed
// object does not have (with a did-you-mean suggestion), a member of a
// scalar, an index of an object, a Choice comparison of the wrong kind, a
// Map's ItemsPath that is not an array, a task whose computed input does
// not fit its declared input. Paths that may select nothing (an optional
// member, a nullable value) are warnings. Each [Finding] carries the JSON
// pointer of the offending field, so a builder can map it back to the
// source line that wrote it.
//
// # Choices made
//
//   - A Parallel state's result is a tuple ([Shape.Elems]): $[0] is the
//     first branch's output, $[2] of a two-branch Parallel is an error.
//   - A recursive Go type is expanded once; where it occurs inside itself
//     the shape is Unknown (still naming the Go type), so paths through
//     that point are not checked.
//   - A path that can never select anything is an error even when it is
//     indefinite ($.items[*].skuu), although Step Functions then yields []
//     rather than failing: a member a Go struct does not have is a typo
//     either way. Filters and recursive descent never cause findings.
//   - The context object ($$) is typed as AWS records it: State.RetryCount
//     only in Task, Parallel and Map states, Task.Token only in
//     .waitForTaskToken tasks, Map.Item only in a Map's ItemSelector, and
//     Execution.RedriveCount may be absent (Express executions); reading
//     one of them elsewhere is a warning.
//   - A state whose input changes more than a few times while looking for
//     the fixed point is widened to Unknown; a shape larger than 10,000
//     nodes becomes Unknown; an analysis needing more than 50,000 state
//     evaluations gives up with a single warning.
package shape
