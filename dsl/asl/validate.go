package asl

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Severity is how serious a [Diagnostic] is.
type Severity string

// The severities of a Diagnostic, as AWS's ValidateStateMachineDefinition
// names them. An ERROR means AWS refuses the definition; a WARNING points at
// something that is accepted but probably not what was meant.
const (
	SeverityError   Severity = "ERROR"
	SeverityWarning Severity = "WARNING"
)

// Diagnostic is one finding of [Validate] or [ValidateJSON], shaped like
// AWS's ValidateStateMachineDefinitionDiagnostic.
type Diagnostic struct {
	// Severity is SeverityError or SeverityWarning.
	Severity Severity
	// Code is AWS's diagnostic code, such as CodeMissingTransitionTarget.
	Code string
	// Message says what is wrong and, where it helps, what to do.
	Message string
	// Location is a JSON pointer to the problem, such as /States/Pay/Next;
	// empty for the whole document.
	Location string
	// Line and Column give the position in the source text (1-based; Column
	// in bytes) when the diagnostic came from ValidateJSON; both are 0
	// otherwise.
	Line, Column int
}

// String formats the diagnostic on one line:
// "[line:col: ]SEVERITY CODE[ location]: message".
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.Line > 0 {
		fmt.Fprintf(&b, "%d:%d: ", d.Line, d.Column)
	}
	b.WriteString(string(d.Severity))
	b.WriteByte(' ')
	b.WriteString(d.Code)
	if d.Location != "" {
		b.WriteByte(' ')
		b.WriteString(d.Location)
	}
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// HasErrors reports whether any of ds has SeverityError.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// ValidateJSON decodes data with [Unmarshal] and checks the result with
// [Validate]. A document that does not decode gives one diagnostic per
// decoding error, with the error's code, location, line and column (a JSON
// syntax error has the code CodeInvalidJSON). The diagnostics of Validate
// get the line and column of their location in data: the position of the
// key when the location names an object member, of the element when it
// names an array index, and of the nearest enclosing value that exists when
// the location names a missing field. Diagnostics are in source order.
func ValidateJSON(data []byte) []Diagnostic {
	sm, err := Unmarshal(data)
	if err != nil {
		var list ErrorList
		if !errors.As(err, &list) {
			return []Diagnostic{{Severity: SeverityError, Code: CodeSchemaValidationFailed, Message: err.Error()}}
		}
		ds := make([]Diagnostic, 0, len(list))
		for _, e := range list {
			code := e.Code
			if code == "" {
				code = CodeSchemaValidationFailed
			}
			ds = append(ds, Diagnostic{Severity: SeverityError, Code: code, Message: e.Message,
				Location: e.Pointer, Line: e.Line, Column: e.Column})
		}
		return ds
	}
	ds := Validate(sm)
	if len(ds) == 0 {
		return ds
	}
	root, perr := parseJSON(data)
	if perr != nil { // cannot happen: Unmarshal parsed the same bytes
		return ds
	}
	offs := make([]int, len(ds))
	for i := range ds {
		offs[i] = resolvePointer(root, ds[i].Location)
		ds[i].Line, ds[i].Column = lineCol(data, offs[i])
	}
	sortByOffset(ds, offs)
	return ds
}

// resolvePointer returns the source offset of the value that ptr names: the
// offset of the key for an object member, of the element for an array index.
// When part of ptr does not exist, it returns the offset of the deepest part
// that does.
func resolvePointer(root *node, ptr string) int {
	n, off := root, root.off
	if ptr == "" {
		return off
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		if strings.Contains(tok, "~") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		}
		switch n.kind {
		case kindObject:
			i := -1
			for j, k := range n.keys {
				if k == tok {
					i = j
					break
				}
			}
			if i < 0 {
				return off
			}
			off, n = n.keyOff[i], n.vals[i]
		case kindArray:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.vals) {
				return off
			}
			n = n.vals[i]
			off = n.off
		default:
			return off
		}
	}
	return off
}

// sortByOffset sorts ds (and offs with it) by offset, errors before
// warnings at the same offset, otherwise keeping their order.
func sortByOffset(ds []Diagnostic, offs []int) {
	idx := make([]int, len(ds))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if offs[i] != offs[j] {
			return offs[i] < offs[j]
		}
		return ds[i].Severity == SeverityError && ds[j].Severity != SeverityError
	})
	sorted := make([]Diagnostic, len(ds))
	sortedOffs := make([]int, len(ds))
	for i, j := range idx {
		sorted[i], sortedOffs[i] = ds[j], offs[j]
	}
	copy(ds, sorted)
	copy(offs, sortedOffs)
}

// Validate checks a decoded document the way AWS's
// ValidateStateMachineDefinition does for the rules it covers: state names,
// transitions (within their own scope), reachability, terminal states, the
// fields each state type needs or forbids together, Retry and Catch, the
// Map state's modes and settings, the fields each query language allows,
// and the nesting of Parallel and Map states (TOO_DEEPLY_NESTED). Every
// nested scope (Parallel branches, Map item processors) is checked the same
// way.
//
// In JSONPath states it parses every path (InputPath, OutputPath, the *Path
// fields, Choice Variable and *Path operands, ErrorPath and CausePath), with
// the Reference Path rules where AWS requires them (ResultPath, ItemsPath,
// Choice comparisons, the *Path forms of numbers), and every payload
// template (Parameters, ResultSelector, ItemSelector, Credentials, the
// Parameters of ItemReader and ResultWriter, BatchInput, Assign): the value
// of a .$ field must be a path or an intrinsic function, whose name,
// arguments and nesting are checked, and no two keys may be equal once .$
// is removed. Paths may start with $, $$ or a $variable (not in
// ResultPath). In JSONata states it checks the "{% ... %}" form of every
// string, and the expressions themselves with the JSONata 2.0 parser.
// Assign keys must be variable names; a scope may not assign a
// variable of an enclosing scope. Strings holding ${Name} definition
// substitutions are not checked.
//
// Warnings point at likely mistakes that AWS accepts: AWS's NO_DOLLAR,
// NO_PATH and PASS_RESULT_IS_STATIC, and aslgen's UNREACHABLE_RETRIER,
// UNREACHABLE_CATCHER and UNDEFINED_VARIABLE. From the AWS API models
// of package awsapi, aslgen's UNKNOWN_INTEGRATION marks a Task Resource
// that names no service integration (arn:aws:states:::sns:publsh, an
// unknown AWS SDK service or action, .sync on an AWS SDK integration), and
// UNSUPPORTED_PARAMETER a field of a Task's Parameters or Arguments, at
// any depth, that the integration's action does not take; both suggest
// the nearest name. Resources that are no integration (functions,
// activities) or that hold ${...} placeholders are not checked.
//
// Diagnostics come in document order: by location, states in definition
// order. A document with no diagnostic of SeverityError is accepted by AWS as
// far as these rules go (see [HasErrors]).
func Validate(sm *StateMachine) []Diagnostic {
	if sm == nil {
		return []Diagnostic{{Severity: SeverityError, Code: CodeSchemaValidationFailed, Message: "the state machine is nil"}}
	}
	v := &validator{machineQL: sm.QueryLanguage, names: map[string]bool{}, labels: map[string]bool{}}
	v.allNames = map[string]bool{}
	collectNames(sm.States, v.allNames)
	if sm.TimeoutSeconds != nil && (*sm.TimeoutSeconds < 1 || *sm.TimeoutSeconds > maxSeconds) {
		v.errorf("/TimeoutSeconds", CodeSchemaValidationFailed,
			"TimeoutSeconds must be between 1 and %d, got %d", maxSeconds, *sm.TimeoutSeconds)
	}
	v.scope("", sm.StartAt, sm.States)
	v.finishVariables()
	if len(v.diags) > 1 {
		v.sortCanonical(sm)
	}
	return v.diags
}

