package asl

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	jsonataparser "github.com/aslgen/aslgen/dsl/jsonata"
	"github.com/google/go-cmp/cmp"
)

const (
	nodollar = CodeNoDollar
	undef    = CodeUndefinedVariable
)

// pass returns a Pass state named name with extra fields (a leading comma
// included) that ends the machine.
func pass(name, extra string) string {
	return `"` + name + `": {"Type": "Pass"` + extra + `, "End": true}`
}

// from wraps states into a document that starts at V.
func from(states string) string {
	return `{"StartAt": "V", "States": {` + states + `}}`
}

// task returns a Lambda Task state A with extra fields that ends the
// machine. Its Resource is a function's ARN, which takes any Parameters.
func task(extra string) string {
	return `"A": {"Type": "Task", ` + function + extra + `, "End": true}`
}

// function is the Resource of a Task that calls a Lambda function by its
// ARN, not through an integration.
const function = `"Resource": "arn:aws:lambda:us-east-1:123456789012:function:F"`

var exprCases = []validateCase{
	// JSONPath syntax of InputPath and OutputPath.
	{"InputPath that is no path", machine(pass("A", `, "InputPath": "bug$.library"`)), []string{E(svf, "/States/A/InputPath")}},
	{"OutputPath with an unterminated bracket", machine(pass("A", `, "OutputPath": "$.a["`)), []string{E(svf, "/States/A/OutputPath")}},
	{"InputPath and OutputPath forms AWS accepts", machine(`"A": {"Type": "Pass", "InputPath": "$$.Execution.Input", "OutputPath": "$.items[?(@.price < 10)].name", "Next": "B"}, ` +
		pass("B", `, "InputPath": "$.rows[1:]", "OutputPath": "$[(@.length-1)].bar"`)), nil},
	{"a filter with a bare word", machine(pass("A", `, "OutputPath": "$.Labels[?(@.Name==Receipt)]"`)), nil},
	{"null paths", machine(pass("A", `, "InputPath": null, "OutputPath": null, "ResultPath": null`)), nil},

	// ResultPath: a Reference Path into the input.
	{"ResultPath that is no path", machine(pass("A", `, "ResultPath": ".guid"`)), []string{E(svf, "/States/A/ResultPath")}},
	{"ResultPath into the context object", machine(pass("A", `, "ResultPath": "$$.Execution"`)), []string{E(svf, "/States/A/ResultPath")}},
	{"ResultPath with a wildcard", machine(pass("A", `, "ResultPath": "$.a[*]"`)), []string{E(svf, "/States/A/ResultPath")}},
	{"ResultPath with a negative index", machine(pass("A", `, "ResultPath": "$.a[-1]"`)), []string{E(svf, "/States/A/ResultPath")}},
	{"ResultPath naming a variable", machine(pass("A", `, "Assign": {"foo": 1}, "ResultPath": "$foo"`)), []string{E(svf, "/States/A/ResultPath")}},
	{"ResultPath reference paths", machine(pass("A", `, "ResultPath": "$.a['b c'][0].d"`)), nil},
	{"Catch ResultPath", machine(task(`, "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$..e", "Next": "Z"}]`) + `, ` + endOK),
		[]string{E(svf, "/States/A/Catch/0/ResultPath")}},

	// Reference Paths elsewhere.
	{"ItemsPath with a wildcard", machine(mapWith(`, "ItemsPath": "$.items[*]"`, "")), []string{E(svf, "/States/A/ItemsPath")}},
	{"ItemsPath from the context object and a variable", from(`"V": {"Type": "Pass", "Assign": {"items": [1]}, "Next": "M"}, ` +
		`"M": {"Type": "Map", "ItemsPath": "$$.Execution.Input.items", "ItemProcessor": {"StartAt": "J", "States": {"J": {"Type": "Pass", "End": true}}}, "Next": "N"}, ` +
		`"N": {"Type": "Map", "ItemsPath": "$items['a'][0]", "ItemProcessor": {"StartAt": "K", "States": {"K": {"Type": "Pass", "End": true}}}, "End": true}`), nil},
	{"Variable with recursive descent", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$..x", "IsPresent": true, "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0/Variable")}},
	{"Variable that is an intrinsic function", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "States.ArrayLength($.a)", "NumericEquals": 1, "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0/Variable")}},
	{"path operand with a slice", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEqualsPath": "$.y[0:2]", "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0/StringEqualsPath")}},
	{"nested rules are checked", machine(`"A": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$.x", "IsNull": true}, {"Not": {"Variable": "$.y[*]", "IsNull": true}}], "Next": "Z"}]}, ` + endOK),
		[]string{E(svf, "/States/A/Choices/0/And/1/Not/Variable")}},
	{"Variable forms AWS accepts", machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "$$.Execution.Input.x", "NumericGreaterThanEqualsPath": "$.list[-1]", "Next": "Z"}, {"Variable": "$['a b'][0]", "IsPresent": true, "Next": "Z"}]}, ` + endOK), nil},
	{"numeric *Path fields", machine(`"A": {"Type": "Task", ` + service + `, "TimeoutSecondsPath": "$.t[0:1]", "HeartbeatSecondsPath": "h", "Next": "W"}, ` +
		`"W": {"Type": "Wait", "SecondsPath": "$.s.*", "Next": "X"}, "X": {"Type": "Wait", "TimestampPath": "$..t", "End": true}`),
		[]string{E(svf, "/States/A/TimeoutSecondsPath"), E(svf, "/States/A/HeartbeatSecondsPath"), E(svf, "/States/W/SecondsPath"), E(svf, "/States/X/TimestampPath")}},
	{"Map *Path fields", machine(mapWith(`, "MaxConcurrencyPath": "$.m[*]", "ToleratedFailurePercentagePath": "p", "ToleratedFailureCountPath": "$.c.length()", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"MaxItemsPath": "$[?(@.a)]"}}, "ItemBatcher": {"MaxItemsPerBatchPath": "$..n", "MaxInputBytesPerBatchPath": "$.b[1,2]"}`, distributed)),
		[]string{E(svf, "/States/A/MaxConcurrencyPath"), E(svf, "/States/A/ToleratedFailurePercentagePath"), E(svf, "/States/A/ToleratedFailureCountPath"),
			E(svf, "/States/A/ItemReader/ReaderConfig/MaxItemsPath"), E(svf, "/States/A/ItemBatcher/MaxItemsPerBatchPath"), E(svf, "/States/A/ItemBatcher/MaxInputBytesPerBatchPath")}},

	// ErrorPath and CausePath: a path or an intrinsic function.
	{"ErrorPath and CausePath as intrinsic functions", machine(`"A": {"Type": "Fail", "ErrorPath": "States.Format('{}', $.Error)", "CausePath": "$$.State.Name"}`), nil},
	{"ErrorPath and CausePath that are neither", machine(`"A": {"Type": "Fail", "ErrorPath": "States.Nope($.e)", "CausePath": "oops"}`),
		[]string{E(svf, "/States/A/ErrorPath"), E(svf, "/States/A/CausePath")}},

	// Definition substitutions.
	{"placeholders are not checked", machine(pass("A", `, "InputPath": "${In}", "ResultPath": "${Out}", "Parameters": {"a.$": "${Path}", "b.$": "States.Format('${Greeting} {}', $.n)"}`)), nil},

	// Payload templates.
	{"keys that conflict once .$ is removed", machine(pass("A", `, "Parameters": {"d": {"c": "v", "c.$": "$.v"}}`)), []string{E(svf, "/States/A/Parameters/d/c.$")}},
	{"conflicting keys inside an array", machine(task(`, "Parameters": {"blocks": [{"t.$": "$.x", "t": 1}]}`)), []string{E(svf, "/States/A/Parameters/blocks/0/t")}},
	{".$ value that is not a string", machine(task(`, "Parameters": {"n.$": 5}`)), []string{E(svf, "/States/A/Parameters/n.$")}},
	{".$ value that is not a path", machine(task(`, "Parameters": {"lorem.$": "ipsum"}`)), []string{E(svf, "/States/A/Parameters/lorem.$")}},
	{".$ value with a bad path", machine(task(`, "Parameters": {"x.$": "$.a[", "y.$": "$$", "z.$": "$"}`)), []string{E(svf, "/States/A/Parameters/x.$")}},
	{"every template field is checked", machine(`"A": {"Type": "Task", ` + service + `, "ResultSelector": {"a.$": "x"}, "Credentials": {"RoleArn.$": "y"}, "Next": "M"}, ` +
		`"M": {"Type": "Map", "ItemSelector": {"i.$": "z"}, "ItemProcessor": {"ProcessorConfig": ` + distributed + `, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, ` +
		`"ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket.$": "b"}}, "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"k.$": "k"}}, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Key.$": "w"}}, "Next": "P"}, ` +
		`"P": {"Type": "Parallel", "Parameters": {"p.$": "p"}, "ResultSelector": {"r.$": "r"}, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"q.$": "q"}, "End": true}}}], "Next": "L"}, ` +
		`"L": {"Type": "Map", "Parameters": {"l.$": "l"}, "Iterator": {"StartAt": "LI", "States": {"LI": {"Type": "Pass", "End": true}}}, "End": true}`),
		[]string{E(svf, "/States/A/ResultSelector/a.$"), E(svf, "/States/A/Credentials/RoleArn.$"), E(svf, "/States/M/ItemSelector/i.$"),
			E(svf, "/States/M/ItemReader/Parameters/Bucket.$"), E(svf, "/States/M/ItemBatcher/BatchInput/k.$"), E(svf, "/States/M/ResultWriter/Parameters/Key.$"),
			E(svf, "/States/P/Parameters/p.$"), E(svf, "/States/P/ResultSelector/r.$"), E(svf, "/States/P/Branches/0/States/B/Parameters/q.$"), E(svf, "/States/L/Parameters/l.$")}},
	{"keys with / and ~ are located", machine(pass("A", `, "Parameters": {"a/b~c.$": "nope"}`)), []string{E(svf, "/States/A/Parameters/a~1b~0c.$")}},
	{"NO_DOLLAR", machine(task(`, "Parameters": {"path": "$.a", "ctx": "$$.Execution.Id", "fn": "States.UUID()", "root": "$", "alias": "$LATEST", "price": "$5", "text": "States.Unknown()"}`)),
		[]string{W(nodollar, "/States/A/Parameters/path"), W(nodollar, "/States/A/Parameters/ctx"), W(nodollar, "/States/A/Parameters/fn"), W(nodollar, "/States/A/Parameters/root")}},

	// Intrinsic functions.
	{"unknown intrinsic function", machine(pass("A", `, "Parameters": {"x.$": "States.Nope(1)"}`)), []string{E(svf, "/States/A/Parameters/x.$")}},
	{"intrinsic arity", machine(pass("A", `, "Parameters": {"x.$": "States.ArrayGetItem($.a)"}`)), []string{E(svf, "/States/A/Parameters/x.$")}},
	{"intrinsic argument kinds", machine(pass("A", `, "Parameters": {"x.$": "States.MathAdd(1,'-1')"}`)), []string{E(svf, "/States/A/Parameters/x.$")}},
	{"intrinsic nesting", machine(pass("A", `, "Parameters": {"x.$": "`+strings.Repeat("States.Array(", 11)+strings.Repeat(")", 11)+`"}`)),
		[]string{E(svf, "/States/A/Parameters/x.$")}},
	{"intrinsic nesting of 10", machine(pass("A", `, "Parameters": {"x.$": "`+strings.Repeat("States.Array(", 10)+strings.Repeat(")", 10)+`"}`)), nil},
	{"intrinsic with variables and filters", from(`"V": {"Type": "Pass", "Assign": {"order": {}}, "Next": "A"}, ` +
		pass("A", `, "Parameters": {"x.$": "States.Format('Order {} of {}', $order.number, $$.Execution.Id)", "y.$": "States.ArrayGetItem($.Outputs[?(@.Key == FooBar)].Value, 0)"}`)), nil},
	{"States.Format with fewer arguments than placeholders", machine(pass("A", `, "Parameters": {"x.$": "States.Format('{} and {}', $.a)"}`)), nil},

	// Assign in JSONPath states.
	{"JSONPath Assign", machine(`"A": {"Type": "Pass", "Assign": {"total.$": "$.a", "static": {"x.$": "$.b"}, "when.$": "$$.Execution.StartTime", "msg.$": "States.Format('{}', $total)"}, "Next": "B"}, ` +
		pass("B", `, "Parameters": {"t.$": "$total", "s.$": "$static.x"}`)), nil},
	{"Assign names that are not variables", machine(pass("A", `, "Assign": {"x.y": 1, "states": 2, "`+strings.Repeat("v", 81)+`": 3, "top-level": 4, "a.$": "nope", "$d": 5}`)),
		[]string{E(svf, "/States/A/Assign/$d"), E(svf, "/States/A/Assign/x.y"), E(svf, "/States/A/Assign/states"), E(svf, "/States/A/Assign/"+strings.Repeat("v", 81)),
			W(svf, "/States/A/Assign/top-level"), E(svf, "/States/A/Assign/a.$")}},
	{"Assign in Catch and Choice rules", machine(`"A": {"Type": "Task", ` + service + `, "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"e.$": "nope"}, "Next": "C"}], "Next": "C"}, ` +
		`"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Assign": {"r.$": "nope"}, "Next": "Z"}], "Default": "Z"}, ` + endOK),
		[]string{E(svf, "/States/A/Catch/0/Assign/e.$"), E(svf, "/States/C/Choices/0/Assign/r.$")}},

	// Warnings about static values.
	{"PASS_RESULT_IS_STATIC", machine(pass("A", `, "Result": {"a.$": "x", "b": "$.y", "c": ["$$.Execution.Id"], "d": "plain"}`)),
		[]string{W(CodePassResultIsStatic, "/States/A/Result/a.$"), W(CodePassResultIsStatic, "/States/A/Result/b"), W(CodePassResultIsStatic, "/States/A/Result/c/0")}},
	{"NO_PATH", machine(`"A": {"Type": "Fail", "Error": "$.error", "Cause": "$.cause"}`),
		[]string{W(CodeNoPath, "/States/A/Error"), W(CodeNoPath, "/States/A/Cause")}},

	// JSONata {% %} form.
	{"JSONata delimiters", jsonata(`"A": {"Type": "Pass", "Output": {"open": "{% 10 %", "close": "10 %}", "empty": "{%  %}", "bare": "{%%}", "pct": "100%", "list": ["{% 1 %}", "{% 2"]}, "End": true}`),
		[]string{E(svf, "/States/A/Output/open"), E(svf, "/States/A/Output/close"),
			E(svf, "/States/A/Output/empty"), E(svf, "/States/A/Output/bare"), E(svf, "/States/A/Output/list/1")}},
	{"JSONata forms AWS accepts", jsonata(`"A": {"Type": "Pass", "Output": {"a": "{%$string(1) %}", "b": "{% $states.input%}", "c": "{%\n  $states.input.x\n%}", "d": "{% 1  %}", "e": "not an expression", "f": "{%10%}", "g": "{% \n10 %}"}, "End": true}`), nil},
	{"every JSONata field is checked", jsonata(`"A": {"Type": "Task", ` + service + `, "Arguments": "{% 1", "Credentials": {"RoleArn": "{% 2"}, "TimeoutSeconds": "{% 3", "HeartbeatSeconds": "{% 1", "Output": ["{% 4"], "Assign": {"v": "{% 5"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% 6", "Assign": {"w": "{% 7"}, "Next": "C"}], "Next": "C"}, ` +
		`"C": {"Type": "Choice", "Choices": [{"Condition": "{% true", "Output": "{% 8", "Assign": {"x": "{% 9"}, "Next": "W"}], "Default": "W", "Output": "{% 10", "Assign": {"y": "{% 11"}}, ` +
		`"W": {"Type": "Wait", "Seconds": "{% 1", "Output": "{% 12", "Assign": {"z": "{% 13"}, "Next": "X"}, "X": {"Type": "Wait", "Timestamp": "{% $t", "Next": "P"}, ` +
		`"P": {"Type": "Parallel", "Arguments": {"a": "{% 14"}, "Branches": [{"StartAt": "PB", "States": {"PB": {"Type": "Succeed", "Output": "{% 15"}}}], "Output": "{% 16", "Assign": {"p": "{% 17"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% 18", "Next": "F"}], "Next": "F"}, ` +
		`"F": {"Type": "Fail", "Error": "{% 19", "Cause": "{% 20"}`),
		[]string{E(svf, "/States/A/Arguments"), E(svf, "/States/A/Credentials/RoleArn"), E(svf, "/States/A/TimeoutSeconds"), E(svf, "/States/A/HeartbeatSeconds"), E(svf, "/States/A/Output/0"),
			E(svf, "/States/A/Assign/v"), E(svf, "/States/A/Catch/0/Output"), E(svf, "/States/A/Catch/0/Assign/w"),
			E(svf, "/States/C/Choices/0/Condition"), E(svf, "/States/C/Choices/0/Output"), E(svf, "/States/C/Choices/0/Assign/x"), E(svf, "/States/C/Output"), E(svf, "/States/C/Assign/y"),
			E(svf, "/States/W/Seconds"), E(svf, "/States/W/Output"), E(svf, "/States/W/Assign/z"), E(svf, "/States/X/Timestamp"), E(svf, "/States/X/Timestamp"),
			E(svf, "/States/P/Arguments/a"), E(svf, "/States/P/Branches/0/States/PB/Output"), E(svf, "/States/P/Output"), E(svf, "/States/P/Assign/p"), E(svf, "/States/P/Catch/0/Output"),
			E(svf, "/States/F/Error"), E(svf, "/States/F/Cause")}},
	{"every JSONata field of a Map is checked", jsonata(mapWith(`, "Items": "{% 1", "ItemSelector": {"v": "{% 2"}, "MaxConcurrency": "{% 3", "ToleratedFailurePercentage": "{% 4", "ToleratedFailureCount": "{% 5", `+
		`"ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Arguments": {"Bucket": "{% 6"}, "ReaderConfig": {"MaxItems": "{% 7"}}, "ItemBatcher": {"MaxItemsPerBatch": "{% 8", "MaxInputBytesPerBatch": "{% 9", "BatchInput": {"b": "{% 10"}}, `+
		`"ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Arguments": {"Key": "{% 11"}}, "Output": "{% 12", "Assign": {"m": "{% 13"}`, distributed)),
		[]string{E(svf, "/States/A/Items"), E(svf, "/States/A/ItemSelector/v"), E(svf, "/States/A/MaxConcurrency"), E(svf, "/States/A/ToleratedFailurePercentage"), E(svf, "/States/A/ToleratedFailureCount"),
			E(svf, "/States/A/ItemReader/Arguments/Bucket"), E(svf, "/States/A/ItemReader/ReaderConfig/MaxItems"), E(svf, "/States/A/ItemBatcher/MaxItemsPerBatch"),
			E(svf, "/States/A/ItemBatcher/MaxInputBytesPerBatch"), E(svf, "/States/A/ItemBatcher/BatchInput/b"), E(svf, "/States/A/ResultWriter/Arguments/Key"),
			E(svf, "/States/A/Output"), E(svf, "/States/A/Assign/m")}},
	{"JSONata strings in JSONPath states are literals", machine(pass("A", `, "Parameters": {"a": "{%10%}", "b": "{% 1"}`)), nil},
	{"JSONata Assign names", jsonata(pass("A", `, "Assign": {"x.$": "{% 1 %}", "a.b": 2, "ok_1": 3}`)),
		[]string{E(svf, "/States/A/Assign/x.$"), E(svf, "/States/A/Assign/a.b")}},

	// Variable scopes.
	{"a branch assigning an outer variable", machine(`"A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "P"}, ` +
		`"P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"x": 2, "y": 3}, "End": true}}}, {"StartAt": "C", "States": {"C": {"Type": "Pass", "Assign": {"y": 4}, "End": true}}}], "End": true}`),
		[]string{E(svf, "/States/P/Branches/0/States/B/Assign/x")}},
	// The Map's own catcher assigns once the iterations are over: no
	// conflict (AWS runs the like, see assignedAfter); another outer state's
	// assignment is one.
	{"a Catch assigns in the outer scope", machine(`"A": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Assign": {"e": 1, "f": 2}, "End": true}}}, "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"e.$": "$.Error"}, "Next": "Z"}], "Assign": {"g": 1}, "Next": "Y"}, ` +
		`"Y": {"Type": "Pass", "Assign": {"f": 3}, "Next": "Z"}, ` + endOK),
		[]string{E(svf, "/States/A/ItemProcessor/States/I/Assign/f")}},
	{"reading variables", machine(`"A": {"Type": "Pass", "Assign": {"known": 1}, "Parameters": {"a.$": "$known", "b.$": "$unknown.x"}, "Next": "M"}, ` +
		`"M": {"Type": "Map", "ItemSelector": {"k.$": "$known"}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Assign": {"inner": 1}, "Parameters": {"k.$": "$known", "i.$": "$inner"}, "End": true}}}, "Next": "Z"}, ` +
		`"Z": {"Type": "Pass", "Parameters": {"i.$": "$inner"}, "End": true}`),
		[]string{W(undef, "/States/A/Parameters/b.$"), W(undef, "/States/Z/Parameters/i.$")}},
	{"a Distributed Map reading an outer variable", machine(`"A": {"Type": "Pass", "Assign": {"known": 1}, "Next": "M"}, ` +
		`"M": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": ` + distributed + `, "StartAt": "I", "States": {"I": {"Type": "Pass", "Parameters": {"k.$": "$known"}, "End": true}}}, "End": true}`),
		[]string{W(undef, "/States/M/ItemProcessor/States/I/Parameters/k.$")}},
	{"JSONata variables", jsonata(`"A": {"Type": "Pass", "Assign": {"price": 1}, "Next": "B"}, ` +
		pass("B", `, "Output": {"ok": "{% $price * 2 %}", "fn": "{% $sum($states.input.xs) %}", "local": "{% ($t := 2; $t * $price) %}", "lambda": "{% $map([1], function($v) { $v + $price }) %}", "str": "{% '$nope' & \"$nope\" %}", "missing": "{% $missing %}"}`)),
		[]string{W(undef, "/States/B/Output/missing")}},
	{"variable name too long in a path", machine(pass("A", `, "InputPath": "$`+strings.Repeat("v", 81)+`"`)), []string{E(svf, "/States/A/InputPath")}},

	// Retriers and catchers that never match.
	{"a catcher after one that handles its errors", machine(task(`, "Catch": [{"ErrorEquals": ["A", "B"], "Next": "Z"}, {"ErrorEquals": ["B"], "Next": "Z"}, {"ErrorEquals": ["B", "C"], "Next": "Z"}, {"ErrorEquals": ["States.ALL"], "Next": "Z"}]`) + `, ` + endOK),
		[]string{W(CodeUnreachableCatcher, "/States/A/Catch/1")}},
	{"a retrier after one that handles its errors", machine(task(`, "Retry": [{"ErrorEquals": ["States.Timeout"]}, {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 5}]`)),
		[]string{W(CodeUnreachableRetrier, "/States/A/Retry/1")}},
	{"a Task catcher after States.TaskFailed", machine(task(`, "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Z"}, {"ErrorEquals": ["Lambda.ServiceException"], "Next": "Z"}, {"ErrorEquals": ["States.Timeout"], "Next": "Z"}]`) + `, ` + endOK),
		[]string{W(CodeUnreachableCatcher, "/States/A/Catch/1")}},
	{"States.TaskFailed in a Parallel", machine(`"A": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Z"}, {"ErrorEquals": ["Custom"], "Next": "Z"}], "End": true}, ` + endOK), nil},

	// Map settings.
	{"ItemBatcher without a maximum", machine(mapWith(`, "ItemBatcher": {"BatchInput": {"a": 1}}`, distributed)), []string{E(svf, "/States/A/ItemBatcher")}},
	{"ItemBatcher with a path maximum", machine(mapWith(`, "ItemBatcher": {"MaxInputBytesPerBatchPath": "$.n"}`, distributed)), nil},
}

