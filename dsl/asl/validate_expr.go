package asl

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/intrinsic"
	jsonataparser "github.com/aslgen/aslgen/dsl/jsonata"
	"github.com/aslgen/aslgen/dsl/jsonpath"
)

// checkJSONataHook, when a test sets it, replaces parseJSONata.
var checkJSONataHook func(expr string) (*jsonataparser.Expr, error)

// Limits of expressions and nesting.
const (
	// maxNesting is the deepest nesting of Parallel branches and Map item
	// processors. AWS documents no limit; TOO_DEEPLY_NESTED is AWS's code
	// for a definition nested too deeply, and 50 levels is far beyond any
	// real workflow while keeping hostile documents cheap to check.
	maxNesting = 50
	// maxVariableName is the longest variable name AWS accepts.
	maxVariableName = 80
)

// exprState is what Validate keeps while it checks paths, templates,
// intrinsic functions, JSONata expressions and variables.
type exprState struct {
	cur        *varScope   // the scope being checked
	scopes     []*varScope // every scope, outermost first
	refs       []varRef    // variable references found so far
	depth      int         // nesting of the current scope; the top level is 0
	tooDeep    bool        // TOO_DEEPLY_NESTED was reported
	nextDistrb bool        // the next scope is a Distributed Map's item processor
}

// varScope is the top level, a Parallel branch or a Map item processor: the
// scope in which Assign creates variables.
type varScope struct {
	parent      *varScope
	ptr         string
	distributed bool              // a Distributed Map's item processor
	assigned    map[string]string // variable name → location of its first assignment
	order       []string          // assigned names in the order found
}

// varRef is a variable read by a path or an expression.
type varRef struct {
	scope *varScope
	loc   string
	name  string
}

// pushScope enters a nested scope at ptr. It reports false, after a
// TOO_DEEPLY_NESTED diagnostic, when the scope is nested too deeply to be
// checked.
func (v *validator) pushScope(ptr string) bool {
	x := &v.ex
	distributed := x.nextDistrb
	x.nextDistrb = false
	if x.depth > maxNesting {
		if !x.tooDeep {
			x.tooDeep = true
			v.errorf(ptr, CodeTooDeeplyNested,
				"Parallel and Map states are nested more than %d levels deep here; flatten the workflow or move the inner part into a separate state machine", maxNesting)
		}
		return false
	}
	s := &varScope{parent: x.cur, ptr: ptr, distributed: distributed}
	x.cur = s
	x.scopes = append(x.scopes, s)
	x.depth++
	return true
}

func (v *validator) popScope() {
	v.ex.cur = v.ex.cur.parent
	v.ex.depth--
}

// isDistributedScope reports whether the nested scope at scPtr of Map s is
// a Distributed Map's item processor.
func isDistributedScope(s *Map, scPtr string) bool {
	ip := s.ItemProcessor
	if strings.HasSuffix(scPtr, "/Iterator") {
		ip = s.Iterator
	}
	return ip != nil && ip.ProcessorConfig != nil && ip.ProcessorConfig.Mode == ModeDistributed
}

// exprs checks what the structural rules leave alone in state st: its
// paths, payload templates, intrinsic functions, JSONata expressions,
// variables, and retriers and catchers that can never match. Fields that
// the state's query language does not allow are already reported and are
// skipped here.
func (v *validator) exprs(ptr string, st State, ql QueryLanguage) {
	if ql == JSONata {
		v.jsonataState(ptr, st)
	} else {
		v.jsonPathState(ptr, st)
	}
	switch s := st.(type) {
	case *Task:
		v.unreachableHandlers(ptr, s.Retry, s.Catch, true)
	case *Parallel:
		v.unreachableHandlers(ptr, s.Retry, s.Catch, false)
	case *Map:
		v.unreachableHandlers(ptr, s.Retry, s.Catch, false)
	}
}

