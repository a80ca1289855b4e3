// Package jsonvalue is the JSON value model that the simulator and the
// expression evaluators share: ordered objects, numbers kept as written, and
// the compact encoding AWS Step Functions uses in outputs and error causes.
//
// A value is one of:
//
//	nil            JSON null
//	bool           true or false
//	string         a string
//	Number         a number, as its JSON text ("1", "1.50", "2e3")
//	*Object        an object, its keys in insertion order
//	[]any          an array of values
//
// Values are treated as immutable once built: functions that change a value
// (such as a ResultPath merge) copy what they change.
//
// The package also holds what the packages built on it would otherwise
// each define again: deep equality, with numbers compared by value (Equal)
// or as Java compares them (JavaEqual, JavaKey), the one JSON string
// writer (AppendStringWith, whose Escaping flags give the rules of
// encoding/json, JavaScript and Jackson), the JSON number grammar
// (ScanNumber) and Java's views of values (JavaString, JavaNumber,
// UTF16Len).
package jsonvalue