// sortCanonical puts the diagnostics in the order of their locations in the
// document's canonical encoding, which is definition order.
func (v *validator) sortCanonical(sm *StateMachine) {
	if v.hasNil {
		return // Marshal cannot encode a typed nil state
	}
	out, err := Marshal(sm)
	if err != nil {
		return
	}
	root, perr := parseJSON(out)
	if perr != nil {
		return
	}
	offs := make([]int, len(v.diags))
	for i := range v.diags {
		offs[i] = resolvePointer(root, v.diags[i].Location)
	}
	sortByOffset(v.diags, offs)
}

// Limits that AWS documents for numeric fields.
const (
	maxSeconds         = 99999999 // TimeoutSeconds, HeartbeatSeconds, Wait Seconds, IntervalSeconds, MaxAttempts
	maxDelaySeconds    = 31622400 // Retrier MaxDelaySeconds
	maxReaderItems     = 100000000
	maxBatchInputBytes = 262144
	maxStateNameLen    = 80
	maxLabelLen        = 40
	statesALL          = "States.ALL"
)

type validator struct {
	machineQL QueryLanguage
	diags     []Diagnostic
	names     map[string]bool // state names seen so far, in document order
	allNames  map[string]bool // every state name in the machine
	labels    map[string]bool // Map labels seen so far
	hasNil    bool            // some state is nil
	ex        exprState       // paths, templates, expressions and variables
}

func (v *validator) add(sev Severity, loc, code, format string, args ...any) {
	v.diags = append(v.diags, Diagnostic{Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Location: loc})
}

func (v *validator) errorf(loc, code, format string, args ...any) {
	v.add(SeverityError, loc, code, format, args...)
}

func (v *validator) warnf(loc, code, format string, args ...any) {
	v.add(SeverityWarning, loc, code, format, args...)
}

// required reports missing required fields of the object at loc, worded as AWS does.
func (v *validator) required(loc string, fields ...string) {
	v.errorf(loc, CodeSchemaValidationFailed, "These fields are required: [%s]", strings.Join(fields, ", "))
}

// exclusive reports fields that must not appear together, at the location
// of the later one.
func (v *validator) exclusive(loc string, fields ...string) {
	v.errorf(loc, CodeSchemaValidationFailed, "There should only be one of the following fields: [%s]", strings.Join(fields, ", "))
}

// onlyJSONPath reports a JSONPath-only field in a JSONata state.
func (v *validator) onlyJSONPath(loc, field string) {
	v.errorf(loc, CodeSchemaValidationFailed,
		"The QueryLanguage is set to 'JSONata', but field '%s' is only supported for the 'JSONPath' QueryLanguage%s",
		field, jsonataHint(field))
}

// onlyJSONata reports a JSONata-only field in a JSONPath state.
func (v *validator) onlyJSONata(loc, field string) {
	v.errorf(loc, CodeSchemaValidationFailed,
		"The QueryLanguage is set to 'JSONPath', but field '%s' is only supported for the 'JSONata' QueryLanguage (set \"QueryLanguage\": \"JSONata\" on the state or the machine)",
		field)
}

func jsonataHint(field string) string {
	switch field {
	case "InputPath", "Parameters":
		return " (use Arguments)"
	case "ResultSelector", "ResultPath", "OutputPath", "Result":
		return " (use Output)"
	case "ItemsPath":
		return " (use Items)"
	case "Variable":
		return " (use Condition)"
	}
	if strings.HasSuffix(field, "Path") {
		return fmt.Sprintf(" (give %s as a {%% ... %%} expression)", strings.TrimSuffix(field, "Path"))
	}
	return ""
}

// collectNames adds every state name of states and their nested scopes to set.
func collectNames(states States, set map[string]bool) {
	for name, st := range states.All() {
		set[name] = true
		for _, sc := range nestedScopes("", st) {
			collectNames(sc.states, set)
		}
	}
}

// nestedScope is a Parallel branch or a Map item processor.
type nestedScope struct {
	ptr     string
	startAt string
	states  States
}

func nestedScopes(ptr string, st State) []nestedScope {
	switch s := st.(type) {
	case *Parallel:
		if s == nil {
			return nil
		}
		out := make([]nestedScope, len(s.Branches))
		for i, b := range s.Branches {
			out[i] = nestedScope{ptr + "/Branches/" + strconv.Itoa(i), b.StartAt, b.States}
		}
		return out
	case *Map:
		if s == nil {
			return nil
		}
		var out []nestedScope
		if s.ItemProcessor != nil {
			out = append(out, nestedScope{ptr + "/ItemProcessor", s.ItemProcessor.StartAt, s.ItemProcessor.States})
		}
		if s.Iterator != nil {
			out = append(out, nestedScope{ptr + "/Iterator", s.Iterator.StartAt, s.Iterator.States})
		}
		return out
	}
	return nil
}