// jsonPathState checks the paths and templates of a JSONPath state.
func (v *validator) jsonPathState(ptr string, st State) {
	switch s := st.(type) {
	case *Task:
		v.ioPaths(ptr, s.InputPath, s.ResultPath, s.OutputPath)
		v.template(ptr+"/Parameters", s.Parameters)
		v.template(ptr+"/ResultSelector", s.ResultSelector)
		v.template(ptr+"/Credentials", s.Credentials)
		v.assignJSONPath(ptr+"/Assign", s.Assign)
		v.refPath(ptr+"/TimeoutSecondsPath", "TimeoutSecondsPath", s.TimeoutSecondsPath)
		v.refPath(ptr+"/HeartbeatSecondsPath", "HeartbeatSecondsPath", s.HeartbeatSecondsPath)
		v.catchersJSONPath(ptr, s.Catch)
	case *Pass:
		v.ioPaths(ptr, s.InputPath, s.ResultPath, s.OutputPath)
		v.template(ptr+"/Parameters", s.Parameters)
		v.passResult(ptr+"/Result", s.Result)
		v.assignJSONPath(ptr+"/Assign", s.Assign)
	case *Choice:
		v.ioPaths(ptr, s.InputPath, nil, s.OutputPath)
		v.assignJSONPath(ptr+"/Assign", s.Assign)
		for i := range s.Choices {
			v.ruleJSONPath(ptr+"/Choices/"+strconv.Itoa(i), &s.Choices[i], true)
		}
	case *Wait:
		v.ioPaths(ptr, s.InputPath, nil, s.OutputPath)
		v.refPath(ptr+"/SecondsPath", "SecondsPath", s.SecondsPath)
		v.refPath(ptr+"/TimestampPath", "TimestampPath", s.TimestampPath)
		v.assignJSONPath(ptr+"/Assign", s.Assign)
	case *Succeed:
		v.ioPaths(ptr, s.InputPath, nil, s.OutputPath)
	case *Fail:
		if s.ErrorPath != "" {
			v.pathOrIntrinsic(ptr+"/ErrorPath", "ErrorPath", s.ErrorPath)
		}
		if s.CausePath != "" {
			v.pathOrIntrinsic(ptr+"/CausePath", "CausePath", s.CausePath)
		}
		v.noPath(ptr+"/Error", "Error", s.Error)
		v.noPath(ptr+"/Cause", "Cause", s.Cause)
	case *Parallel:
		v.ioPaths(ptr, s.InputPath, s.ResultPath, s.OutputPath)
		v.template(ptr+"/Parameters", s.Parameters)
		v.template(ptr+"/ResultSelector", s.ResultSelector)
		v.assignJSONPath(ptr+"/Assign", s.Assign)
		v.catchersJSONPath(ptr, s.Catch)
	case *Map:
		v.ioPaths(ptr, s.InputPath, s.ResultPath, s.OutputPath)
		v.refPath(ptr+"/ItemsPath", "ItemsPath", s.ItemsPath)
		v.template(ptr+"/ItemSelector", s.ItemSelector)
		v.template(ptr+"/Parameters", s.Parameters)
		v.template(ptr+"/ResultSelector", s.ResultSelector)
		v.refPath(ptr+"/MaxConcurrencyPath", "MaxConcurrencyPath", s.MaxConcurrencyPath)
		v.refPath(ptr+"/ToleratedFailurePercentagePath", "ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath)
		v.refPath(ptr+"/ToleratedFailureCountPath", "ToleratedFailureCountPath", s.ToleratedFailureCountPath)
		if r := s.ItemReader; r != nil {
			v.template(ptr+"/ItemReader/Parameters", r.Parameters)
			if rc := r.ReaderConfig; rc != nil {
				v.refPath(ptr+"/ItemReader/ReaderConfig/MaxItemsPath", "MaxItemsPath", rc.MaxItemsPath)
			}
		}
		if b := s.ItemBatcher; b != nil {
			v.refPath(ptr+"/ItemBatcher/MaxItemsPerBatchPath", "MaxItemsPerBatchPath", b.MaxItemsPerBatchPath)
			v.refPath(ptr+"/ItemBatcher/MaxInputBytesPerBatchPath", "MaxInputBytesPerBatchPath", b.MaxInputBytesPerBatchPath)
			v.template(ptr+"/ItemBatcher/BatchInput", b.BatchInput)
		}
		if w := s.ResultWriter; w != nil {
			v.template(ptr+"/ResultWriter/Parameters", w.Parameters)
		}
		v.assignJSONPath(ptr+"/Assign", s.Assign)
		v.catchersJSONPath(ptr, s.Catch)
	}
}

// ioPaths checks InputPath, ResultPath and OutputPath; nil means absent or
// not a field of the state.
func (v *validator) ioPaths(ptr string, input, result, output *Path) {
	if input != nil && !input.Null {
		v.checkPath(ptr+"/InputPath", "InputPath", input.Value, anyPath)
	}
	if result != nil && !result.Null {
		v.checkPath(ptr+"/ResultPath", "ResultPath", result.Value, resultPath)
	}
	if output != nil && !output.Null {
		v.checkPath(ptr+"/OutputPath", "OutputPath", output.Value, anyPath)
	}
}

func (v *validator) catchersJSONPath(ptr string, cs []Catcher) {
	for i, c := range cs {
		cp := ptr + "/Catch/" + strconv.Itoa(i)
		if c.ResultPath != nil && !c.ResultPath.Null {
			v.checkPath(cp+"/ResultPath", "ResultPath", c.ResultPath.Value, resultPath)
		}
		v.assignJSONPath(cp+"/Assign", c.Assign)
	}
}

// ruleJSONPath checks the Variable and the path operand of a Choice rule and
// of the rules nested in it.
func (v *validator) ruleJSONPath(ptr string, r *ChoiceRule, top bool) {
	if r.Variable != "" {
		v.refPath(ptr+"/Variable", "Variable", r.Variable)
	}
	if r.Operator.Kind() == OperandPath {
		var operand string
		if json.Unmarshal(r.Operand, &operand) == nil {
			v.checkPath(ptr+"/"+string(r.Operator), string(r.Operator), operand, refPath)
		}
	}
	if top {
		v.assignJSONPath(ptr+"/Assign", r.Assign)
	}
	for i := range r.And {
		v.ruleJSONPath(ptr+"/And/"+strconv.Itoa(i), &r.And[i], false)
	}
	for i := range r.Or {
		v.ruleJSONPath(ptr+"/Or/"+strconv.Itoa(i), &r.Or[i], false)
	}
	if r.Not != nil {
		v.ruleJSONPath(ptr+"/Not", r.Not, false)
	}
}

// pathRule says which paths a field accepts.
type pathRule int

const (
	// anyPath is any JSONPath: rooted at $ (the input), $$ (the context
	// object) or $name (a variable); InputPath, OutputPath, the values of
	// .$ fields, ErrorPath and CausePath.
	anyPath pathRule = iota
	// refPath is a Reference Path: only .name, ['name'] and [index]
	// steps, so that it names at most one value; Choice Variable and *Path
	// operands, ItemsPath and the *Path forms of numeric fields. Like AWS,
	// it may start at $, $$ or a variable.
	refPath
	// resultPath is a Reference Path into the state's input: ResultPath.
	// AWS allows neither the context object nor variables there.
	resultPath
)

// refPath checks a Reference Path field when it is set.
func (v *validator) refPath(loc, field, s string) {
	if s != "" {
		v.checkPath(loc, field, s, refPath)
	}
}

// hasPlaceholder reports whether s holds a ${Name} definition substitution
// (CloudFormation DefinitionSubstitutions, SAM, Terraform templatefile,
// CDK), which deploy tools replace before AWS sees the definition. Such
// strings are not checked.
func hasPlaceholder(s string) bool {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return false
		}
		s = s[i+2:]
		j := strings.IndexAny(s, "{}$\"")
		if j > 0 && s[j] == '}' {
			return true
		}
	}
}

