package asl

import jsonataparser "github.com/aslgen/aslgen/dsl/jsonata"

// parseJSONata parses the text of a JSONata expression (what stands between
// "{%" and "%}") with the parser of JSONata 2.0, the version AWS runs. It is
// called only by Validate, so a program that uses this package's types
// without validating does not link the parser.
func parseJSONata(expr string) (*jsonataparser.Expr, error) {
	return jsonataparser.ParseWith(expr, jsonataparser.Options{JSONata20: true})
}