// isNilState reports whether st is nil or a typed nil pointer.
func isNilState(st State) bool {
	switch s := st.(type) {
	case nil:
		return true
	case *Task:
		return s == nil
	case *Pass:
		return s == nil
	case *Choice:
		return s == nil
	case *Wait:
		return s == nil
	case *Succeed:
		return s == nil
	case *Fail:
		return s == nil
	case *Parallel:
		return s == nil
	case *Map:
		return s == nil
	}
	return false
}

// transition is one named target of a state: Next, Default, Choices[i].Next
// or Catch[i].Next.
type transition struct {
	loc, target string
}

func transitions(ptr string, st State) []transition {
	var out []transition
	add := func(loc, target string) {
		if target != "" {
			out = append(out, transition{loc, target})
		}
	}
	_, catch := HandlersOf(st)
	for i, c := range catch {
		add(ptr+"/Catch/"+strconv.Itoa(i)+"/Next", c.Next)
	}
	if next, _, ok := NextOf(st); ok {
		add(ptr+"/Next", next)
	}
	if s, ok := st.(*Choice); ok {
		for i, r := range s.Choices {
			add(ptr+"/Choices/"+strconv.Itoa(i)+"/Next", r.Next)
		}
		add(ptr+"/Default", s.Default)
	}
	return out
}

// isTerminal reports whether st ends its scope: End true, Succeed or Fail.
func isTerminal(st State) bool {
	switch s := st.(type) {
	case *Succeed, *Fail:
		return true
	case *Task:
		return s.End
	case *Pass:
		return s.End
	case *Wait:
		return s.End
	case *Parallel:
		return s.End
	case *Map:
		return s.End
	}
	return false
}

// scope checks one state machine scope: the top level, a Parallel branch or
// a Map item processor, whose JSON pointer is ptr.
func (v *validator) scope(ptr, startAt string, states States) {
	if !v.pushScope(ptr) {
		return
	}
	defer v.popScope()
	if states.Len() == 0 {
		if startAt == "" {
			v.required(ptr, "StartAt", "States")
		} else {
			v.errorf(ptr+"/States", CodeSchemaValidationFailed, "States must contain at least one state")
		}
		return
	}
	for name, st := range states.All() {
		if isNilState(st) {
			v.hasNil = true
			v.errorf(Join(ptr+"/States", name), CodeSchemaValidationFailed, "state %q is nil", name)
		}
	}
	startOK := false
	switch _, ok := states.Get(startAt); {
	case startAt == "":
		v.required(ptr, "StartAt")
	case !ok:
		v.missingTarget(ptr+"/StartAt", startAt)
	default:
		startOK = true
	}

	// A scope without any terminal state is one AWS diagnostic; AWS then
	// does not report unreachable states.
	hasTerminal := false
	for _, st := range states.All() {
		if !isNilState(st) && isTerminal(st) {
			hasTerminal = true
			break
		}
	}
	if !hasTerminal {
		v.errorf(ptr, CodeMissingEndState, "Workflow has no terminal state: end a state with \"End\": true, or add a Succeed or Fail state")
	}

	var unreachable map[string]bool
	if hasTerminal && startAt != "" {
		unreachable = unreachableStates(ptr, startAt, startOK, states)
	}

	for name, st := range states.All() {
		sp := Join(ptr+"/States", name)
		if isNilState(st) {
			continue
		}
		if unreachable[name] {
			v.errorf(sp, CodeMissingTransitionTarget, "State %q is not reachable. Remove it or add a transition to it", name)
		}
		for _, t := range transitions(sp, st) {
			if _, ok := states.Get(t.target); !ok {
				v.missingTarget(t.loc, t.target)
			}
		}
		v.state(sp, name, st)
	}
}

func (v *validator) missingTarget(loc, target string) {
	if v.allNames[target] {
		v.errorf(loc, CodeMissingTransitionTarget,
			"Missing 'Next' target: %s (that state is in another scope; transitions cannot cross a Parallel or Map boundary)", target)
		return
	}
	v.errorf(loc, CodeMissingTransitionTarget, "Missing 'Next' target: %s (no state of that name in this scope)", target)
}

// unreachableStates returns the states that no path from StartAt reaches.
// When StartAt names no state, it returns the states that no StartAt or
// transition names, as AWS does.
func unreachableStates(ptr, startAt string, startOK bool, states States) map[string]bool {
	out := map[string]bool{}
	if !startOK {
		named := map[string]bool{}
		for name, st := range states.All() {
			if isNilState(st) {
				continue
			}
			for _, t := range transitions(Join(ptr+"/States", name), st) {
				named[t.target] = true
			}
		}
		for _, name := range states.Names() {
			if !named[name] {
				out[name] = true
			}
		}
		return out
	}
	seen := map[string]bool{startAt: true}
	queue := []string{startAt}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		st, _ := states.Get(name)
		if isNilState(st) {
			continue
		}
		for _, t := range transitions("", st) {
			if _, ok := states.Get(t.target); ok && !seen[t.target] {
				seen[t.target] = true
				queue = append(queue, t.target)
			}
		}
	}
	for _, name := range states.Names() {
		if !seen[name] {
			out[name] = true
		}
	}
	return out
}

// effectiveQL returns the query language of a state: its own, else the
// machine's, else JSONPath. AWS does not inherit a Parallel's or Map's
// QueryLanguage into its branches or item processor: nested states take the
// machine's.
func (v *validator) effectiveQL(st State) QueryLanguage {
	if ql := st.Base().QueryLanguage; ql != "" {
		return ql
	}
	if v.machineQL != "" {
		return v.machineQL
	}
	return JSONPath
}