// checkPath checks the JSONPath s of a field under the given rule.
func (v *validator) checkPath(loc, field, s string, rule pathRule) {
	if hasPlaceholder(s) {
		return
	}
	text := s
	if name, rest, ok := jsonpath.SplitVariable(s); ok {
		if rule == resultPath {
			v.errorf(loc, CodeSchemaValidationFailed,
				"%s %q names the variable $%s, but %s must be a path into the state's input starting with $; variables cannot be used in ResultPath (assign them with Assign)",
				field, s, name, field)
			return
		}
		if !v.varRefName(loc, name) {
			return
		}
		text = "$" + rest
	}
	// The simulator compiles paths with the same parser (jsonpath.Parse),
	// so that a path accepted here is one it can run.
	p, err := jsonpath.Parse(text)
	if err != nil {
		var se *jsonpath.SyntaxError
		msg := err.Error()
		if errors.As(err, &se) && text == s {
			msg = se.Error()
		} else if errors.As(err, &se) {
			msg = se.Msg
		}
		hint := ""
		if rule != anyPath && intrinsic.IsIntrinsic(s) {
			hint = " (intrinsic functions are not allowed here)"
		}
		// Worded as package dsl words its own check of the same path, so
		// that a builder reports the problem once.
		v.errorf(loc, CodeSchemaValidationFailed, "%s %q: %s%s", field, s, msg, hint)
		return
	}
	switch rule {
	case refPath:
		if !p.Definite() {
			v.errorf(loc, CodeSchemaValidationFailed,
				"%s %q must be a Reference Path, which names a single value: use only .name, ['name'] and [index] steps (no wildcards, filters, slices, unions, .. or functions)",
				field, s)
		}
	case resultPath:
		switch {
		case p.Context:
			v.errorf(loc, CodeSchemaValidationFailed,
				"%s %q must not start with $$: it names where the result goes in the state's input, which starts with $", field, s)
		case !p.IsReference():
			v.errorf(loc, CodeSchemaValidationFailed,
				"%s %q must be a Reference Path into the state's input: use only .name, ['name'] and [index] steps with non-negative indexes (no wildcards, filters, slices, unions, .. or functions)",
				field, s)
		}
	}
}

