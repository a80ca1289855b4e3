package asl

import jsonataparser "github.com/aslgen/aslgen/dsl/jsonata"

// parseJSONata parses a JSONata template string, "{% expression %}", with
// jsonata.ParseTemplate: the parser of JSONata 2.0, the version AWS runs,
// under the template rule that the simulator applies too. It is called
// only by Validate, so a program that uses this package's types without
// validating does not link the parser.
func parseJSONata(tmpl string) (*jsonataparser.Expr, error) {
	return jsonataparser.ParseTemplate(tmpl)
}
