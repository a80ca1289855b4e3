// Package jsonpath parses the JSONPath dialect used by AWS Step Functions
// (Amazon States Language, JSONPath query language mode) into a typed AST.
//
// Step Functions evaluates paths with the Jayway JsonPath engine, so this
// package accepts the Jayway syntax:
//
//	$                          the state input
//	$$                         the context object
//	$.a.b  $.my-key  $.ünï     dot children
//	$['a b']  $["x"]  $.['x']  bracket children (JSON-style escapes)
//	$[0]  $[-1]                indices
//	$.*  $[*]                  wildcards
//	$[0,1]  $['a','b']         unions
//	$[1:]  $[:2]  $[1:5:2]     slices
//	$..name  $..[0]  $..*      recursive descent
//	$[?(@.price < 10)]         filters
//	$[(@.length-1)]            the script (@.length-N), read as the index [-N]
//	$.a.length()               a trailing function
//
// Filter expressions support &&, ||, !, parentheses, the comparison
// operators == != < <= > >= and =~ /regex/flags, and the word operators
// in, nin, subsetof, anyof, noneof, size and empty. Operands are relative
// paths (@...), absolute paths ($...), numbers, strings in single or double
// quotes, true, false, null and JSON array literals. An unquoted word
// ([?(@.status==Failure)]) is a string, as AWS runs it. Trailing spaces
// after a path are ignored, as Jayway trims them.
//
// Parse reports problems as *SyntaxError values carrying the byte offset of
// the problem. Parse never panics.
//
// The AST is designed to be walked by an evaluator: every node is a concrete
// Go type, literals are already decoded and numbers are already converted,
// so nothing needs to be re-parsed. Path.String renders a canonical form that
// parses back to an equal AST.
//
// # Evaluation
//
// Path.Select evaluates a path over jsonvalue values exactly as Jayway
// JsonPath does for AWS, quirks included: definite paths yield a value or a
// *NotFoundError carrying Jayway's message, indefinite paths a list of
// matches; slices ignore their step and do not adjust a negative end; a
// filter applied to an object tests the object itself; == compares numbers
// as decimals, and a string equal to a number's text equals the number; !=
// holds when an operand is missing; path functions compute in Java doubles.
// Path.Normalized gives Jayway's rendering of a path ($['a'][0]) as AWS
// quotes it in error causes. Path.Set places a value at a reference path,
// as ResultPath does, copying only what it changes.
package jsonpath