// pathOrIntrinsic checks a value that may be a path or an intrinsic
// function: the value of a .$ field, ErrorPath or CausePath.
func (v *validator) pathOrIntrinsic(loc, field, s string) {
	switch {
	case hasPlaceholder(s):
	case strings.HasPrefix(s, "$"):
		v.checkPath(loc, field, s, anyPath)
	case intrinsic.IsIntrinsic(s) || strings.Contains(s, "("):
		v.checkIntrinsic(loc, field, s)
	default:
		v.errorf(loc, CodeSchemaValidationFailed,
			"The value of %s must be a JSONPath (starting with $, $$ or a $variable) or an intrinsic function such as States.Format(...), got %q",
			field, s)
	}
}

// checkIntrinsic checks an intrinsic function call: its name, the number
// and literal kinds of its arguments, the paths among them and the depth
// of nesting, with intrinsic.Parse, the parser the simulator compiles it
// with. Variables ($name) among the arguments are checked as variables.
func (v *validator) checkIntrinsic(loc, field, s string) {
	call, err := intrinsic.Parse(s)
	if err != nil {
		v.errorf(loc, CodeSchemaValidationFailed, "The value of %s is not a valid intrinsic function call: %s, in %s", field, err.Error(), s)
		return
	}
	v.intrinsicVars(loc, call)
}

// intrinsicVars records the variables that the arguments of an intrinsic
// call read, at any depth.
func (v *validator) intrinsicVars(loc string, call *intrinsic.Call) {
	for _, a := range call.Args {
		switch a := a.(type) {
		case *intrinsic.PathArg:
			if a.Var != "" {
				v.varRefName(loc, a.Var)
			}
		case *intrinsic.Call:
			v.intrinsicVars(loc, a)
		}
	}
}

// parseRaw parses a JSON field kept as written. It reports false for an
// absent field, and reports an error for one that is not JSON (which only
// a document built in Go can hold).
func (v *validator) parseRaw(loc string, raw json.RawMessage) (*node, bool) {
	if len(raw) == 0 {
		return nil, false
	}
	n, err := parseJSON(raw)
	if err != nil {
		v.errorf(loc, CodeSchemaValidationFailed, "the value is not valid JSON: %s", err.Message)
		return nil, false
	}
	return n, true
}

// template checks a JSONPath payload template: Parameters, ResultSelector,
// ItemSelector, Credentials, the Parameters of ItemReader and ResultWriter,
// and BatchInput.
func (v *validator) template(loc string, raw json.RawMessage) {
	if n, ok := v.parseRaw(loc, raw); ok {
		v.templateNode(loc, n, false)
	}
}

// assignJSONPath checks the Assign field of a JSONPath state: each key
// names a variable (a .$ suffix makes its value a path or an intrinsic
// function), each value is a payload template.
func (v *validator) assignJSONPath(loc string, raw json.RawMessage) {
	if n, ok := v.assignObject(loc, raw); ok {
		v.templateNode(loc, n, true)
	}
}

// assignObject parses an Assign field, which must be an object, in either
// query language.
func (v *validator) assignObject(loc string, raw json.RawMessage) (*node, bool) {
	n, ok := v.parseRaw(loc, raw)
	if !ok {
		return nil, false
	}
	if n.kind != kindObject {
		v.errorf(loc, CodeSchemaValidationFailed, "Assign must be an object whose keys name variables, got %s", kindName(n.kind))
		return nil, false
	}
	return n, true
}

// templateNode checks the payload template n at loc. For an Assign object
// (assign true) the top-level keys are variable names.
func (v *validator) templateNode(loc string, n *node, assign bool) {
	switch n.kind {
	case kindArray:
		for i, e := range n.vals {
			v.templateNode(loc+"/"+strconv.Itoa(i), e, false)
		}
	case kindObject:
		var seen map[string]string
		for i, k := range n.keys {
			kl := Join(loc, k)
			name, dynamic := strings.CutSuffix(k, ".$")
			if len(n.keys) > 1 {
				if seen == nil {
					seen = make(map[string]string, len(n.keys))
				}
				if prev, dup := seen[name]; dup {
					v.errorf(kl, CodeSchemaValidationFailed,
						"Field %q conflicts with field %q: once .$ is removed both give the key %q; keep one of them", k, prev, name)
				} else {
					seen[name] = k
				}
			}
			if assign {
				v.assignName(kl, name, JSONPath)
			}
			val := n.vals[i]
			switch {
			case dynamic && val.kind == kindString:
				v.pathOrIntrinsic(kl, strconv.Quote(k), val.str)
			case dynamic:
				v.errorf(kl, CodeSchemaValidationFailed,
					"The value of %q must be a string holding a JSONPath or an intrinsic function (the .$ suffix says so), got %s; remove .$ to use the value as it is",
					k, kindName(val.kind))
			case val.kind == kindString:
				v.noDollar(kl, k, val.str)
			default:
				v.templateNode(kl, val, false)
			}
		}
	}
}

