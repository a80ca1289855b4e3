package files_test

import (
	"fmt"

	"github.com/aslgen/aslgen/gen/internal/files"
)

// A machine's file is named after the machine: its letters and digits,
// lowercased.
func ExampleASLName() {
	for _, name := range []string{"OrderProcessing", "order-fulfilment v2", "Refund_Flow.V3"} {
		file, _ := files.ASLName(name)
		fmt.Println(file)
	}
	// Output:
	// orderprocessing.asl.json
	// orderfulfilmentv2.asl.json
	// refundflowv3.asl.json
}