func TestValidateExpr(t *testing.T) {
	for _, tc := range exprCases {
		t.Run(tc.name, func(t *testing.T) { checkValidateCase(t, tc) })
	}
}

// nested returns a document of depth Parallel states, each inside the only
// branch of the one before, and the pointer of the innermost branch.
func nested(depth int) (string, string) {
	var b strings.Builder
	b.WriteString(`{"StartAt": "P0", "States": {`)
	ptr := ""
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, `"P%d": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "P%d", "States": {`, i, i+1)
		ptr += fmt.Sprintf("/States/P%d/Branches/0", i)
	}
	fmt.Fprintf(&b, `"P%d": {"Type": "Succeed"}`, depth)
	b.WriteString(strings.Repeat(`}}]}`, depth))
	b.WriteString(`}}`)
	return b.String(), ptr
}

func TestValidateNesting(t *testing.T) {
	doc, _ := nested(maxNesting)
	checkValidateCase(t, validateCase{"deepest allowed", doc, nil})

	doc, ptr := nested(maxNesting + 3)
	// The scope one level too deep is reported, once; nothing inside it is
	// checked.
	parts := strings.Split(ptr, "/Branches/0")
	tooDeep := strings.Join(parts[:maxNesting+1], "/Branches/0") + "/Branches/0"
	checkValidateCase(t, validateCase{"too deep", doc, []string{E(CodeTooDeeplyNested, tooDeep)}})
}