// state checks one state at pointer ptr.
func (v *validator) state(ptr, name string, st State) {
	v.stateName(ptr, name)
	base := st.Base()
	if base.QueryLanguage == JSONPath && v.machineQL == JSONata {
		// AWS rejects this, but the issue that sets the rules here asks to
		// accept it (valid-map-with-item-batcher-jsonata.json): a warning.
		v.warnf(ptr+"/QueryLanguage", CodeSchemaValidationFailed,
			"'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine: AWS documents that \"You cannot revert a top-level JSONata-based state machine to a mix of JSONata and JSONPath states\" (https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html); remove it from the state, or set QueryLanguage JSONata only on the states that use it")
	}
	ql := v.effectiveQL(st)
	switch s := st.(type) {
	case *Task:
		v.task(ptr, s, ql)
	case *Pass:
		v.jsonPathIO(ptr, ql, s.InputPath, s.Parameters, nil, s.ResultPath, s.OutputPath)
		if len(s.Result) > 0 && ql == JSONata {
			v.onlyJSONPath(ptr+"/Result", "Result")
		}
		v.jsonataOutput(ptr, ql, s.Output)
		v.nextOrEnd(ptr, s.Next, s.End)
	case *Choice:
		v.choice(ptr, s, ql)
	case *Wait:
		v.wait(ptr, s, ql)
	case *Succeed:
		v.jsonPathIO(ptr, ql, s.InputPath, nil, nil, nil, s.OutputPath)
		v.jsonataOutput(ptr, ql, s.Output)
	case *Fail:
		if s.Error != "" && s.ErrorPath != "" {
			v.exclusive(ptr+"/ErrorPath", "Error", "ErrorPath")
		}
		if s.Cause != "" && s.CausePath != "" {
			v.exclusive(ptr+"/CausePath", "Cause", "CausePath")
		}
		if ql == JSONata {
			if s.ErrorPath != "" {
				v.onlyJSONPath(ptr+"/ErrorPath", "ErrorPath")
			}
			if s.CausePath != "" {
				v.onlyJSONPath(ptr+"/CausePath", "CausePath")
			}
		}
	case *Parallel:
		v.parallel(ptr, s, ql)
	case *Map:
		v.mapState(ptr, s, ql)
	}
	v.exprs(ptr, st, ql)
}

// stateName checks the name's length and characters, and that no other
// state of the machine has it.
func (v *validator) stateName(ptr, name string) {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		v.errorf(ptr, CodeInvalidStateName, "a state name must not be empty")
	case n > maxStateNameLen:
		v.errorf(ptr, CodeInvalidStateName, "State name %q is %d characters long; the limit is %d", name, n, maxStateNameLen)
	}
	for _, r := range name {
		if isControl(r) {
			v.errorf(ptr, CodeInvalidStateName, "State name %q contains the control character %U; remove it", name, r)
			break
		}
	}
	if v.names[name] {
		v.errorf(ptr, CodeDuplicateStateName, "Duplicate State name: %q. State names must be unique in the whole state machine, including Parallel branches and Map item processors", name)
	}
	v.names[name] = true
}

func isControl(r rune) bool {
	return r <= 0x1f || (r >= 0x7f && r <= 0x9f)
}

// nextOrEnd checks that a state that may end has exactly one of Next and End.
func (v *validator) nextOrEnd(ptr, next string, end bool) {
	switch {
	case next != "" && end:
		v.exclusive(ptr+"/End", "Next", "End")
	case next == "" && !end:
		v.errorf(ptr, CodeSchemaValidationFailed, "These fields are required: [Next] (or set \"End\": true)")
	}
}

// jsonPathIO reports the JSONPath data-flow fields of a JSONata state.
// A nil argument means the state does not have the field.
func (v *validator) jsonPathIO(ptr string, ql QueryLanguage, inputPath *Path, parameters []byte, resultSelector []byte, resultPath, outputPath *Path) {
	if ql != JSONata {
		return
	}
	if inputPath != nil {
		v.onlyJSONPath(ptr+"/InputPath", "InputPath")
	}
	if len(parameters) > 0 {
		v.onlyJSONPath(ptr+"/Parameters", "Parameters")
	}
	if len(resultSelector) > 0 {
		v.onlyJSONPath(ptr+"/ResultSelector", "ResultSelector")
	}
	if resultPath != nil {
		v.onlyJSONPath(ptr+"/ResultPath", "ResultPath")
	}
	if outputPath != nil {
		v.onlyJSONPath(ptr+"/OutputPath", "OutputPath")
	}
}

// jsonataOutput reports an Output field in a JSONPath state.
func (v *validator) jsonataOutput(ptr string, ql QueryLanguage, output []byte) {
	if ql != JSONata && len(output) > 0 {
		v.onlyJSONata(ptr+"/Output", "Output")
	}
}

// isJSONataExpr reports whether s is written as a JSONata expression, "{% ... %}".
func isJSONataExpr(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// intField checks an integer field that JSONata states may give as an
// expression: the number's range, or that the expression is allowed.
func (v *validator) intField(loc, field string, x *IntOrExpr, ql QueryLanguage, minimum, maximum int) {
	switch {
	case x == nil:
	case x.Expr != "":
		v.exprNumber(loc, field, x.Expr, ql)
	case x.Int < minimum && maximum == math.MaxInt:
		v.errorf(loc, CodeSchemaValidationFailed, "%s must be at least %d, got %d", field, minimum, x.Int)
	case x.Int < minimum || x.Int > maximum:
		v.errorf(loc, CodeSchemaValidationFailed, "%s must be between %d and %d, got %d", field, minimum, maximum, x.Int)
	}
}

// exprNumber checks a string given where a number is expected.
func (v *validator) exprNumber(loc, field, expr string, ql QueryLanguage) {
	switch {
	case ql != JSONata:
		v.errorf(loc, CodeSchemaValidationFailed,
			"%s must be a number in a JSONPath state, got the string %q (JSONata expressions need \"QueryLanguage\": \"JSONata\"; or use %sPath)",
			field, expr, field)
	case !isJSONataExpr(expr):
		v.errorf(loc, CodeSchemaValidationFailed,
			"%s must be a number or a JSONata expression written as \"{%% ... %%}\", got %q", field, expr)
	}
}

// pathForm checks a field that has a *Path form: not both, and the
// *Path form only in JSONPath states.
func (v *validator) pathForm(ptr, field string, hasValue bool, path string, ql QueryLanguage) {
	if path == "" {
		return
	}
	if hasValue {
		v.exclusive(ptr+"/"+field+"Path", field, field+"Path")
	}
	if ql == JSONata {
		v.onlyJSONPath(ptr+"/"+field+"Path", field+"Path")
	}
}

func (v *validator) task(ptr string, s *Task, ql QueryLanguage) {
	if s.Resource == "" && len(s.ResourceIntrinsic) == 0 {
		v.required(ptr, "Resource")
	} else if s.Resource != "" {
		if msg := checkResource(s.Resource); msg != "" {
			v.errorf(ptr+"/Resource", CodeSchemaValidationFailed, "Value is not a valid resource ARN: %s", msg)
		}
	}
	v.jsonPathIO(ptr, ql, s.InputPath, s.Parameters, s.ResultSelector, s.ResultPath, s.OutputPath)
	if ql != JSONata && len(s.Arguments) > 0 {
		v.onlyJSONata(ptr+"/Arguments", "Arguments")
	}
	if IsLambdaInvoke(s.Resource) {
		v.lambdaFunctionName(ptr, s, ql)
	}
	v.integration(ptr, s, ql)
	v.jsonataOutput(ptr, ql, s.Output)
	v.intField(ptr+"/TimeoutSeconds", "TimeoutSeconds", s.TimeoutSeconds, ql, 1, maxSeconds)
	v.pathForm(ptr, "TimeoutSeconds", s.TimeoutSeconds != nil, s.TimeoutSecondsPath, ql)
	v.intField(ptr+"/HeartbeatSeconds", "HeartbeatSeconds", s.HeartbeatSeconds, ql, 1, maxSeconds)
	v.pathForm(ptr, "HeartbeatSeconds", s.HeartbeatSeconds != nil, s.HeartbeatSecondsPath, ql)
	if t, h := s.TimeoutSeconds, s.HeartbeatSeconds; t != nil && h != nil && t.Expr == "" && h.Expr == "" && t.Int >= 1 && h.Int >= 1 && h.Int >= t.Int {
		v.errorf(ptr+"/HeartbeatSeconds", CodeSchemaValidationFailed,
			"HeartbeatSeconds (%d) must be smaller than TimeoutSeconds (%d)", h.Int, t.Int)
	}
	v.retry(ptr, s.Retry)
	v.catch(ptr, s.Catch, ql)
	v.nextOrEnd(ptr, s.Next, s.End)
}

// lambdaFunctionName reports a lambda:invoke task whose Parameters (or
// Arguments) object names no function: Lambda cannot be called without
// one. Without Parameters the effective input is the state's input, and an
// Arguments expression is only known at run time: those are not checked.
func (v *validator) lambdaFunctionName(ptr string, s *Task, ql QueryLanguage) {
	field, raw, keys := "Parameters", s.Parameters, []string{"FunctionName", "FunctionName.$"}
	if ql == JSONata {
		field, raw, keys = "Arguments", s.Arguments, []string{"FunctionName"}
	}
	var obj map[string]json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &obj) != nil {
		return
	}
	for _, k := range keys {
		if _, ok := obj[k]; ok {
			return
		}
	}
	v.required(ptr+"/"+field, "FunctionName")
}

