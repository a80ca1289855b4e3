// Package jsonata parses and evaluates JSONata expressions, the query
// language of the JSONata mode of AWS Step Functions (the "{% ... %}"
// strings of states whose QueryLanguage is JSONata).
//
// Parse accepts the language of JSONata 2.2, the version of the reference
// test suite; ParseWith with Options.JSONata20 restricts it to JSONata 2.0,
// the version AWS Step Functions evaluates, which lacks the ?: and ??
// operators. ParseTemplate parses an ASL template string "{% expr %}" as
// JSONata 2.0, and IsExpression tells template strings from literals.
//
// Expr.Evaluate runs a parsed expression against a jsonvalue input with
// variable bindings; EvaluateWith bounds its depth and run time (Limits);
// EvaluateVars takes the variables from a Vars lookup instead of a map, and
// NoInput leaves "$" undefined, as in a Step Functions state.
// Evaluation errors are *RuntimeError values carrying the reference's
// error codes (T2001, D3030, ...) and the offset in the expression.
// TestEvalSuite runs the evaluator over the official suite (all 1,686
// cases pass) and would list any failing case by group. FreeVariables
// lists the variables an expression takes from its caller, such as the
// workflow variables a Step Functions state reads.
//
// The parser accepts exactly what the reference implementation (jsonata-js) accepts
// when it compiles an expression, and rejects the rest with the same error
// codes: during development it was checked against the whole official test
// suite and, by differential testing on some three hundred thousand
// generated and mutated expressions, against jsonata-js 2.2.2 and 2.0.6,
// both for acceptance and for the shape of the tree.
//
// # Grammar
//
//	literals     12  -1.5e3  "a\n"  'b'  true  false  null  /regex/flags
//	fields       name  `any name`  "string".as.step  *  **  %
//	variables    $name  $  $$
//	paths        a.b.c  a[pred]  a[]  a@$v  a#$i  a^(<x, >y)  a{k: v}
//	constructors [1, 2, 3..5]  {"k": v}  (e1; e2)
//	functions    $f(a, ?)  function($x)<n:n>{body}  λ($x){body}
//	operators    - (unary)  * / %  + - &  = != < <= > >= in  and  or
//	             ~>  ?:  ??  cond ? then : else  $v := value
//	others       |pattern|update, delete|   /* comments */
//
// Operators bind as in JSONata, from loosest to tightest:
//
//	:=                     10 (right associative)
//	? :                    20
//	or                     25
//	and                    30
//	= != < <= > >= in ~>   40
//	?: ??                  40 (the right operand extends to the end)
//	^(...)                 40 (order-by, applied to what precedes it)
//	+ - &                  50
//	* / %                  60
//	{...}  (grouping)      70
//	- (unary)              70
//	.                      75
//	[...] (...) @ #        80
//
// The range operator .. is allowed only as an item of an array
// constructor. The words and, or and in are field names where an operand
// is expected; function and λ start a function definition only when
// followed by "(".
//
// # Syntax tree
//
// Every node is a pointer to a struct declared in ast.go and carries the
// byte offset of its first character (Node.Pos). The tree is the one the
// reference implementation builds, so that an evaluator can follow the
// reference's semantics:
//
//   - A field name is always a one-step Path. Joining with "." flattens
//     paths into one Path whose Steps carry their own predicates and index
//     bindings (Stages), focus binding, [] marker and ancestor label. An
//     order-by clause is a Step whose Expr is a *Sort.
//   - Predicates, [], grouping and focus bindings applied to an expression
//     that is not a path (a variable, a block, a call...) wrap it in a
//     Postfix; the predicates then filter the whole value.
//   - A literal negated by unary minus is a negative Number.
//   - Each % operator (Parent) is resolved to the path step whose input it
//     denotes, which receives the same label (Step.Ancestor); see
//     parent.go for the rules.
//
// Format (and Expr.String) renders a tree as JSONata text that parses back
// to an equivalent tree.
//
// # Errors
//
// Errors are *SyntaxError values with the byte offset of the problem and
// the reference implementation's error code:
//
//	S0101 unterminated string           S0207 unexpected end of expression
//	S0102 number out of range           S0208 function parameter not a $variable
//	S0103 unsupported escape            S0209 predicate after a grouping
//	S0104 bad \u escape                 S0210 two groupings on one step
//	S0105 unterminated `name`           S0211 symbol cannot start an operand
//	S0106 unterminated comment          S0212 left of := not a $variable
//	S0201 unexpected token              S0213 literal used as a path step
//	S0202 expected token                S0214 right of @ or # not a $variable
//	S0203 expected token, got the end   S0215 focus binding after a predicate
//	S0204 unknown operator (! ~)        S0216 focus binding after order-by
//	S0301 empty regular expression      S0217 % cannot be resolved
//	S0302 unterminated regex            S0401, S0402 bad function signature
//
// A few errors have no code: invalid regular expressions (the reference
// reports JavaScript's own error), invalid modifier combinations in a
// signature, and nesting deeper than a thousand levels.
//
// # Compatibility notes
//
// Some behaviour of the reference implementation is surprising but is
// reproduced, because AWS Step Functions runs it:
//
//   - Whether "/" starts a regular expression depends on the preceding
//     token: a regular expression cannot directly follow "(", "[", "{" or
//     unary minus ((/a/) is an error), and "/" after [], a ? placeholder,
//     or the closing bracket of an order-by clause, a lambda or a
//     transform, starts one (a[] / 2 is an error).
//   - Names end only at white space and operator characters: a"b" is one
//     name and $x' a variable named x'.
//   - Function signatures are read leniently: unknown characters are
//     ignored, and so is the result type.
//   - [] after an index binding, an order-by clause or the grouping of a
//     path has no effect; after a focus binding on a lone step it marks the
//     step only (see Path.KeepSingletonArray and Apply.KeepArray).
//   - A % is resolved only where the reference resolves it: a bare %
//     predicate (a[%]), a % in a grouping, a lambda body, a transform or an
//     operand of ~> stays unlabelled instead of being an error.
//   - Regular expressions are checked for the errors that Go's
//     regexp/syntax and JavaScript agree on (nothing to repeat, unbalanced
//     parentheses, reversed ranges); other JavaScript syntax is accepted
//     unchecked.
package jsonata