type codedError struct{ msg string }

func (e codedError) Error() string          { return e.msg }
func (e codedError) DiagnosticCode() string { return "UNSUPPORTED_JSONATA_EXPRESSION" }

func TestCheckJSONata(t *testing.T) {
	var seen []string
	defer func() { checkJSONataHook = nil }()
	checkJSONataHook = func(expr string) (*jsonataparser.Expr, error) {
		seen = append(seen, expr)
		switch expr {
		case "10 + * 2":
			return nil, errors.New("the symbol * cannot be used as a unary operator")
		case "phone":
			return nil, fmt.Errorf("wrapped: %w", codedError{"Reference to 'phone' at the top level is not supported"})
		}
		return nil, nil
	}
	doc := jsonata(`"A": {"Type": "Pass", "Output": {"a": "{% 10 + * 2 %}", "b": "{%\n  phone\n%}", "c": "{% $states.input %}", "d": "{% 1"}, "End": true}`)
	ds := ValidateJSON([]byte(doc))
	want := []string{E(CodeInvalidJSONata, "/States/A/Output/a"), E("UNSUPPORTED_JSONATA_EXPRESSION", "/States/A/Output/b"), E(svf, "/States/A/Output/d")}
	if diff := cmp.Diff(want, summary(ds)); diff != "" {
		t.Errorf("(-want +got):\n%s\n%s", diff, dump(ds))
	}
	if len(ds) > 0 && ds[0].Message != `JSONata expression "10 + * 2": the symbol * cannot be used as a unary operator` {
		t.Errorf("message %q", ds[0].Message)
	}
	// The expression text is given without delimiters and white space; a
	// string without both delimiters is never given.
	if diff := cmp.Diff([]string{"10 + * 2", "phone", "$states.input"}, seen); diff != "" {
		t.Errorf("expressions checked (-want +got):\n%s", diff)
	}
}

