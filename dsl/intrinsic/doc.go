// Package intrinsic parses Amazon States Language intrinsic function calls
// such as
//
//	States.Format('Hello {}, you owe {}', $.name, States.MathAdd($.a, 1))
//
// into a typed AST.
//
// An argument is one of
//
//   - a string literal in single quotes, in which \' \{ \} and \\ are the
//     only escapes (StringLit keeps both the decoded value and the raw text,
//     so that States.Format can tell an escaped \{ from a placeholder {});
//   - a number, integer or decimal, optionally negative (NumberLit);
//   - true, false (BoolLit) or null (NullLit);
//   - a JSONPath starting with $ or $$ (PathArg, parsed by package
//     jsonpath); the path ends before the first ',' or ')' that is outside
//     its brackets and quotes;
//   - a nested call (*Call).
//
// Parse accepts only the 18 intrinsic functions documented by AWS, checks
// their argument counts, limits nesting to MaxDepth calls, and performs the
// checks on literal arguments that can be made without input data (argument
// kinds such as "must be a number", hash algorithm names, the number of
// States.Format placeholders, a zero States.ArrayRange step, ...).
//
// Errors are *SyntaxError values (the type is shared with package jsonpath)
// whose Offset is a byte offset into the complete call text; errors inside a
// path argument are reported at their position in the call text. Parse
// never panics.
package intrinsic
