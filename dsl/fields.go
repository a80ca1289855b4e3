package dsl

import "github.com/aslgen/aslgen/dsl/asl"

// The fields that several state types share come in groups, as ASL grants
// them, and each state type embeds the groups it has: every state has
// [Common]; all but Fail have [IO]; all but Succeed and Fail have [Vars];
// those that may continue (Task, Pass, Wait, Parallel, Map) have
// [Transition]; those with a result (Task, Pass, Parallel, Map) have [Data];
// those that do work (Task, Parallel, Map) have [Outcome]; Task and Parallel
// have [Args]. A group's methods return the state they are called on, so
// calls chain: m.Pass("A").Comment("...").ResultPath("$.a").Next(b).

// Common gives every state its name, Comment and QueryLanguage.
type Common[S State] struct{ c *stateCore }

// self returns the state that embeds a group.
func self[S State](c *stateCore) S { return c.self.(S) }

// Name returns the state's name.
func (x Common[S]) Name() string {
	if x.c == nil {
		return "" // a state not created by a Graph
	}
	return x.c.name
}

// Comment describes the state.
func (x Common[S]) Comment(text string) S {
	x.c.comment = text
	return self[S](x.c)
}

// QueryLanguage sets the state's query language, overriding the machine's.
func (x Common[S]) QueryLanguage(ql asl.QueryLanguage) S {
	x.c.ql = ql
	x.c.mark("QueryLanguage", here())
	return self[S](x.c)
}

// IO gives every state but Fail the fields that select its input and shape
// its output.
type IO[S State] struct{ c *stateCore }

// InputPath selects the part of the state's input to use (JSONPath mode);
// NullPath gives {}.
func (x IO[S]) InputPath(p Path) S {
	x.c.setPath(&x.c.inputPath, "InputPath", p, here())
	return self[S](x.c)
}

// OutputPath selects the part of the state's output to pass on (JSONPath
// mode); NullPath gives {}.
func (x IO[S]) OutputPath(p Path) S {
	x.c.setPath(&x.c.outputPath, "OutputPath", p, here())
	return self[S](x.c)
}

// Output sets the state's output (JSONata mode): any JSON value, with
// "{% ... %}" expressions in its strings, or an [Expr].
func (x IO[S]) Output(v any) S {
	x.c.setTemplate(&x.c.output, "Output", v, here())
	return self[S](x.c)
}

// Vars gives every state but Succeed and Fail the Assign field, which sets
// workflow variables.
type Vars[S State] struct{ c *stateCore }

// Assign sets variables from the state's input and result: an [Obj] whose
// values may be paths (JSONPath mode) or "{% ... %}" expressions (JSONata).
// Later states read a variable as $name, in paths and in expressions.
func (x Vars[S]) Assign(v any) S {
	x.c.setTemplate(&x.c.assign, "Assign", v, here())
	return self[S](x.c)
}

// Transition gives the states that may continue (Task, Pass, Wait,
// Parallel, Map) their Next. A state with no Next ends its machine, branch
// or item processor.
type Transition[S State] struct{ c *stateCore }

// Next sets the state to go to afterwards.
func (x Transition[S]) Next(next State) S {
	x.c.setNext(next, here())
	return self[S](x.c)
}

// Data gives the states with a result (Task, Pass, Parallel, Map) the
// JSONPath fields that make their effective input and place their result.
type Data[S State] struct{ c *stateCore }

// Parameters sets the state's effective input (JSONPath mode): an [Obj]
// payload template whose [Path] and [Intrinsic] values are evaluated at
// run time.
func (x Data[S]) Parameters(v any) S {
	x.c.setTemplate(&x.c.parameters, "Parameters", v, here())
	return self[S](x.c)
}

// ResultPath places the state's result in its input at p (JSONPath mode);
// "$" replaces the input, [NullPath] discards the result.
func (x Data[S]) ResultPath(p Path) S {
	x.c.setPath(&x.c.resultPath, "ResultPath", p, here())
	return self[S](x.c)
}

// Outcome gives the states that do work (Task, Parallel, Map) the fields
// that handle its outcome: ResultSelector shapes a result, Retry and Catch
// handle errors.
type Outcome[S State] struct{ c *stateCore }

// ResultSelector shapes the raw result before ResultPath (JSONPath mode).
func (x Outcome[S]) ResultSelector(v any) S {
	x.c.setTemplate(&x.c.resultSelector, "ResultSelector", v, here())
	return self[S](x.c)
}

// Retry adds retriers, tried in order; see [Retry].
func (x Outcome[S]) Retry(rs ...*Retrier) S {
	x.c.addRetriers(rs, here())
	return self[S](x.c)
}

// Catch adds catchers, tried in order; see [Catch].
func (x Outcome[S]) Catch(cs ...*Catcher) S {
	x.c.addCatchers(cs, here())
	return self[S](x.c)
}

// Args gives Task and Parallel states the Arguments field.
type Args[S State] struct{ c *stateCore }

// Arguments sets the state's input (JSONata mode): an object whose strings
// may hold "{% ... %}" expressions, or one such expression.
func (x Args[S]) Arguments(v any) S {
	x.c.setTemplate(&x.c.arguments, "Arguments", v, here())
	return self[S](x.c)
}
