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
//
// Call.Eval evaluates a call as AWS Step Functions does, against the state
// input ($) and the context object ($$) given in an Env. Values are those
// of package jsonvalue. AWS implements the functions in Java, and several
// Java behaviours show through; Eval reproduces them:
//
//   - States.Format prints values as Java does: {a=1, b=[x, null]} for an
//     object, 1.0E20 for a large double, strings without quotes;
//   - numeric arguments become 32-bit ints by truncation (1.9 is 1), except
//     in States.MathAdd, which rounds half up (Math.round: -2.5 is -2);
//   - States.ArrayContains and States.ArrayUnique compare with Java's
//     equals, so the integer 1 and the double 1.0 differ;
//   - States.MathRandom with a seed draws from java.util.Random, giving
//     AWS's values;
//   - States.Base64Decode is lenient and States.StringSplit drops empty
//     pieces.
//
// Failures are *Error values carrying AWS's error name (States.Runtime) and
// message; see Error for the exact texts.
package intrinsic
