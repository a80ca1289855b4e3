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
package jsonvalue
