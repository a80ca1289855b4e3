// Package shape infers the shapes of the JSON data that flows through an
// Amazon States Language state machine, so that the Go types a developer
// declares for a workflow's input and output and for each task's input and
// result are carried through every state's data processing, in JSONPath
// and in JSONata states and through workflow variables, and path typos and
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
// [Analyze] walks a machine's states from StartAt and records each state's
// input and output shape. A state reached from several predecessors gets
// the union of their shapes; loops are iterated to a fixed point (a state
// whose input keeps changing is widened to Unknown).
//
// In JSONPath states it follows InputPath, Parameters and payload templates
// (paths and intrinsic functions), the task's declared result (wrapped as
// the optimized Lambda integration returns it), ResultSelector, ResultPath,
// OutputPath, Pass Result, Choice rules, Catch, Parallel branches and Map
// iterations.
//
// In JSONata states it follows the "{% ... %}" expressions of Arguments,
// Output, Assign, Items, ItemSelector and Choice Condition fields (and
// checks those of Credentials, TimeoutSeconds, HeartbeatSeconds, Seconds,
// Timestamp, MaxConcurrency, the tolerated failures, Fail's Error and
// Cause, and ItemReader, ItemBatcher and ResultWriter arguments). $states
// is typed: input is the state's input, result the task's declared result
// (a Parallel's tuple, a Map's array) in Output and Assign, errorOutput
// {Error, Cause} in a catcher's Output and Assign, context the context
// object; a member it lacks ($states.result in a Pass state) is an error.
// Expressions are typed as JSONata evaluates them: a member of an array
// maps over its elements, results are flattened, a sequence of one value
// is that value (so $states.input.items.sku is a string or an array of
// strings), a number index selects an element, a filter keeps elements
// and is checked with each element as its context. Object and array
// constructors, literals, arithmetic, comparisons, string concatenation,
// conditions, blocks with $x := bindings, and the common functions have
// known results ($count, $length, $millis, $floor, $ceil integers; $sum,
// $max, $min, $number, $abs, $average numbers; $string, $join, $uppercase,
// $lowercase, $substring, $trim, $replace, $type strings; $now a
// timestamp; $boolean, $not, $exists, $contains booleans; $keys and
// $split arrays of strings; $sort, $reverse, $distinct, $append, $zip,
// $single; $map, $filter, $sort and $reduce with an inline function, whose
// body is analyzed with the elements' shape). A Task's effective input is
// its Arguments (the input without them), its output Output (the result
// without it); a catcher's output is its Output (the error output without
// it).
//
// Workflow variables have the shapes their Assign gives them, in both
// languages, with Step Functions' scoping: a state's Assign is evaluated
// with the variables the state was entered with and takes effect when it
// exits (its own Output does not see it); a variable set on several paths
// has the union of their shapes; a Parallel branch and an inline Map
// iteration read the variables around them and what they assign ends with
// them; a Distributed Map's iterations see none. JSONata reads them as
// $name; JSONPath as $name.path in any path (templates, intrinsic
// arguments, Choice rules, InputPath, OutputPath). In JSONPath, Assign
// reads the state's raw result (a Pass state's Parameters or Result, a
// Parallel's or Map's result before ResultSelector), a Choice's and a
// Wait's effective input, a catcher's error output.
//
// Unknown stays unknown: untyped data never produces a finding, and
// neither does anything the analysis cannot follow (a variable it cannot
// pin down, a function it does not know, a JSONata path with focus or
// index bindings, groupings, parent references, transforms, $eval,
// $lookup, $merge; an intrinsic such as States.StringToJson). Only what
// the declared types rule out is reported, in both languages: a path to a
// member a closed object does not have (with a did-you-mean suggestion,
// "Payload.x" when the member is in a Lambda response's Payload), a member
// of a scalar, an index of an object, an index past a Parallel result's
// last branch, a Choice comparison (JSONPath) or Condition (JSONata) of
// the wrong kind, a Map's ItemsPath or Items that is not an array, a
// field such as SecondsPath or Seconds of the wrong kind, a task whose
// computed input (Parameters or Arguments; for lambda:invoke their Payload
// member) does not fit its declared input, and a machine output that does
// not fit the declared output (Declared.Output: each top-level terminal
// state's output is held against it with [Shape.Fits]). Paths that may
// select nothing (an optional member, a nullable value) are warnings; in
// JSONata only when the path is a field's whole expression (elsewhere an
// undefined value is often meant, as in $exists or a default), and a path
// that selects nothing inside $exists is a warning, not an error. A
// result declared for lambda:invoke that itself looks like the
// integration's response ({Payload, StatusCode}) is a warning: the
// analysis wraps the declared result in Payload, and a function may return
// such an object. Each [Finding] carries the JSON pointer of the offending
// field, so a builder can map it back to the source line that wrote it.
//
// Not checked: the types of operator operands and function arguments in
// JSONata ($uppercase of a number), JSONata paths into a context value of
// unknown origin, the shapes of intrinsic and JSONata results beyond those
// listed, ItemReader and ResultWriter data, and a declared task result
// against anything but the paths that read it (the resource's real
// response is not known to the analysis).
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
//   - A JSONata path's shape allows for every number of values it may
//     select: $states.input.items.sku is string | []string, since one
//     item gives its sku alone. Step Functions runs JSONata with no
//     context value, so a path that starts with a bare name selects
//     nothing; it is Unknown, not reported.
//   - The context object ($$, or $states.context) is typed as AWS records it: State.RetryCount
//     only in Task, Parallel and Map states, Task.Token only in
//     .waitForTaskToken tasks, Map.Item only in a Map's ItemSelector, and
//     Execution.RedriveCount may be absent (Express executions); reading
//     one of them elsewhere is a warning.
//   - A state whose input changes more than a few times while looking for
//     the fixed point is widened to Unknown; a shape larger than 10,000
//     nodes becomes Unknown; an analysis needing more than 50,000 state
//     evaluations gives up with a single warning.
package shape
