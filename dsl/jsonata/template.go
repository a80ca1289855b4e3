package jsonata

import "strings"

// IsExpression reports whether s is a JSONata template string of the Amazon
// States Language: it starts with "{%" and ends with "%}". In a state whose
// query language is JSONata, such a string is evaluated; any other string is
// a literal.
//
// A string that starts with "{%" or ends with "%}" but is not a well-formed
// template (see ParseTemplate) is most likely a mistake; validators should
// report it with the error from ParseTemplate.
func IsExpression(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// ParseTemplate parses a JSONata template string "{% expression %}".
//
// This is the one rule for templates that the validator (package asl) and
// the simulator (package sim) share, AWS's rule: the string starts with
// "{%" and ends with "%}", and what stands between them, white space
// aside, is the expression. White space inside the delimiters is optional,
// on either side: "{% 1+2 %}", "{%\n  $x\n%}", "{% $states.input%}" and
// "{%1+2%}" are templates (AWS's published samples deploy one-sided
// spacing, and LocalStack's ASL lexer, checked against AWS, takes any
// string between the delimiters). A string with white space outside the
// delimiters (" {% 1 %}") is not a template at all (see IsExpression). The
// expression is parsed as JSONata 2.0, the version AWS Step Functions
// evaluates (see Options.JSONata20). Offsets in the result, and in errors,
// are byte offsets in s. Errors are of type *SyntaxError.
func ParseTemplate(s string) (*Expr, error) {
	bad := func(off int, msg string) error {
		return &SyntaxError{Input: s, Offset: off, Msg: msg}
	}
	const hint = `; a JSONata template must have the form "{% expression %}"`
	switch {
	case !strings.HasPrefix(s, "{%"):
		return nil, bad(0, `missing "{%" at the start of the template`+hint)
	case len(s) < 4 || !strings.HasSuffix(s, "%}"):
		return nil, bad(len(s), `missing "%}" at the end of the template`+hint)
	}
	start, end := 2, len(s)-2
	if strings.TrimLeft(s[start:end], " \t\n\r\v\f") == "" {
		return nil, bad(start, "empty JSONata expression"+hint)
	}
	return parse(s, start, end, Options{JSONata20: true})
}
