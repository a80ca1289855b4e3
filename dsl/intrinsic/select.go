package intrinsic

import (
	"errors"

	"github.com/aslgen/aslgen/dsl/jsonpath"
)

// selectPath evaluates p against input ($) and context ($$).
func selectPath(p *jsonpath.Path, input, context any) (any, error) {
	return p.Select(input, context)
}

// isNotFound reports whether err means that the path names no value, which
// AWS reports as "The JsonPath argument for the field ... could not be
// found". Jayway raises a PathNotFoundException then; indexing a value
// that is not an array raises an InvalidPathException instead, whose
// message AWS passes on as it is ("Filter: [0] can only be applied to
// arrays. Current context is: 1"), as it does for Jayway's other errors.
func isNotFound(err error) bool {
	var nf *jsonpath.NotFoundError
	return errors.As(err, &nf) && nf.Reason != jsonpath.NotAnArray
}
