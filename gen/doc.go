// Package gen is aslgen's generator: it finds the workflow constructors of Go
// packages, runs them, and writes, checks or diffs the ASL files they
// describe. The aslgen command (cmd/aslgen) is a thin layer over [Run] and
// [Validate].
//
// # Constructors
//
// A workflow constructor is an exported top-level function, without receiver,
// type parameters or parameters, that returns *dsl.Machine or
// (*dsl.Machine, error), where dsl is whatever name the file gives the import
// of [DSLPath]:
//
//	// OrderProcessing validates, charges and ships an order.
//	func OrderProcessing() *dsl.Machine { ... }
//
// Test files are ignored. Constructors are found from the source alone
// (go/packages, parse only), so code that does not compile elsewhere does not
// stop discovery. A constructor in a package main is an error, because the
// runner cannot import it.
//
// # How it runs
//
// [Run] writes a small main package (the runner) with jennifer that imports
// the packages and calls [github.com/aslgen/aslgen/gen/runner.Main] with every
// constructor. It builds the runner with `go build -overlay` inside the user's
// module, so the runner builds against the user's go.mod and nothing is
// written into their tree: the runner's source lives only in the overlay, at
// <common directory of the packages>/aslgen_runner_<random>/main.go, a path in
// a directory that does not exist on disk (go build -overlay accepts that).
// Packages share a runner when they are in one module and a runner under
// their common directory may import each of them under Go's internal-package
// rule; otherwise they get runners of their own (the directory of a single
// package always qualifies). In the same overlay, Go files of the packages
// that carry [GeneratedHeader] are replaced by a stub holding only their
// package clause, so stale generated code never blocks regeneration.
//
// The runner calls each constructor under recover, builds and encodes its
// machine, and writes a versioned JSON description to a file whose path it is
// given (standard output belongs to the user's code). When the packages do
// not compile, Run prints the go command's output as it printed it. When
// constructors fail (panic, return an error or a nil machine, or Build
// reports errors), Run prints each problem as file:line: message.
//
// # Which packages are aslgen's
//
// A package is aslgen's when one of its Go files (tests included, as go
// generate reads them) has a //go:generate line that runs aslgen
// ([RunsASLGen]): exactly the packages in which `go generate ./...` runs it.
// Generating, -check and -diff all apply this rule, so that after go
// generate, -check passes. A matched package with workflow constructors but
// no such line is skipped with a note on standard error ("skipping package
// ..."), and is an error when nothing else matched.
//
// # Files
//
// Each machine becomes <name>.asl.json beside its package's Go files, the
// name derived from the machine's name by [FileName]; two machines of one
// package that map to the same file are an error.
//
// When a machine of the package declares Go types, aslgen also writes two Go
// files, both starting with [GeneratedHeader]:
//
//   - [GoFileName] (aslgen_gen.go), what production code may import: for
//     every machine of the package its ASL, embedded, with an accessor
//     <M>ASL; for typed machines the payload types <M>Input, <M>Output,
//     <M><State>Input and <M><State>Output. It imports only bytes, embed,
//     time and the packages of the user's own types, never the simulator, so
//     a Lambda handler that uses the types does not link it.
//   - [GoTestFileName] (aslgen_gen_test.go), compiled only into the package's
//     tests: New<M>Simulator, which runs the embedded ASL in dsl/sim, and a
//     typed Mock<M><State> for each task of a typed machine.
//
// M is the machine's name as an exported Go identifier (order-processing →
// OrderProcessing, orderId → OrderID, 9lives → X9lives) and State the task's:
// every generated name depends only on the machine and the state it
// describes, never on the package's other machines. Nested structs are named
// after their parent type and member (<M><State>InputCustomer), array
// elements after their array (...Item), map values ...Value. A user's type
// is reused, as an alias or a member's type, wherever the shape is that type
// or has exactly its shape. Optional members are pointers with omitempty, so
// that absent and zero differ; optional slices, maps and interfaces, whose
// nil says absent, get omitzero. A name that two states or machines need, or
// that the package declares already (tests included), is an error at the
// state's builder call or the constructor; nothing is renamed behind the
// user's back.
//
// Everything is rendered in memory first: when anything failed, nothing is
// written. Then, in the default [ModeWrite] mode, every file whose content
// changed is replaced atomically, as [WriteFileAtomic] does, in two phases:
// all temporary files are written and synced before any is renamed into
// place; then aslgen's Go files that the package no longer needs (its
// machines declare no type any more, or are gone) are deleted, when they
// carry [GeneratedHeader]. [ModeCheck] lists the files that are missing, out
// of date or to delete, and [ModeDiff] prints unified diffs ([Diff]) instead;
// both write nothing and make Run return [ExitStale].
//
// aslgen never overwrites or deletes a file it did not write: an existing
// .asl.json must be in aslgen's canonical form ([IsCanonicalASL]) and a .go
// file must carry aslgen's own header ([IsGeneratedByASLGen]; another tool's
// "Code generated ... DO NOT EDIT." header does not count); see
// [CheckOwned]. .asl.json files that no machine writes any more are left in
// place: nothing marks them as aslgen's.
//
// # Warnings
//
// The data-flow analysis's warnings (a path into a member that a declared
// type marks optional, ...) are printed as file:line: warning: ... in every
// mode. With [Config.Strict] they are errors: Run returns [ExitError] and
// writes nothing.
//
// # Exit codes
//
// [Run] and [Validate] return [ExitOK] (0), [ExitStale] (1: out-of-date files
// found, or invalid documents) or [ExitError] (2).
package gen
