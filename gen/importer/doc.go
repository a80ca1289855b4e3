// Package importer turns an Amazon States Language document into the Go
// builder code (package dsl) that builds it again: the code behind
// "aslgen import".
//
// [Generate] writes one Go file that declares a constructor,
//
//	func NAME() *dsl.Machine
//
// whose machine, built, is the imported document as a JSON value: the same
// states, fields and values, with keys in aslgen's canonical order (payload
// templates are dsl.Obj values, whose keys the builder writes sorted). The
// code is what a person would write: one variable per state, in definition
// order, named after the state; linear runs of Next as Graph.Chain calls;
// Choice rules as typed conditions (dsl.NumericGreaterThan, dsl.And, ...);
// durations as time.Duration; the predefined error names as the dsl
// constants; retriers and catchers as values, shared when identical;
// payload templates as dsl.Obj with dsl.Path and intrinsic helpers
// (dsl.Format, dsl.MathAdd, ...); the optimized Lambda integration as
// Graph.LambdaInvoke. JSONata, variables (Assign), Distributed Map, comments
// and "${...}" placeholders are kept as they are.
//
// Every identifier but the constructor is local to it, so that any number
// of documents can be imported into one package.
//
// A field that the builder cannot express exactly is not written as raw
// JSON: it is reported as a [Gap], with its location in the document, and
// the code written for it comes as close as the builder allows, with a
// comment that says what differs.
package importer
