// Package dsl is the typed Go builder for AWS Step Functions workflows. A
// workflow is written as a function that returns a *Machine; the aslgen
// generator (run by go generate) turns it into Amazon States Language JSON
// that is committed next to the code and deployed.
//
//	//go:generate go tool aslgen
//
//	// ErrProcessing is the error an order fails with.
//	const ErrProcessing dsl.ErrorName = "Order.ProcessingError"
//
//	// OrderProcessing validates, charges and ships an order.
//	func OrderProcessing() *dsl.Machine {
//		m := dsl.NewMachine("OrderProcessing").InputType(dsl.TypeOf[Order]())
//		failed := m.Fail("OrderFailed").Error(ErrProcessing).Cause(dsl.Text("The order could not be processed."))
//		validate := m.LambdaInvoke("ValidateOrder", "${ValidateOrderFunctionArn}").
//			OutputPath("$.Payload").
//			Timeout(dsl.Duration(30 * time.Second)).
//			Catch(dsl.Catch(failed, dsl.ErrAll).ResultPath("$.error"))
//		pay := m.LambdaInvoke("ProcessPayment", "${ProcessPaymentFunctionArn}").OutputPath("$.Payload")
//		m.Chain(validate, pay)
//		return m
//	}
//
// # States and graphs
//
// States are created on the [Graph] they belong to: the machine itself, a
// Parallel branch (ParallelState.Branch) or a Map item processor
// (MapState.ItemProcessor). Transitions are made with Next, Chain, a
// Choice's When and Otherwise, and Catch; they refer to states, not names,
// and stay inside their graph. The first state given to Chain starts the
// graph unless StartAt says otherwise; a state with nothing after it ends
// its graph.
//
// Each state type has exactly the methods ASL allows it: a Fail state has
// no InputPath, a Choice state no Next. The fields several types share come
// in groups that the types embed, each documented once: [Common] (Comment,
// QueryLanguage; every state), [IO] (InputPath, OutputPath, Output; all but
// Fail), [Vars] (Assign), [Transition] (Next), [Data] (Parameters,
// ResultPath), [Outcome] (ResultSelector, Retry, Catch) and [Args]
// (Arguments). Every setter returns its state, so calls chain.
//
// # Field values
//
// A field that ASL lets a state give as a constant, as a path into its
// input (the field's ...Path form) or as a JSONata expression is set by one
// method, whose argument says which:
//
//	task.Timeout(dsl.Duration(30 * time.Second))     // TimeoutSeconds: 30
//	task.Timeout(dsl.Path("$.timeoutSeconds"))       // TimeoutSecondsPath
//	task.Timeout(dsl.Expr("{% $states.input.t %}"))  // TimeoutSeconds: "{% ... %}"
//
// The constants are typed by the field: [Duration] (Task Timeout and
// Heartbeat, Wait For), [Time] or a [Timestamp] kept as written (Wait
// Until), [Int] (Map MaxConcurrency and ToleratedFailureCount, ItemReader
// MaxItems, ItemBatcher limits), [Percent] (ToleratedFailurePercentage),
// [Text] or an [ErrorName] (Fail Error and Cause, which also take an
// [Intrinsic] call such as [Format]).
// A [Path] is for JSONPath states and an [Expr] for JSONata states: Build
// reports either one in a state of the other language at the call that set
// the field. Fields with no such forms take Go values: Machine.Timeout,
// Retrier.Interval and MaxDelay take a time.Duration.
//
// # Data
//
// Paths are [Path] values ("$.order.id", "$$.Execution.Id", "$var.field");
// payload templates are [Obj] values whose Path and [Intrinsic] values
// ([Format], [MathAdd], [UUID], ...) are evaluated at run time. Conditions
// are values ([NumericGreaterThan], [And], ...) that compare with a Go
// value or, given a Path, with the value at another path. Retriers and
// catchers are values built by [Retry] and [Catch] with time.Duration
// intervals and typed [ErrorName]s.
//
// In a JSONata machine (Machine.QueryLanguage(dsl.JSONata)) states read
// their input and result in "{% ... %}" expressions ($states.input,
// $states.result), take Arguments and Output instead of Parameters,
// ResultSelector, ResultPath and OutputPath, and decide with [Condition].
// Assign, in either language, sets workflow variables that later states
// read by name ($customer.email).
//
// # Errors
//
// Builder methods never panic. Each records the file and line of its caller;
// Build returns the ASL document, or an [ErrorList] of every problem sorted by
// position: bad paths, duplicate state names, states used across graphs, a
// state given two successors, unreachable states, fields of the wrong query
// language, and every finding of [asl.Validate], each at the builder call
// behind it.
//
// # Typed payloads
//
// Go types for payloads are declared with [TypeOf] and carried in the model
// ([Machine.PayloadTypes]); aslgen generates Go code from them. When they
// are declared (Machine.InputType and OutputType, a task's InputType and
// ResultType), Build also reports what they rule out, at the builder call
// of the field concerned: a path or JSONata expression that reads a member
// the types do not have, with a did-you-mean ($.amout,
// $states.input.emial, $order.amout for a workflow variable), a value of
// the wrong kind for a Choice rule or Condition, a task whose Parameters
// or Arguments (for lambda:invoke, their Payload) do not fit its declared
// input, and, at the OutputType call, a machine whose output cannot fit
// the declared output. Untyped data is never reported. Check also returns
// the warnings: paths into members the types mark optional or nullable.
// Package shape says exactly what is checked in each query language.
package dsl
