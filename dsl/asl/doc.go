// Package asl is the Amazon States Language document model: Go types for every
// field of the specification, strict decoding of any ASL JSON with the location
// of each problem, deterministic encoding, and static validation that reports
// AWS's diagnostic codes.
//
// A document decodes with [Unmarshal] and encodes with [Marshal]. Decoding is
// strict: an unknown field, a field of the wrong JSON type, a field that the
// state's type does not allow or a duplicated key is an error that names its
// location as a JSON pointer, such as /States/Pay/TimeoutSeconds, with the line
// and column in the source. Encoding is deterministic: keys appear in a fixed
// order (Comment, StartAt, States, ... at the top; Type first within a state),
// states in the order they were defined, two-space indentation, no HTML
// escaping and a trailing newline, so encoding a decoded document gives the same
// JSON value back, and encoding twice gives the same bytes.
//
// Fields that hold arbitrary JSON (Parameters, Result, Arguments, Output,
// Assign, ...) are [encoding/json.RawMessage] values kept as written, so
// payload templates keep their key order.
//
// [Validate] checks a decoded document the way AWS's
// ValidateStateMachineDefinition does for the rules it covers and returns
// [Diagnostic] values with AWS's codes (SCHEMA_VALIDATION_FAILED,
// MISSING_TRANSITION_TARGET, DUPLICATE_STATE_NAME, ...) and locations.
// Its warnings also check Task states against the AWS API models of package
// [github.com/aslgen/aslgen/dsl/awsapi]: a Resource that names no service
// integration ([CodeUnknownIntegration]) and Parameters or Arguments fields
// that the integration does not take ([CodeUnsupportedParameter]).
//
// Besides the standard library, the package imports the expression parsers
// (dsl/jsonpath, dsl/intrinsic, dsl/jsonata), dsl/jsonvalue and dsl/awsapi, a
// leaf package that imports only the standard library and dsl/jsonvalue.
package asl
