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
//	$.a.length()               a trailing function
//
// Filter expressions support &&, ||, !, parentheses, the comparison
// operators == != < <= > >= and =~ /regex/flags, and the word operators
// in, nin, subsetof, anyof, noneof, size and empty. Operands are relative
// paths (@...), absolute paths ($...), numbers, strings in single or double
// quotes, true, false, null and JSON array literals.
//
// Parse reports problems as *SyntaxError values carrying the byte offset of
// the problem. Parse never panics.
//
// The AST is designed to be walked by an evaluator: every node is a concrete
// Go type, literals are already decoded and numbers are already converted,
// so nothing needs to be re-parsed. Path.String renders a canonical form that
// parses back to an equal AST.
package jsonpath