// looksLikePath reports whether s looks like a JSONPath of the input or the
// context object.
func looksLikePath(s string) bool {
	switch {
	case s == "$" || s == "$$":
		return true
	case strings.HasPrefix(s, "$$"):
		s = s[2:]
	case strings.HasPrefix(s, "$"):
		s = s[1:]
	default:
		return false
	}
	return strings.HasPrefix(s, ".") || strings.HasPrefix(s, "[")
}

// looksLikeIntrinsic reports whether s looks like a call of a known
// intrinsic function.
func looksLikeIntrinsic(s string) bool {
	i := strings.IndexByte(s, '(')
	return i > 0 && strings.HasSuffix(s, ")") && intrinsic.IsKnown(s[:i])
}

// noDollar warns about a template value that looks like a path or an
// intrinsic function under a key without the .$ suffix: it is used as a
// literal string.
func (v *validator) noDollar(loc, key, s string) {
	if looksLikePath(s) || looksLikeIntrinsic(s) {
		v.warnf(loc, CodeNoDollar,
			"The value of %q looks like a JSONPath or an intrinsic function but is used as a literal string; name the field %q to evaluate it", key, key+".$")
	}
}

// noPath warns about a literal field whose value looks like a path, such as
// a Fail state's Error given "$.error".
func (v *validator) noPath(loc, field, s string) {
	if looksLikePath(s) {
		v.warnf(loc, CodeNoPath,
			"%s %q looks like a path, but %s is used as a literal string; use %sPath to read it from the input", field, s, field, field)
	}
}

// passResult warns about a Pass state's Result that tries to use paths:
// Result is static, so they are never evaluated.
func (v *validator) passResult(loc string, raw json.RawMessage) {
	n, ok := v.parseRaw(loc, raw)
	if !ok {
		return
	}
	var walk func(loc string, n *node)
	walk = func(loc string, n *node) {
		switch n.kind {
		case kindString:
			if looksLikePath(n.str) {
				v.warnf(loc, CodePassResultIsStatic,
					"Result is static: %q is not evaluated as a path; use Parameters to build the output from the input", n.str)
			}
		case kindArray:
			for i, e := range n.vals {
				walk(loc+"/"+strconv.Itoa(i), e)
			}
		case kindObject:
			for i, k := range n.keys {
				kl := Join(loc, k)
				if strings.HasSuffix(k, ".$") {
					v.warnf(kl, CodePassResultIsStatic,
						"Result is static: the .$ suffix of %q has no effect there; use Parameters to build the output from paths", k)
					continue
				}
				walk(kl, n.vals[i])
			}
		}
	}
	walk(loc, n)
}

// assignName checks a variable name given as an Assign key and records the
// assignment in the current scope.
func (v *validator) assignName(loc, name string, ql QueryLanguage) {
	switch {
	case name == "":
		v.errorf(loc, CodeSchemaValidationFailed, "An Assign key must name a variable; this one is empty")
		return
	case ql == JSONata && strings.HasSuffix(name, ".$"):
		v.errorf(loc, CodeSchemaValidationFailed,
			"Assign key %q: the .$ suffix is for JSONPath states; in a JSONata state write the variable name and give the value as a {%% ... %%} expression", name)
		return
	case strings.HasPrefix(name, "$"):
		v.errorf(loc, CodeSchemaValidationFailed,
			"Assign key %q: write the variable name without $ (it is read as $%s)", name, strings.TrimLeft(name, "$"))
		return
	case strings.ContainsAny(name, ".[]"):
		v.errorf(loc, CodeSchemaValidationFailed,
			"Assign key %q must be a variable name: you cannot assign to part of a variable (such as x.y or x[2])", name)
		return
	case utf8.RuneCountInString(name) > maxVariableName:
		v.errorf(loc, CodeSchemaValidationFailed,
			"Variable name %q is %d characters long; the limit is %d", name, utf8.RuneCountInString(name), maxVariableName)
		return
	case name == "states":
		v.errorf(loc, CodeSchemaValidationFailed, "Variable name \"states\" is reserved: $states holds the state's input, result and context")
		return
	}
	if !isIdentifier(name) {
		v.warnf(loc, CodeSchemaValidationFailed,
			"Variable name %q is not an identifier (a letter or _ followed by letters, digits and _), so it cannot be read as $%s", name, name)
	}
	if sc := v.ex.cur; sc != nil {
		if sc.assigned == nil {
			sc.assigned = map[string]string{}
		}
		if _, ok := sc.assigned[name]; !ok {
			sc.assigned[name] = loc
			sc.order = append(sc.order, name)
		}
	}
}

