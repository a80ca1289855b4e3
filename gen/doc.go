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
// # Files
//
// Each machine becomes <name>.asl.json beside its package's Go files, the
// name derived from the machine's name by [FileName]; two machines of one
// package that map to the same file are an error. Everything is rendered in
// memory first: when anything failed, nothing is written. Then, in the
// default [ModeWrite] mode, every file whose content changed is replaced
// atomically, as [WriteFileAtomic] does, in two phases: all temporary files
// are written and synced before any is renamed into place. [ModeCheck] lists the files that are missing or
// out of date, and [ModeDiff] prints unified diffs ([Diff]) instead; both write
// nothing and make Run return [ExitStale].
//
// aslgen never overwrites a file it did not write: an existing .asl.json must
// be in aslgen's canonical form ([IsCanonicalASL]) and a .go file must be
// marked as generated ([IsGenerated]); see [CheckOwned].
//
// # Exit codes
//
// [Run] and [Validate] return [ExitOK] (0), [ExitStale] (1: out-of-date files
// found, or invalid documents) or [ExitError] (2).
package gen