// checkResource returns what is wrong with a Task's Resource, or "".
// A Resource is an ARN, or holds ${...} placeholders that deploy tools
// (CloudFormation DefinitionSubstitutions, SAM, Terraform) replace.
func checkResource(r string) string {
	if strings.Contains(r, "${") {
		for rest := r; ; {
			i := strings.Index(rest, "${")
			if i < 0 {
				return ""
			}
			rest = rest[i+2:]
			j := strings.IndexAny(rest, "{}$")
			if j < 0 || rest[j] != '}' {
				return "unclosed ${ placeholder; write ${Name}"
			}
			if j == 0 {
				return "empty ${} placeholder"
			}
			rest = rest[j+1:]
		}
	}
	if !strings.HasPrefix(r, "arn:") {
		return fmt.Sprintf("%q does not start with arn: (an ARN looks like arn:aws:states:::lambda:invoke)", r)
	}
	parts := strings.Split(r, ":")
	if len(parts) < 6 || parts[1] == "" || parts[2] == "" {
		return fmt.Sprintf("%q is not of the form arn:partition:service:region:account:resource", r)
	}
	if parts[2] == "lambda" && parts[5] == "function" {
		if len(parts) < 7 || len(parts) > 8 || !isLambdaName(parts[6]) ||
			(len(parts) == 8 && parts[7] != "$LATEST" && !isLambdaQualifier(parts[7])) {
			return fmt.Sprintf("%q is not a Lambda function ARN (arn:aws:lambda:region:account:function:name[:version or alias])", r)
		}
	}
	return ""
}

func isLambdaName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '-' || c == '_' || c == '.' || c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c))) {
			return false
		}
	}
	return true
}

func isLambdaQualifier(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '-' || c == '_' || c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c))) {
			return false
		}
	}
	return true
}

func (v *validator) wait(ptr string, s *Wait, ql QueryLanguage) {
	v.jsonPathIO(ptr, ql, s.InputPath, nil, nil, nil, s.OutputPath)
	v.jsonataOutput(ptr, ql, s.Output)
	var present []string
	if s.Seconds != nil {
		present = append(present, "Seconds")
	}
	if s.SecondsPath != "" {
		present = append(present, "SecondsPath")
	}
	if s.Timestamp != "" {
		present = append(present, "Timestamp")
	}
	if s.TimestampPath != "" {
		present = append(present, "TimestampPath")
	}
	switch len(present) {
	case 0:
		v.errorf(ptr, CodeSchemaValidationFailed, "A Wait state needs exactly one of [Seconds, SecondsPath, Timestamp, TimestampPath]")
	case 1:
	default:
		v.exclusive(ptr+"/"+present[len(present)-1], present...)
	}
	v.intField(ptr+"/Seconds", "Seconds", s.Seconds, ql, 0, maxSeconds)
	if s.Timestamp != "" && !(ql == JSONata && isJSONataExpr(s.Timestamp)) {
		if !isTimestamp(s.Timestamp) {
			v.errorf(ptr+"/Timestamp", CodeSchemaValidationFailed,
				"Timestamp %q is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (uppercase T and Z)", s.Timestamp)
		}
	}
	if ql == JSONata {
		if s.SecondsPath != "" {
			v.onlyJSONPath(ptr+"/SecondsPath", "SecondsPath")
		}
		if s.TimestampPath != "" {
			v.onlyJSONPath(ptr+"/TimestampPath", "TimestampPath")
		}
	}
	v.nextOrEnd(ptr, s.Next, s.End)
}