func isIdentifier(s string) bool {
	return s != "" && jsonpath.VariableName(s) == s
}

// varRefName records a variable read at loc, after checking its name. It
// reports false when the name is too long to be a variable.
func (v *validator) varRefName(loc, name string) bool {
	if n := utf8.RuneCountInString(name); n > maxVariableName {
		v.errorf(loc, CodeSchemaValidationFailed, "Variable name %q is %d characters long; the limit is %d", name, n, maxVariableName)
		return false
	}
	if name != "states" && v.ex.cur != nil {
		v.ex.refs = append(v.ex.refs, varRef{scope: v.ex.cur, loc: loc, name: name})
	}
	return true
}

// finishVariables applies the scoping rules of variables once every scope
// has been seen: a scope may not assign a variable that an enclosing scope
// assigns (but for the Parallel or Map state that contains it, whose
// assignments come after its branches: see assignedAfter); a variable that
// is read must be assigned in its scope or an
// enclosing one; a Distributed Map's item processor cannot read the
// variables of enclosing scopes.
func (v *validator) finishVariables() {
	for _, sc := range v.ex.scopes {
		for _, name := range sc.order {
			for up := sc.parent; up != nil; up = up.parent {
				if at, ok := up.assigned[name]; ok && !assignedAfter(at, sc.assigned[name]) {
					v.errorf(sc.assigned[name], CodeSchemaValidationFailed,
						"Variable $%s is already assigned in an enclosing scope (at %s); a Parallel branch or Map item processor cannot assign a variable of an outer scope: rename one of them",
						name, at)
					break
				}
			}
		}
	}
	for _, r := range v.ex.refs {
		if _, ok := r.scope.assigned[r.name]; ok {
			continue
		}
		crossed := r.scope.distributed
		found := false
		for up := r.scope.parent; up != nil; up = up.parent {
			if _, ok := up.assigned[r.name]; ok {
				found = true
				break
			}
			crossed = crossed || up.distributed
		}
		switch {
		case found && crossed:
			v.warnf(r.loc, CodeUndefinedVariable,
				"$%s is assigned outside the Distributed Map that contains this state; Distributed Map states cannot read variables of enclosing scopes: pass the value in ItemSelector instead", r.name)
		case !found:
			v.warnf(r.loc, CodeUndefinedVariable,
				"No state assigns the variable $%s in this scope or an enclosing one; reading it fails at run time", r.name)
		}
	}
}

// assignedAfter reports whether the outer assignment at outer is made by
// the Parallel or Map state that contains the inner assignment at inner
// (its Assign, or the Assign of one of its catchers): it happens once the
// branches or iterations are over, so it is no conflict. AWS runs such a
// machine (PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING in the recorded Lambda
// cases: a branch and the Parallel's catcher both assign $inputVar).
func assignedAfter(outer, inner string) bool {
	i := strings.LastIndex(outer, "/Assign/")
	if i < 0 {
		return false
	}
	state := outer[:i]
	if j := strings.LastIndex(state, "/Catch/"); j >= 0 {
		state = state[:j]
	}
	for _, sub := range []string{"/Branches/", "/ItemProcessor/", "/Iterator/"} {
		if strings.HasPrefix(inner, state+sub) {
			return true
		}
	}
	return false
}

