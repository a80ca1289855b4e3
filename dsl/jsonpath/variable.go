package jsonpath

import "unicode"

// VariableName returns the workflow variable name at the start of s: a
// Unicode ID_Start character or _, then ID_Continue characters, as AWS
// accepts in Assign. It returns "" when s does not start with one.
func VariableName(s string) string {
	for i, r := range s {
		if r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) {
			continue
		}
		if i > 0 && (unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Pc)) {
			continue
		}
		return s[:i]
	}
	return s
}

// SplitVariable splits a path that starts with a workflow variable, such
// as $order.items[0], into the variable's name and the path that selects
// from its value ("$.items[0]"). ok is false for paths from $ and $$.
func SplitVariable(path string) (name, rest string, ok bool) {
	if len(path) < 2 || path[0] != '$' {
		return "", "", false
	}
	name = VariableName(path[1:])
	if name == "" {
		return "", "", false
	}
	return name, "$" + path[1+len(name):], true
}