// TestValidateExprModel covers what only a document built in Go can hold.
func TestValidateExprModel(t *testing.T) {
	sm := &StateMachine{StartAt: "A"}
	sm.States.Add("A", &Pass{Parameters: json.RawMessage(`{"a": `), Assign: json.RawMessage(`[1]`), End: true})
	want := []string{E(svf, "/States/A/Parameters"), E(svf, "/States/A/Assign")}
	if diff := cmp.Diff(sorted(want), sorted(summary(Validate(sm)))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestIntrinsicColumns(t *testing.T) {
	// A variable is rewritten as a path to be parsed; columns in messages
	// still count in the text as written.
	doc := from(`"V": {"Type": "Pass", "Assign": {"v": 1}, "Next": "A"}, ` + pass("A", `, "Parameters": {"x.$": "States.MathAdd($v, 'a')"}`))
	ds := ValidateJSON([]byte(doc))
	var msgs []string
	for _, d := range ds {
		if d.Location == "/States/A/Parameters/x.$" {
			msgs = append(msgs, d.Message)
		}
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "at column 20") {
		t.Errorf("messages %q, want one at column 20\n%s", msgs, dump(ds))
	}
}

// TestJSONataVariableWarnings checks which variables of a JSONata
// expression the validator reports as assigned by no state: those the
// expression reads without binding them itself (jsonata.FreeVariables),
// except $states.
func TestJSONataVariableWarnings(t *testing.T) {
	name := regexp.MustCompile(`the variable \$(\w+) in this scope`)
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{"$a + $b.c[0]", []string{"a", "b"}},
		{"$states.input.x", nil},
		{"$count($a) ~> $string", []string{"a"}},
		{"($x := 1; $x + $y)", []string{"y"}},
		{"function($p, $q) { $p + $q + $r }", []string{"r"}},
		{"'$s' & \"$t\" & `$u` /* $w */ & $z", []string{"z"}},
		{"$$.a + $", nil},
		{"$a + $a", []string{"a"}},
		{"$v & $a", []string{"a"}}, // $v is assigned by state V
	} {
		doc := from(`"V": {"Type": "Pass", "Assign": {"v": 1}, "Next": "A"}, ` +
			pass("A", `, "Output": `+strconv.Quote("{% "+tc.expr+" %}")))
		doc = strings.Replace(doc, `{"StartAt"`, `{"QueryLanguage": "JSONata", "StartAt"`, 1)
		var got []string
		for _, d := range ValidateJSON([]byte(doc)) {
			if m := name.FindStringSubmatch(d.Message); d.Code == undef && m != nil && d.Location == "/States/A/Output" {
				got = append(got, m[1])
			} else {
				t.Errorf("%s: unexpected %s", tc.expr, d)
			}
		}
		if diff := cmp.Diff(tc.want, got, cmpEmpty); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.expr, diff)
		}
	}
}

