// Package golden compares workflows with committed golden files in tests.
//
// A test builds a machine and checks its ASL against the file that aslgen
// generated and the repository committed:
//
//	func TestOrderProcessingASL(t *testing.T) {
//		golden.ASL(t, orders.OrderProcessing(), "orderprocessing.asl.json")
//	}
//
// A mismatch fails the test with a go-cmp diff, -want (the file) +got (the
// machine). Running the tests with -update, or with the environment
// variable ASLGEN_UPDATE set to 1, rewrites the files instead:
//
//	go test ./orders -update
//	ASLGEN_UPDATE=1 go test ./...
//
// -update is a flag of the test binary. go test passes a flag it does not
// know to the test binary of every package it tests, and a binary that
// does not define the flag fails with "flag provided but not defined:
// -update"; the binaries that define it are those whose tests import
// golden. So "go test ./... -update" works only where every package with
// tests under ./... uses golden; ASLGEN_UPDATE=1 works in any run.
//
// golden defines -update as it is initialized, unless a package
// initialized before it, such as another golden-file library or a test
// helper package, already defined a bool flag named update: golden then
// shares that flag. A test file cannot define -update itself in a package
// that imports golden: golden is initialized first, and the flag package
// panics when a flag is defined twice ("flag redefined: update"). Such a
// test calls Updating instead, or looks the flag up (flag.Lookup) before
// it defines it.
package golden
