// Package runner is the library that aslgen's generated runner program calls.
//
// aslgen (package [github.com/aslgen/aslgen/gen]) finds the workflow
// constructors of a package, writes a small main package that imports it and
// calls [Main] with every constructor, builds that program inside the user's
// module and runs it with the path of an output file. [Main] calls each
// constructor, builds its machine and writes one JSON [Description] of the
// results to that file. The runner never writes to standard output, which
// belongs to the user's code.
//
// Because the runner is compiled inside the user's module, this package
// imports only the standard library, [github.com/aslgen/aslgen/dsl] and
// [github.com/aslgen/aslgen/dsl/asl].
//
// # Output format
//
// The description is a JSON object, versioned so that an aslgen binary can
// tell whether it understands a runner built from another version of this
// module:
//
//	{
//	  "version": 1,
//	  "machines": [
//	    {
//	      "pkg": "example.com/orders",       // import path of the package
//	      "func": "OrderProcessing",         // the constructor
//	      "name": "OrderProcessing",         // the machine's name, if it returned one
//	      "asl": "{\n  \"StartAt\": ...",     // the canonical ASL text (asl.Marshal), when it built
//	      "error": "...",                    // a returned error or a nil machine
//	      "errors": [                        // Build's positioned errors
//	        {"file": "/abs/flow.go", "line": 12, "state": "Pay", "message": "..."}
//	      ],
//	      "panic": "...",                    // the panic value, formatted with %v
//	      "stack": [                         // the frames of the panicking code
//	        {"func": "example.com/orders.OrderProcessing", "file": "/abs/flow.go", "line": 9}
//	      ]
//	    }
//	  ]
//	}
//
// Exactly one of asl, error, errors and panic is present for each
// constructor, in the order the constructors were given. Fields that do not
// apply are omitted.
package runner