// isTimestamp reports whether s is a timestamp as Step Functions accepts
// it: RFC 3339 with an uppercase T between date and time and an uppercase Z
// for UTC (or a numeric offset), with optional fractional seconds.
func isTimestamp(s string) bool {
	// YYYY-MM-DDTHH:MM:SS
	const layout = "dddd-dd-ddTdd:dd:dd"
	if len(s) < len(layout)+1 {
		return false
	}
	for i := 0; i < len(layout); i++ {
		c := s[i]
		if layout[i] == 'd' {
			if c < '0' || c > '9' {
				return false
			}
		} else if c != layout[i] {
			return false
		}
	}
	rest := s[len(layout):]
	if rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 {
			return false
		}
		rest = rest[i:]
	}
	switch {
	case rest == "Z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
		isDigits(rest[1:3]) && isDigits(rest[4:6]):
	default:
		return false
	}
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (v *validator) choice(ptr string, s *Choice, ql QueryLanguage) {
	v.jsonPathIO(ptr, ql, s.InputPath, nil, nil, nil, s.OutputPath)
	v.jsonataOutput(ptr, ql, s.Output)
	switch {
	case s.Choices == nil:
		v.required(ptr, "Choices")
	case len(s.Choices) == 0:
		v.errorf(ptr+"/Choices", CodeSchemaValidationFailed, "Choices must contain at least one rule")
	}
	for i := range s.Choices {
		v.rule(ptr+"/Choices/"+strconv.Itoa(i), &s.Choices[i], true, ql)
	}
}

// rule checks a Choice rule; top is true for the elements of Choices.
func (v *validator) rule(ptr string, r *ChoiceRule, top bool, ql QueryLanguage) {
	var kinds []string
	if r.Operator != "" || r.Variable != "" {
		kinds = append(kinds, "a comparison")
	}
	if r.And != nil {
		kinds = append(kinds, "And")
	}
	if r.Or != nil {
		kinds = append(kinds, "Or")
	}
	if r.Not != nil {
		kinds = append(kinds, "Not")
	}
	if len(r.Condition) > 0 {
		kinds = append(kinds, "Condition")
	}
	switch {
	case len(kinds) == 0 && ql == JSONata:
		v.required(ptr, "Condition")
	case len(kinds) == 0:
		v.errorf(ptr, CodeSchemaValidationFailed, "A Choice rule needs a comparison (Variable with an operator such as StringEquals), And, Or or Not")
	case len(kinds) > 1:
		v.errorf(ptr, CodeSchemaValidationFailed, "A Choice rule must have exactly one of a comparison, And, Or, Not and Condition; this one has %s", strings.Join(kinds, " and "))
	}
	if r.Operator != "" && r.Variable == "" {
		v.required(ptr, "Variable")
	}
	if r.Variable != "" && r.Operator == "" {
		v.errorf(ptr+"/Variable", CodeSchemaValidationFailed, "A comparison needs an operator, such as StringEquals or IsPresent, beside Variable")
	}
	if r.And != nil && len(r.And) == 0 {
		v.errorf(ptr+"/And", CodeSchemaValidationFailed, "And must contain at least one rule")
	}
	if r.Or != nil && len(r.Or) == 0 {
		v.errorf(ptr+"/Or", CodeSchemaValidationFailed, "Or must contain at least one rule")
	}
	if ql == JSONata {
		if r.Variable != "" {
			v.onlyJSONPath(ptr+"/Variable", "Variable")
		}
		if r.Operator != "" {
			v.onlyJSONPath(ptr+"/"+string(r.Operator), string(r.Operator))
		}
		if top {
			// Nested rules are reported once, at their And, Or or Not.
			for _, f := range []struct {
				name string
				set  bool
			}{{"And", r.And != nil}, {"Or", r.Or != nil}, {"Not", r.Not != nil}} {
				if f.set {
					v.onlyJSONPath(ptr+"/"+f.name, f.name)
				}
			}
		}
	} else {
		if len(r.Condition) > 0 {
			v.onlyJSONata(ptr+"/Condition", "Condition")
		}
		if len(r.Output) > 0 {
			v.onlyJSONata(ptr+"/Output", "Output")
		}
	}
	if top {
		if r.Next == "" {
			v.required(ptr, "Next")
		}
	} else {
		for _, f := range []struct {
			name string
			set  bool
		}{{"Next", r.Next != ""}, {"Output", len(r.Output) > 0}, {"Assign", len(r.Assign) > 0}} {
			if f.set {
				v.errorf(ptr+"/"+f.name, CodeSchemaValidationFailed, "%s is only allowed on the top-level rules of Choices, not inside And, Or or Not", f.name)
			}
		}
	}
	if ql == JSONata && !top {
		return // the enclosing And/Or/Not is already reported
	}
	for i := range r.And {
		v.rule(ptr+"/And/"+strconv.Itoa(i), &r.And[i], false, ql)
	}
	for i := range r.Or {
		v.rule(ptr+"/Or/"+strconv.Itoa(i), &r.Or[i], false, ql)
	}
	if r.Not != nil {
		v.rule(ptr+"/Not", r.Not, false, ql)
	}
}

func (v *validator) parallel(ptr string, s *Parallel, ql QueryLanguage) {
	v.jsonPathIO(ptr, ql, s.InputPath, s.Parameters, s.ResultSelector, s.ResultPath, s.OutputPath)
	if ql != JSONata && len(s.Arguments) > 0 {
		v.onlyJSONata(ptr+"/Arguments", "Arguments")
	}
	v.jsonataOutput(ptr, ql, s.Output)
	switch {
	case s.Branches == nil:
		v.required(ptr, "Branches")
	case len(s.Branches) == 0:
		v.errorf(ptr+"/Branches", CodeSchemaValidationFailed, "Branches must contain at least one branch")
	}
	for _, sc := range nestedScopes(ptr, s) {
		v.scope(sc.ptr, sc.startAt, sc.states)
	}
	v.retry(ptr, s.Retry)
	v.catch(ptr, s.Catch, ql)
	v.nextOrEnd(ptr, s.Next, s.End)
}

