// Package sim runs Amazon States Language documents in process, as AWS Step
// Functions would: the same data flow, error names and cause texts, retries,
// catchers, Parallel and Map, on a virtual clock, with mocked tasks.
//
//	doc, _ := orders.OrderProcessing().Build()
//	s, err := sim.New(doc,
//		sim.OnState("ValidateOrder", sim.Func(func(ctx context.Context, o Order) (Order, error) {
//			return o, nil
//		})),
//		sim.OnState("ProcessPayment", sim.Throw("PaymentDeclined", "card expired")),
//	)
//	ex, err := s.Run(ctx, Order{ID: "o-1"})
//	// ex.Status == sim.Failed, ex.Error == "Order.ProcessingError"
//
// # Query languages and variables
//
// States run in JSONPath mode (InputPath, Parameters, ResultSelector,
// ResultPath, OutputPath, intrinsic functions) or in JSONata mode
// (Arguments, Output, Items, Condition and "{% ... %}" expressions in any
// field that takes one, over $states.input, $states.result,
// $states.errorOutput and $states.context), per machine or per state. An
// expression that fails, gives nothing or gives a value of the wrong type
// raises States.QueryEvaluationError, recorded by an EvaluationFailed event.
//
// Assign sets workflow variables in either language. Every expression of a
// state reads the values variables had when it was entered; its own
// assignments take effect as it exits, and its StateExited event records
// them. Parallel branches and inline Map iterations read the variables of
// the enclosing scope and keep their own to themselves; a Distributed Map's
// iterations see none. JSONPath states read variables as $name paths, in
// templates, Choice rules and intrinsic function arguments.
//
// # Time and concurrency
//
// Nothing sleeps: Wait states, retry intervals, task durations and timeouts
// advance a virtual clock, which starts at the time given by [StartTime] (the
// current time by default). Parallel branches and Map iterations are
// independent processes on that clock: a process runs until it finishes or
// waits, then the next ready one runs, and when none is ready the clock jumps
// to the next timer. Execution is therefore deterministic for a given seed
// ([Seed]) and safe to run from many goroutines at once; a Simulator is
// compiled once and may run any number of executions concurrently.
//
// Every handler takes the time [Handler.After] gives it, whatever its kind:
// it runs when its task starts, and its answer reaches the task that much
// later, so TimeoutSeconds and HeartbeatSeconds fire against it. In a
// [Sequence] each handler keeps its own time and the Sequence's is added
// to it. A callback task ([AwaitCallback]) is answered at once or later:
// [SendTaskSuccessAfter] and [SendTaskFailureAfter] answer after a virtual
// delay, [Schedule] runs any function after one, and the test itself runs
// functions at virtual times with [At] (as Temporal's
// RegisterDelayedCallback); [Now] reads the clock. A scheduled function
// that fails stops the execution with [ErrorScheduled].
//
// # Mocks
//
// Tasks run handlers: per state name ([OnState]) or per Resource
// ([OnResource]), typed ([Func]) or raw ([Respond]), scripted ([Sequence],
// [Return], [Throw]), or from a Step Functions Local mock configuration file
// ([LoadMockConfig], [UseMockConfig]). Lambda functions ([OnFunction]) run
// as Lambda runs them for the tasks that invoke them, by lambda:invoke or by
// the function's ARN: Lambda's response, error documents, missing functions
// and the payload limit. A task with no handler fails the
// execution with the error [ErrorUnmocked], which no Retry or Catch matches;
// its cause says how to add one, or, under a mock configuration, which test
// case lacks the state.
//
// Mocks are checked: [New] and [Simulator.With] refuse a mock for a state
// that does not exist or takes none (only Task states, wherever they are,
// and Map ItemReaders, as "Map/ItemReader", take mocks), naming those that
// do and the closest to a typo; the same holds for the states of the mock
// configuration's test case, and for an OnResource whose Resource no state
// has. Two mocks for one state or Resource in the options of one call are
// an error (With may replace a mock it inherits, and OnState replaces the
// test case's answer for its state). An execution tells how often each
// mock ran ([Execution.MockCalls]) and which never did
// ([Execution.UnusedMocks]). A mock configuration's top-level keys other
// than StateMachines and MockedResponses are ignored, with a warning
// ([MockConfig.Warnings]).
//
// # Testing one state
//
// [TestState] runs one state as AWS's TestState API does: the state's
// definition (or a machine and [StateName]), an input, a mocked result
// ([MockResult], [MockResultJSON]) or error ([MockError]), and TestState's
// state configuration ([RetrierRetryCount], [ErrorCausedByState],
// [MapIterationFailureCount], [MapItemReaderData]). It answers with the
// status (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR), output, error,
// cause, next state and, at the DEBUG and TRACE inspection levels, the
// data after each processing step ([InspectionData]); requests AWS refuses
// give a *[ValidationError] with AWS's message, such as a mocked result
// that does not fit the integration's API (checked by package awsapi).
// [TestStateOf] decodes the output into a Go type.
//
// # History
//
// Each execution records AWS's history events ([Event]) with their ids,
// previous ids, virtual timestamps and details. [History](false) turns
// recording off for speed; the events are counted all the same, so that an
// execution passing AWS's limit of [MaxEvents] fails alike, with or without
// its history.
package sim
