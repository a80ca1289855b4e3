package asl

import (
	"fmt"
	"sort"
	"strings"
)

// Diagnostic codes, as AWS's ValidateStateMachineDefinition reports them.
const (
	CodeInvalidJSON             = "INVALID_JSON_DESCRIPTION"
	CodeMissingDescription      = "MISSING_DESCRIPTION"
	CodeSchemaValidationFailed  = "SCHEMA_VALIDATION_FAILED"
	CodeInvalidResource         = "INVALID_RESOURCE"
	CodeMissingEndState         = "MISSING_END_STATE"
	CodeDuplicateStateName      = "DUPLICATE_STATE_NAME"
	CodeInvalidStateName        = "INVALID_STATE_NAME"
	CodeDuplicateLabelName      = "DUPLICATE_LABEL_NAME"
	CodeInvalidLabelName        = "INVALID_LABEL_NAME"
	CodeMissingTransitionTarget = "MISSING_TRANSITION_TARGET"
	CodeTooDeeplyNested         = "TOO_DEEPLY_NESTED"
	// CodeInvalidJSONata is the code AWS gives a JSONata expression that
	// does not parse; Validate reports it.
	CodeInvalidJSONata = "INVALID_JSONATA_EXPRESSION"
)

// Warning codes, as AWS's ValidateStateMachineDefinition reports them.
const (
	// CodeNoDollar: a field without the .$ suffix whose value looks like a
	// JSONPath or an intrinsic function, and is therefore a literal.
	CodeNoDollar = "NO_DOLLAR"
	// CodeNoPath: a field whose value looks like a path, but whose name does
	// not end with Path, so the value is a literal.
	CodeNoPath = "NO_PATH"
	// CodePassResultIsStatic: a path in the Result of a Pass state, which is
	// never evaluated.
	CodePassResultIsStatic = "PASS_RESULT_IS_STATIC"
)

// Warning codes of aslgen's own, for likely mistakes that AWS accepts.
const (
	// CodeUnreachableRetrier: a retrier whose errors earlier retriers
	// already handle, so it never matches.
	CodeUnreachableRetrier = "UNREACHABLE_RETRIER"
	// CodeUnreachableCatcher: a catcher whose errors earlier catchers
	// already handle, so it never fires.
	CodeUnreachableCatcher = "UNREACHABLE_CATCHER"
	// CodeUndefinedVariable: a variable read where no state of its scope or
	// of an enclosing scope assigns it (reading it fails at run time), or
	// read inside a Distributed Map from an enclosing scope.
	CodeUndefinedVariable = "UNDEFINED_VARIABLE"
)

// Error is a problem found while decoding a document: where it is and what
// is wrong.
type Error struct {
	// Pointer locates the problem as a JSON pointer, such as
	// /States/Pay/TimeoutSeconds; empty for a JSON syntax error.
	Pointer string
	// Line and Column give the position in the source (1-based; Column in
	// bytes). Both are 0 when the document did not come from source text.
	Line, Column int
	// Code is AWS's diagnostic code for the problem.
	Code string
	// Message says what is wrong.
	Message string
}

// Error formats the error as "line:col: pointer: message".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:%d: ", e.Line, e.Column)
	}
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// ErrorList is a list of decoding errors, in source order.
type ErrorList []*Error

// Error joins the errors one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Column < l[j].Column
	})
}

// pointerKey escapes a key for use in a JSON pointer (RFC 6901).
func pointerKey(k string) string {
	if !strings.ContainsAny(k, "~/") {
		return k
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}

// Join returns the pointer of key inside the value at pointer ptr.
func Join(ptr, key string) string { return ptr + "/" + pointerKey(key) }
