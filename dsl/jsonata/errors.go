package jsonata

import "strconv"

// SyntaxError describes a problem found while parsing a JSONata expression.
//
// Code is the error code the JSONata reference implementation (jsonata-js)
// raises for the same problem, such as "S0201" (unexpected token) or "S0202"
// (expected token), so that messages can be matched against JSONata's own
// documentation. It is empty for the few checks that the reference
// implementation does not make.
type SyntaxError struct {
	// Input is the complete text that was being parsed: the expression given
	// to Parse, or the whole template string given to ParseTemplate.
	Input string
	// Offset is the byte offset in Input at which the problem was found.
	Offset int
	// Code is the JSONata error code, for example "S0202"; see the package
	// documentation for the list.
	Code string
	// Token is the offending token or symbol, where there is one.
	Token string
	// Msg is a short lower-case description such as
	// `expected ")" before end of expression`.
	Msg string
}

// Error returns Msg followed by " at column N", where N is Offset+1
// (columns count bytes, starting at 1, across lines).
func (e *SyntaxError) Error() string {
	return e.Msg + " at column " + strconv.Itoa(e.Offset+1)
}

// JSONata error codes raised by this package. The messages are this
// package's own; the codes are those of the reference implementation.
const (
	codeUnterminatedString  = "S0101"
	codeNumberRange         = "S0102"
	codeBadEscape           = "S0103"
	codeBadUnicodeEscape    = "S0104"
	codeUnterminatedQuote   = "S0105"
	codeUnterminatedComment = "S0106"
	codeSyntax              = "S0201"
	codeExpected            = "S0202"
	codeExpectedBeforeEnd   = "S0203"
	codeUnknownOperator     = "S0204"
	codeUnexpectedEnd       = "S0207"
	codeParamNotVariable    = "S0208"
	codePredicateAfterGroup = "S0209"
	codeTwoGroups           = "S0210"
	codeNotPrefix           = "S0211"
	codeBindNotVariable     = "S0212"
	codeLiteralStep         = "S0213"
	codeBindingNotVariable  = "S0214"
	codeFocusAfterPredicate = "S0215"
	codeFocusAfterSort      = "S0216"
	codeParent              = "S0217"
	codeEmptyRegex          = "S0301"
	codeUnterminatedRegex   = "S0302"
	codeTypeParameter       = "S0401"
	codeChoiceParameterized = "S0402"
)