// jsonataState checks the JSONata expressions and Assign fields of a
// JSONata state.
func (v *validator) jsonataState(ptr string, st State) {
	switch s := st.(type) {
	case *Task:
		v.jsonataValue(ptr+"/Arguments", s.Arguments)
		v.jsonataValue(ptr+"/Credentials", s.Credentials)
		v.jsonataValue(ptr+"/Output", s.Output)
		v.assignJSONata(ptr+"/Assign", s.Assign)
		v.jsonataInt(ptr+"/TimeoutSeconds", s.TimeoutSeconds)
		v.jsonataInt(ptr+"/HeartbeatSeconds", s.HeartbeatSeconds)
		v.catchersJSONata(ptr, s.Catch)
	case *Pass:
		v.jsonataValue(ptr+"/Output", s.Output)
		v.assignJSONata(ptr+"/Assign", s.Assign)
	case *Choice:
		v.jsonataValue(ptr+"/Output", s.Output)
		v.assignJSONata(ptr+"/Assign", s.Assign)
		for i := range s.Choices {
			r := &s.Choices[i]
			rp := ptr + "/Choices/" + strconv.Itoa(i)
			v.jsonataValue(rp+"/Condition", r.Condition)
			v.jsonataValue(rp+"/Output", r.Output)
			v.assignJSONata(rp+"/Assign", r.Assign)
		}
	case *Wait:
		v.jsonataInt(ptr+"/Seconds", s.Seconds)
		v.jsonataString(ptr+"/Timestamp", s.Timestamp)
		v.jsonataValue(ptr+"/Output", s.Output)
		v.assignJSONata(ptr+"/Assign", s.Assign)
	case *Succeed:
		v.jsonataValue(ptr+"/Output", s.Output)
	case *Fail:
		v.jsonataString(ptr+"/Error", s.Error)
		v.jsonataString(ptr+"/Cause", s.Cause)
	case *Parallel:
		v.jsonataValue(ptr+"/Arguments", s.Arguments)
		v.jsonataValue(ptr+"/Output", s.Output)
		v.assignJSONata(ptr+"/Assign", s.Assign)
		v.catchersJSONata(ptr, s.Catch)
	case *Map:
		v.jsonataValue(ptr+"/Items", s.Items)
		v.jsonataValue(ptr+"/ItemSelector", s.ItemSelector)
		v.jsonataInt(ptr+"/MaxConcurrency", s.MaxConcurrency)
		if p := s.ToleratedFailurePercentage; p != nil && isJSONataExpr(p.Expr) {
			v.jsonataString(ptr+"/ToleratedFailurePercentage", p.Expr)
		}
		v.jsonataInt(ptr+"/ToleratedFailureCount", s.ToleratedFailureCount)
		if r := s.ItemReader; r != nil {
			v.jsonataValue(ptr+"/ItemReader/Arguments", r.Arguments)
			if rc := r.ReaderConfig; rc != nil {
				v.jsonataInt(ptr+"/ItemReader/ReaderConfig/MaxItems", rc.MaxItems)
			}
		}
		if b := s.ItemBatcher; b != nil {
			v.jsonataInt(ptr+"/ItemBatcher/MaxItemsPerBatch", b.MaxItemsPerBatch)
			v.jsonataInt(ptr+"/ItemBatcher/MaxInputBytesPerBatch", b.MaxInputBytesPerBatch)
			v.jsonataValue(ptr+"/ItemBatcher/BatchInput", b.BatchInput)
		}
		if w := s.ResultWriter; w != nil {
			v.jsonataValue(ptr+"/ResultWriter/Arguments", w.Arguments)
		}
		v.jsonataValue(ptr+"/Output", s.Output)
		v.assignJSONata(ptr+"/Assign", s.Assign)
		v.catchersJSONata(ptr, s.Catch)
	}
}

func (v *validator) catchersJSONata(ptr string, cs []Catcher) {
	for i, c := range cs {
		cp := ptr + "/Catch/" + strconv.Itoa(i)
		v.jsonataValue(cp+"/Output", c.Output)
		v.assignJSONata(cp+"/Assign", c.Assign)
	}
}

// jsonataInt checks a number field given as an expression. A string that is
// not "{% ... %}" at all is already reported.
func (v *validator) jsonataInt(loc string, x *IntOrExpr) {
	if x != nil && isJSONataExpr(x.Expr) {
		v.jsonataString(loc, x.Expr)
	}
}

// jsonataValue checks every string in a JSON value of a JSONata state.
func (v *validator) jsonataValue(loc string, raw json.RawMessage) {
	if n, ok := v.parseRaw(loc, raw); ok {
		v.jsonataNode(loc, n)
	}
}

func (v *validator) jsonataNode(loc string, n *node) {
	switch n.kind {
	case kindString:
		v.jsonataString(loc, n.str)
	case kindArray:
		for i, e := range n.vals {
			v.jsonataNode(loc+"/"+strconv.Itoa(i), e)
		}
	case kindObject:
		for i, k := range n.keys {
			v.jsonataNode(Join(loc, k), n.vals[i])
		}
	}
}

// assignJSONata checks the Assign field of a JSONata state: its keys name
// variables, its values are JSON with JSONata expressions.
func (v *validator) assignJSONata(loc string, raw json.RawMessage) {
	n, ok := v.assignObject(loc, raw)
	if !ok {
		return
	}
	for i, k := range n.keys {
		kl := Join(loc, k)
		v.assignName(kl, k, JSONata)
		v.jsonataNode(kl, n.vals[i])
	}
}

