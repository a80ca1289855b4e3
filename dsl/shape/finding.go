package shape

// Severity grades a [Finding].
type Severity int

// Severities.
const (
	// Error: the path or data can never work as written (a member a Go
	// type does not have, a comparison of the wrong kind, an input that
	// does not fit the task's declared type).
	Error Severity = iota
	// Warning: it may fail at run time (an optional member may be absent,
	// a value may be null).
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Finding is a problem [Analyze] found in a state's data processing.
type Finding struct {
	// Severity says whether it is an error or a warning.
	Severity Severity
	// Location is the JSON pointer of the offending field in the document,
	// such as /States/Pay/Parameters/amount.$, /States/Check/Choices/0/Variable,
	// /States/Greet/Output, /States/Greet/Arguments/Payload/email or
	// /States/P/Branches/0/States/X/InputPath. A finding about a declared
	// type (Field OutputType or ResultType) is located at its state:
	// /States/Done.
	Location string
	// State is the name of the state.
	State string
	// Field names the field readably: InputPath, Parameters "amount.$"
	// (nested template keys are joined with /: Parameters "order/total.$"),
	// Output, Arguments "Payload/email", Choices[0].Variable,
	// Choices[1].Condition, Catch[1].ResultPath, Catch[0].Output. It is
	// OutputType for a terminal state whose output does not fit the
	// machine's declared output (a builder reports it where the output type
	// was declared), and ResultType for a task's declared result.
	Field string
	// Path is the path or expression text concerned, as written (for an
	// intrinsic function, the path argument concerned; for JSONata, the
	// path within the expression); empty when the finding is about a whole
	// payload (an input that does not fit its declared type).
	Path string
	// Message says what is wrong, beginning with the path when there is
	// one: `$.amout: no field "amout" in orders.Order (did you mean
	// "amount"?)`, `$states.input.emial: no field "emial" in
	// orders.Customer (did you mean "email"?)`.
	Message string
}

// String formats the finding as `Location: severity: state "S": Field: Message`.
func (f Finding) String() string {
	return f.Location + ": " + f.Severity.String() + ": state " + quote(f.State) + ": " + f.Field + ": " + f.Message
}