// TestValidateExprMessages checks that messages say what is wrong where one
// location can have several problems.
func TestValidateExprMessages(t *testing.T) {
	for _, tc := range []struct {
		doc, loc, want string
	}{
		{machine(pass("A", `, "ResultPath": "$$.Execution"`)), "/States/A/ResultPath", "must not start with $$"},
		{machine(pass("A", `, "ResultPath": "$.a[*]"`)), "/States/A/ResultPath", "Reference Path"},
		{jsonata(pass("A", `, "Assign": {"x.$": "{% 1 %}"}`)), "/States/A/Assign/x.$", "the .$ suffix is for JSONPath states"},
		{machine(pass("A", `, "Assign": {"x[2]": 1}`)), "/States/A/Assign/x[2]", "part of a variable"},
		{machine(`"A": {"Type": "Choice", "Choices": [{"Variable": "States.ArrayLength($.a)", "NumericEquals": 1, "Next": "Z"}]}, ` + endOK),
			"/States/A/Choices/0/Variable", "intrinsic functions are not allowed here"},
		{machine(pass("A", `, "Parameters": {"x.$": "States.Nope(1)"}`)), "/States/A/Parameters/x.$", "unknown intrinsic function States.Nope"},
		{machine(pass("A", `, "Parameters": {"c": 1, "c.$": "$.c"}`)), "/States/A/Parameters/c.$", `once .$ is removed both give the key "c"`},
	} {
		found := false
		for _, d := range ValidateJSON([]byte(tc.doc)) {
			if d.Location == tc.loc {
				found = true
				if !strings.Contains(d.Message, tc.want) {
					t.Errorf("%s: message %q does not contain %q", tc.loc, d.Message, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("no diagnostic at %s in %s", tc.loc, tc.doc)
		}
	}
}
