package diff_test

import (
	"os"

	"github.com/aslgen/aslgen/gen/internal/diff"
)

// Unified writes what aslgen -diff prints for a file that would change.
func ExampleUnified() {
	old := []byte("{\n  \"StartAt\": \"Hello\",\n  \"States\": {}\n}\n")
	new := []byte("{\n  \"StartAt\": \"Welcome\",\n  \"States\": {}\n}\n")
	os.Stdout.Write(diff.Unified("a/hello.asl.json", "b/hello.asl.json", old, new))
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
