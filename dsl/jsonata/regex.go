package jsonata

// regexValue is a placeholder until the regex support lands.
func (ev *evaluator) regexValue(n *Regex) (any, error) {
	return nil, rterr("U1002", n.Offset, "regular expressions are not evaluated yet")
}