func (v *validator) mapState(ptr string, s *Map, ql QueryLanguage) {
	v.jsonPathIO(ptr, ql, s.InputPath, s.Parameters, s.ResultSelector, s.ResultPath, s.OutputPath)
	v.jsonataOutput(ptr, ql, s.Output)
	if s.ItemsPath != "" && len(s.Items) > 0 {
		v.exclusive(ptr+"/Items", "ItemsPath", "Items")
	}
	if ql == JSONata && s.ItemsPath != "" {
		v.onlyJSONPath(ptr+"/ItemsPath", "ItemsPath")
	}
	if ql != JSONata && len(s.Items) > 0 {
		v.onlyJSONata(ptr+"/Items", "Items")
	}
	if len(s.ItemSelector) > 0 && len(s.Parameters) > 0 {
		v.exclusive(ptr+"/Parameters", "ItemSelector", "Parameters")
	}

	proc := s.Processor()
	switch {
	case s.ItemProcessor != nil && s.Iterator != nil:
		v.exclusive(ptr+"/Iterator", "ItemProcessor", "Iterator")
	case proc == nil:
		v.required(ptr, "ItemProcessor")
	}
	distributed := false
	for _, p := range []struct {
		field string
		ip    *ItemProcessor
	}{{"ItemProcessor", s.ItemProcessor}, {"Iterator", s.Iterator}} {
		if p.ip == nil || p.ip.ProcessorConfig == nil {
			continue
		}
		pc, pp := p.ip.ProcessorConfig, ptr+"/"+p.field+"/ProcessorConfig"
		switch pc.Mode {
		case "", ModeInline:
		case ModeDistributed:
			distributed = distributed || p.ip == proc
		default:
			v.errorf(pp+"/Mode", CodeSchemaValidationFailed, "Mode must be INLINE or DISTRIBUTED, got %q", pc.Mode)
		}
		switch {
		case pc.ExecutionType != "" && pc.ExecutionType != ExecutionStandard && pc.ExecutionType != ExecutionExpress:
			v.errorf(pp+"/ExecutionType", CodeSchemaValidationFailed, "ExecutionType must be STANDARD or EXPRESS, got %q", pc.ExecutionType)
		case pc.ExecutionType != "" && pc.Mode != ModeDistributed:
			v.errorf(pp+"/ExecutionType", CodeSchemaValidationFailed, "ExecutionType is only allowed when Mode is DISTRIBUTED")
		case pc.ExecutionType == "" && pc.Mode == ModeDistributed:
			v.errorf(pp, CodeSchemaValidationFailed, "These fields are required: [ExecutionType] (STANDARD or EXPRESS, for a DISTRIBUTED Map)")
		}
	}
	if !distributed {
		for _, f := range []struct {
			name string
			set  bool
		}{
			{"ItemReader", s.ItemReader != nil},
			{"ItemBatcher", s.ItemBatcher != nil},
			{"ResultWriter", s.ResultWriter != nil},
			{"ToleratedFailurePercentage", s.ToleratedFailurePercentage != nil},
			{"ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath != ""},
			{"ToleratedFailureCount", s.ToleratedFailureCount != nil},
			{"ToleratedFailureCountPath", s.ToleratedFailureCountPath != ""},
			{"Label", s.Label != ""},
		} {
			if f.set {
				v.warnf(ptr+"/"+f.name, CodeSchemaValidationFailed,
					"%s only has an effect in a Distributed Map: set ItemProcessor.ProcessorConfig.Mode to DISTRIBUTED, or remove it", f.name)
			}
		}
	}

	if s.ItemReader != nil {
		v.itemReader(ptr+"/ItemReader", s.ItemReader, ql)
	}
	if s.ItemBatcher != nil {
		v.itemBatcher(ptr+"/ItemBatcher", s.ItemBatcher, ql)
	}
	for _, sc := range nestedScopes(ptr, s) {
		v.ex.nextDistrb = isDistributedScope(s, sc.ptr)
		v.scope(sc.ptr, sc.startAt, sc.states)
	}
	if s.ResultWriter != nil {
		v.resultWriter(ptr+"/ResultWriter", s.ResultWriter, ql)
	}

	v.intField(ptr+"/MaxConcurrency", "MaxConcurrency", s.MaxConcurrency, ql, 0, math.MaxInt)
	v.pathForm(ptr, "MaxConcurrency", s.MaxConcurrency != nil, s.MaxConcurrencyPath, ql)
	if p := s.ToleratedFailurePercentage; p != nil {
		switch {
		case p.Expr != "":
			v.exprNumber(ptr+"/ToleratedFailurePercentage", "ToleratedFailurePercentage", p.Expr, ql)
		case p.Float < 0 || p.Float > 100 || math.IsNaN(p.Float):
			v.errorf(ptr+"/ToleratedFailurePercentage", CodeSchemaValidationFailed,
				"ToleratedFailurePercentage must be between 0 and 100, got %s", strconv.FormatFloat(p.Float, 'g', -1, 64))
		}
	}
	v.pathForm(ptr, "ToleratedFailurePercentage", s.ToleratedFailurePercentage != nil, s.ToleratedFailurePercentagePath, ql)
	v.intField(ptr+"/ToleratedFailureCount", "ToleratedFailureCount", s.ToleratedFailureCount, ql, 0, math.MaxInt)
	v.pathForm(ptr, "ToleratedFailureCount", s.ToleratedFailureCount != nil, s.ToleratedFailureCountPath, ql)
	if s.Label != "" {
		v.label(ptr+"/Label", s.Label)
	}
	v.retry(ptr, s.Retry)
	v.catch(ptr, s.Catch, ql)
	v.nextOrEnd(ptr, s.Next, s.End)
}

// label checks a Distributed Map's Label.
func (v *validator) label(loc, label string) {
	if n := utf8.RuneCountInString(label); n > maxLabelLen {
		v.errorf(loc, CodeInvalidLabelName, "Label %q is %d characters long; the limit is %d", label, n, maxLabelLen)
	}
	for _, r := range label {
		if unicode.IsSpace(r) || isControl(r) || strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r) {
			v.errorf(loc, CodeInvalidLabelName,
				"Label %q contains %q: a label must not contain whitespace, control characters or any of < > { } [ ] ? * \" # %% \\ ^ | ~ ` $ & , ; : /", label, r)
			break
		}
	}
	if v.labels[label] {
		v.errorf(loc, CodeDuplicateLabelName, "Duplicate Label %q: each Map state's Label must be unique in the state machine", label)
	}
	v.labels[label] = true
}

