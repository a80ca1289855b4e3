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
// machine). Running the tests with -update rewrites the files instead:
//
//	go test ./... -update
package golden
