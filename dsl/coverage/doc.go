// Package coverage holds workflow coverage: for one state machine, how often
// each state was entered, each edge taken (every Next and End, every Choice
// rule and Default, every Catch), and each retrier fired, over many
// simulator runs.
//
// The simulator (package dsl/sim) collects it: with the environment
// variable ASLGEN_COVERDIR set to a directory, as Go's GOCOVERDIR, every run
// in every test process adds its counts there (see [Writer] for the files),
// and `aslgen cover -func DIR` or `aslgen cover -html DIR -o FILE` reports
// them ([Read] merges the files). In a test, sim.Coverage gives the
// [Profile] of some executions and [Profile.Require] asserts that every
// item of some kinds was reached:
//
//	p := sim.Coverage(doc, ex1, ex2, ex3)
//	p.Require(t, coverage.Catchers) // every Catch was taken
package coverage