// jsonataString checks a string of a JSONata state. A string that starts
// with "{%" and ends with "%}" is a JSONata expression, parsed by
// jsonata.ParseTemplate, the parser the simulator compiles it with (white
// space inside the delimiters is optional, as AWS has it); any other
// string is a literal. A string with only one of the two delimiters is an
// error: it is most likely a broken expression.
func (v *validator) jsonataString(loc, s string) {
	open, closed := strings.HasPrefix(s, "{%"), strings.HasSuffix(s, "%}")
	if !open && !closed {
		return
	}
	if !open || !closed || len(s) < 4 {
		what := "starts with {% but does not end with %}"
		if !open {
			what = "ends with %} but does not start with {%"
		}
		v.errorf(loc, CodeSchemaValidationFailed,
			"The string %q %s: a JSONata expression is written as \"{%% expression %%}\", anything else is a literal string", s, what)
		return
	}
	expr := strings.TrimSpace(s[2 : len(s)-2])
	if expr == "" {
		v.errorf(loc, CodeSchemaValidationFailed, "The JSONata expression %q is empty; write \"{%% expression %%}\"", s)
		return
	}
	v.jsonataExpr(loc, s, expr)
}

// jsonataExpr checks the JSONata template tmpl, whose expression is expr,
// with the JSONata 2.0 parser (parseJSONata) and records the variables it
// reads. A parse error becomes a diagnostic with the code
// CodeInvalidJSONata (or the code the error names, when it has a method
// DiagnosticCode() string) and the message `JSONata expression "<expr>":
// <the error's text>`.
func (v *validator) jsonataExpr(loc, tmpl, expr string) {
	if hasPlaceholder(expr) {
		return
	}
	var x *jsonataparser.Expr
	var err error
	if checkJSONataHook != nil {
		x, err = checkJSONataHook(expr)
	} else {
		x, err = parseJSONata(tmpl)
		// The message quotes the expression: count its columns from there.
		var se *jsonataparser.SyntaxError
		if errors.As(err, &se) {
			rel := *se
			rel.Input = expr
			rel.Offset = min(max(se.Offset-strings.Index(tmpl, expr), 0), len(expr))
			err = &rel
		}
	}
	if err != nil {
		code := CodeInvalidJSONata
		var coded interface{ DiagnosticCode() string }
		if errors.As(err, &coded) && coded.DiagnosticCode() != "" {
			code = coded.DiagnosticCode()
		}
		v.errorf(loc, code, "JSONata expression %q: %s", expr, err.Error())
		return
	}
	if x == nil {
		return
	}
	for _, name := range jsonataparser.FreeVariables(x.Root) {
		v.varRefName(loc, name)
	}
}

// unreachableHandlers warns about retriers and catchers that can never
// match because earlier ones already handle every error they name. In a
// Task state, States.TaskFailed handles every error that is not one of
// the States.* errors. A States.ALL that is not last is already an error.
func (v *validator) unreachableHandlers(ptr string, rs []Retrier, cs []Catcher, task bool) {
	lists := make([][]string, 0, len(rs))
	for _, r := range rs {
		lists = append(lists, r.ErrorEquals)
	}
	v.unreachable(ptr+"/Retry/", "retrier", CodeUnreachableRetrier, lists, task)
	lists = lists[:0]
	for _, c := range cs {
		lists = append(lists, c.ErrorEquals)
	}
	v.unreachable(ptr+"/Catch/", "catcher", CodeUnreachableCatcher, lists, task)
}

func (v *validator) unreachable(prefix, what, code string, lists [][]string, task bool) {
	if len(lists) < 2 {
		return
	}
	handled := map[string]int{}
	taskFailed := -1
	for i, errs := range lists {
		if len(errs) == 0 {
			continue
		}
		by := -1
		for _, e := range errs {
			j, ok := handled[e]
			if !ok && task && taskFailed >= 0 && !strings.HasPrefix(e, "States.") {
				j, ok = taskFailed, true
			}
			if !ok || e == statesALL {
				by = -1
				break
			}
			by = max(by, j)
		}
		if by >= 0 {
			v.warnf(prefix+strconv.Itoa(i), code,
				"This %s never matches: %s %d already handles every error it names (%s)", what, what, by, strings.Join(errs, ", "))
		}
		for _, e := range errs {
			if _, ok := handled[e]; !ok {
				handled[e] = i
			}
			if e == "States.TaskFailed" && taskFailed < 0 {
				taskFailed = i
			}
		}
	}
}
