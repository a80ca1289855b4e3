package gen_test

import (
	"fmt"
	"os"

	"github.com/aslgen/aslgen/gen"
)

// A machine's file is named after the machine: its letters and digits,
// lowercased.
func ExampleFileName() {
	for _, name := range []string{"OrderProcessing", "order-fulfilment v2", "Refund_Flow.V3"} {
		file, _ := gen.FileName(name)
		fmt.Println(file)
	}
	// Output:
	// orderprocessing.asl.json
	// orderfulfilmentv2.asl.json
	// refundflowv3.asl.json
}

// Diff writes what aslgen -diff prints for a file that would change.
func ExampleDiff() {
	old := []byte("{\n  \"StartAt\": \"Hello\",\n  \"States\": {}\n}\n")
	new := []byte("{\n  \"StartAt\": \"Welcome\",\n  \"States\": {}\n}\n")
	os.Stdout.Write(gen.Diff("a/hello.asl.json", "b/hello.asl.json", old, new))
	// Output:
	// --- a/hello.asl.json
	// +++ b/hello.asl.json
	// @@ -1,4 +1,4 @@
	//  {
	// -  "StartAt": "Hello",
	// +  "StartAt": "Welcome",
	//    "States": {}
	//  }
}