func oneOf(s string, allowed ...string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

func (v *validator) enum(loc, field, value string, allowed ...string) {
	if value != "" && !oneOf(value, allowed...) {
		v.errorf(loc, CodeSchemaValidationFailed, "%s must be one of %s, got %q", field, strings.Join(allowed, ", "), value)
	}
}

// readerWriterArgs checks Parameters and Arguments of an ItemReader or ResultWriter.
func (v *validator) readerWriterArgs(ptr string, parameters, arguments []byte, ql QueryLanguage) {
	if len(parameters) > 0 && ql == JSONata {
		v.onlyJSONPath(ptr+"/Parameters", "Parameters")
	}
	if len(arguments) > 0 && ql != JSONata {
		v.onlyJSONata(ptr+"/Arguments", "Arguments")
	}
}

func (v *validator) itemReader(ptr string, r *ItemReader, ql QueryLanguage) {
	if r.Resource == "" {
		v.required(ptr, "Resource")
	}
	v.readerWriterArgs(ptr, r.Parameters, r.Arguments, ql)
	rc := r.ReaderConfig
	if rc == nil {
		return
	}
	cp := ptr + "/ReaderConfig"
	v.enum(cp+"/InputType", "InputType", rc.InputType, "CSV", "JSON", "JSONL", "MANIFEST", "PARQUET")
	v.enum(cp+"/CSVHeaderLocation", "CSVHeaderLocation", rc.CSVHeaderLocation, "FIRST_ROW", "GIVEN")
	if rc.CSVHeaderLocation == "GIVEN" && len(rc.CSVHeaders) == 0 {
		v.errorf(cp, CodeSchemaValidationFailed, "These fields are required: [CSVHeaders] (CSVHeaderLocation is GIVEN)")
	}
	v.enum(cp+"/CSVDelimiter", "CSVDelimiter", rc.CSVDelimiter, "COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB")
	v.enum(cp+"/ManifestType", "ManifestType", rc.ManifestType, "S3_INVENTORY", "ATHENA_DATA")
	v.intField(cp+"/MaxItems", "MaxItems", rc.MaxItems, ql, 0, maxReaderItems)
	v.pathForm(cp, "MaxItems", rc.MaxItems != nil, rc.MaxItemsPath, ql)
}

func (v *validator) itemBatcher(ptr string, b *ItemBatcher, ql QueryLanguage) {
	if b.MaxItemsPerBatch == nil && b.MaxItemsPerBatchPath == "" && b.MaxInputBytesPerBatch == nil && b.MaxInputBytesPerBatchPath == "" {
		v.errorf(ptr, CodeSchemaValidationFailed,
			"ItemBatcher needs at least one of [MaxItemsPerBatch, MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]")
	}
	v.intField(ptr+"/MaxItemsPerBatch", "MaxItemsPerBatch", b.MaxItemsPerBatch, ql, 1, math.MaxInt)
	v.pathForm(ptr, "MaxItemsPerBatch", b.MaxItemsPerBatch != nil, b.MaxItemsPerBatchPath, ql)
	v.intField(ptr+"/MaxInputBytesPerBatch", "MaxInputBytesPerBatch", b.MaxInputBytesPerBatch, ql, 1, maxBatchInputBytes)
	v.pathForm(ptr, "MaxInputBytesPerBatch", b.MaxInputBytesPerBatch != nil, b.MaxInputBytesPerBatchPath, ql)
}

func (v *validator) resultWriter(ptr string, w *ResultWriter, ql QueryLanguage) {
	v.readerWriterArgs(ptr, w.Parameters, w.Arguments, ql)
	if wc := w.WriterConfig; wc != nil {
		v.enum(ptr+"/WriterConfig/OutputType", "OutputType", wc.OutputType, "JSON", "JSONL")
		v.enum(ptr+"/WriterConfig/Transformation", "Transformation", wc.Transformation, "NONE", "COMPACT", "FLATTEN")
	}
}

// errorEquals checks the ErrorEquals of retrier or catcher i of n at ptr.
func (v *validator) errorEquals(ptr, what string, errs []string, i, n int) {
	if len(errs) == 0 {
		if errs == nil {
			v.required(ptr, "ErrorEquals")
		} else {
			v.errorf(ptr+"/ErrorEquals", CodeSchemaValidationFailed, "ErrorEquals must contain at least one error name")
		}
		return
	}
	for j, e := range errs {
		if e != statesALL {
			continue
		}
		if len(errs) > 1 {
			v.errorf(ptr+"/ErrorEquals/"+strconv.Itoa(j), CodeSchemaValidationFailed,
				"%q must appear alone in ErrorEquals; move the other error names to an earlier %s", statesALL, what)
		}
		if i != n-1 {
			v.errorf(ptr+"/ErrorEquals/"+strconv.Itoa(j), CodeSchemaValidationFailed,
				"%q must only appear in the last %s; move this %s to the end", statesALL, what, what)
		}
	}
}

func (v *validator) retry(ptr string, rs []Retrier) {
	for i, r := range rs {
		rp := ptr + "/Retry/" + strconv.Itoa(i)
		v.errorEquals(rp, "retrier", r.ErrorEquals, i, len(rs))
		if x := r.IntervalSeconds; x != nil && (*x < 1 || *x > maxSeconds) {
			v.errorf(rp+"/IntervalSeconds", CodeSchemaValidationFailed, "IntervalSeconds must be between 1 and %d, got %d", maxSeconds, *x)
		}
		if x := r.MaxAttempts; x != nil && (*x < 0 || *x > maxSeconds) {
			v.errorf(rp+"/MaxAttempts", CodeSchemaValidationFailed, "MaxAttempts must be between 0 and %d, got %d", maxSeconds, *x)
		}
		if x := r.BackoffRate; x != nil && !(*x >= 1.0) {
			v.errorf(rp+"/BackoffRate", CodeSchemaValidationFailed, "BackoffRate must be at least 1.0, got %s", strconv.FormatFloat(*x, 'g', -1, 64))
		}
		if x := r.MaxDelaySeconds; x != nil && (*x < 1 || *x > maxDelaySeconds) {
			v.errorf(rp+"/MaxDelaySeconds", CodeSchemaValidationFailed, "MaxDelaySeconds must be between 1 and %d, got %d", maxDelaySeconds, *x)
		}
		v.enum(rp+"/JitterStrategy", "JitterStrategy", r.JitterStrategy, JitterFull, JitterNone)
	}
}

func (v *validator) catch(ptr string, cs []Catcher, ql QueryLanguage) {
	for i, c := range cs {
		cp := ptr + "/Catch/" + strconv.Itoa(i)
		v.errorEquals(cp, "catcher", c.ErrorEquals, i, len(cs))
		if c.Next == "" {
			v.required(cp, "Next")
		}
		if ql == JSONata && c.ResultPath != nil {
			v.onlyJSONPath(cp+"/ResultPath", "ResultPath")
		}
		if ql != JSONata && len(c.Output) > 0 {
			v.onlyJSONata(cp+"/Output", "Output")
		}
	}
}
