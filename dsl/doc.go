// Package dsl is the typed Go builder for AWS Step Functions workflows. A
// workflow is written as a function that returns a *Machine; the aslgen
// generator (run by go generate) turns it into Amazon States Language JSON
// that is committed next to the code and deployed.
//
//	//go:generate go tool aslgen
//
//	// OrderProcessing validates, charges and ships an order.
//	func OrderProcessing() *dsl.Machine {
//		m := dsl.NewMachine("OrderProcessing").InputType(dsl.TypeOf[Order]())
//		failed := m.Fail("OrderFailed").Error("Order.ProcessingError")
//		validate := m.LambdaInvoke("ValidateOrder", "${ValidateOrderFunctionArn}").
//			OutputPath("$.Payload").
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
// (MapState.ItemProcessor). Each state type has exactly the methods ASL allows
// it: a Fail state has no InputPath, a Choice state no Next. Transitions are
// made with Next, Chain, a Choice's When and Otherwise, and Catch; they refer
// to states, not names, and stay inside their graph. The first state given to
// Chain starts the graph unless StartAt says otherwise; a state with nothing
// after it ends its graph.
//
// # Data
//
// Paths are [Path] values ("$.order.id"); payload templates are [Obj] values
// whose Path and intrinsic function values ([Format], [MathAdd], [UUID], ...)
// are evaluated at run time. Conditions are values ([NumericGreaterThan],
// [And], ...); retriers and catchers are values built by [Retry] and [Catch]
// with time.Duration intervals and typed [ErrorName]s. Go types for payloads
// are declared with [TypeOf] and carried in the model ([Machine.PayloadTypes]).
//
// # Errors
//
// Builder methods never panic. Each records the file and line of its caller;
// Build returns the ASL document, or an [ErrorList] of every problem sorted by
// position: bad paths, duplicate state names, states used across graphs, a
// state given two successors, unreachable states, and every finding of
// [asl.Validate], each at the builder call behind it.
//
// When Go types are declared (Machine.InputType and OutputType, a task's
// InputType and ResultType), Build also reports what they rule out, at the
// builder call of the field concerned: a path or JSONata expression that
// reads a member the types do not have, with a did-you-mean ($.amout,
// $states.input.emial, $order.amout for a workflow variable), a value of
// the wrong kind for a Choice rule or Condition, a task whose Parameters
// or Arguments (for lambda:invoke, their Payload) do not fit its declared
// input, and, at the OutputType call, a machine whose output cannot fit
// the declared output. Untyped data is never reported. Check also returns
// the warnings: paths into members the types mark optional or nullable.
// Package shape says exactly what is checked in each query language.
package dsl
