package yaml

import (
	"bytes"
	"strings"
	"testing"
)

// orderYAML is a state machine as SAM projects write it.
const orderYAML = `# Order processing workflow
Comment: >-
  Validates, charges and ships an order,
  retrying transient failures.
StartAt: ValidateOrder
TimeoutSeconds: 3600
States:
  ValidateOrder:
    Type: Task
    Resource: arn:aws:states:::lambda:invoke
    Parameters:
      FunctionName: ${ValidateOrderFunctionArn}
      Payload.$: $
    OutputPath: $.Payload
    Retry:
    - ErrorEquals:
      - Lambda.ServiceException
      - Lambda.TooManyRequestsException
      IntervalSeconds: 2
      MaxAttempts: 6
      BackoffRate: 2.0
    Catch:
    - ErrorEquals: [States.ALL]
      ResultPath: $.error
      Next: OrderFailed
    Next: CheckAmount
  CheckAmount:
    Type: Choice
    Choices:
      - And:
          - Variable: $.amount
            IsPresent: true
          - Variable: $.amount
            NumericGreaterThan: 1000
        Next: ManualApproval
      - Not:
          Variable: $.express
          BooleanEquals: true
        Next: ChargeCard
    Default: ShipExpress
  ManualApproval:
    Type: Task
    Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
    Parameters:
      QueueUrl: "${ApprovalQueueUrl}"
      MessageBody:
        TaskToken.$: $$.Task.Token
        Order.$: $
        Note: |
          Please approve this order.
          Amount is above the limit.
    HeartbeatSeconds: 600
    Next: ChargeCard
  ChargeCard:
    Type: Task
    Resource: arn:aws:states:::dynamodb:putItem
    Parameters:
      TableName: Payments
      Item:
        id: {S.$: $.orderId}
        amount: {N.$: "States.Format('{}', $.amount)"}
    ResultPath: null
    Next: ShipExpress
  ShipExpress:
    Type: Parallel
    Branches:
    - StartAt: Ship
      States:
        Ship:
          Type: Pass
          Result: {shipped: true, carrier: 'UPS'}
          End: true
    - StartAt: Notify
      States:
        Notify:
          Type: Wait
          Seconds: 5
          End: true
    End: true
  OrderFailed:
    Type: Fail
    Error: Order.ProcessingError
    Cause: "The order could not be processed"
`

const orderJSON = `{
  "Comment": "Validates, charges and ships an order, retrying transient failures.",
  "StartAt": "ValidateOrder",
  "TimeoutSeconds": 3600,
  "States": {
    "ValidateOrder": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "${ValidateOrderFunctionArn}", "Payload.$": "$"},
      "OutputPath": "$.Payload",
      "Retry": [{
        "ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
        "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2.0
      }],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "OrderFailed"}],
      "Next": "CheckAmount"
    },
    "CheckAmount": {
      "Type": "Choice",
      "Choices": [
        {"And": [{"Variable": "$.amount", "IsPresent": true}, {"Variable": "$.amount", "NumericGreaterThan": 1000}], "Next": "ManualApproval"},
        {"Not": {"Variable": "$.express", "BooleanEquals": true}, "Next": "ChargeCard"}
      ],
      "Default": "ShipExpress"
    },
    "ManualApproval": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters": {
        "QueueUrl": "${ApprovalQueueUrl}",
        "MessageBody": {
          "TaskToken.$": "$$.Task.Token",
          "Order.$": "$",
          "Note": "Please approve this order.\nAmount is above the limit.\n"
        }
      },
      "HeartbeatSeconds": 600,
      "Next": "ChargeCard"
    },
    "ChargeCard": {
      "Type": "Task",
      "Resource": "arn:aws:states:::dynamodb:putItem",
      "Parameters": {
        "TableName": "Payments",
        "Item": {"id": {"S.$": "$.orderId"}, "amount": {"N.$": "States.Format('{}', $.amount)"}}
      },
      "ResultPath": null,
      "Next": "ShipExpress"
    },
    "ShipExpress": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "Ship", "States": {"Ship": {"Type": "Pass", "Result": {"shipped": true, "carrier": "UPS"}, "End": true}}},
        {"StartAt": "Notify", "States": {"Notify": {"Type": "Wait", "Seconds": 5, "End": true}}}
      ],
      "End": true
    },
    "OrderFailed": {"Type": "Fail", "Error": "Order.ProcessingError", "Cause": "The order could not be processed"}
  }
}`

func TestASLDocuments(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"order workflow", orderYAML, orderJSON},
		{"flow-style Retry and explicit document", `---
StartAt: A
States:
  A: {Type: Task, Resource: "arn:aws:lambda:us-east-1:123456789012:function:f",
      Retry: [{ErrorEquals: [States.Timeout], MaxAttempts: 0}], End: true}
...
`, `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
  "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0}], "End": true}}}`},
		{"map state with item processor and shared retry", `x-retry: &retry
  ErrorEquals: [States.TaskFailed]
  MaxAttempts: 2
StartAt: Each
States:
  Each:
    Type: Map
    ItemsPath: $.items
    MaxConcurrency: 10
    ItemSelector:
      item.$: $$.Map.Item.Value
      index.$: $$.Map.Item.Index
    ItemProcessor:
      ProcessorConfig: {Mode: INLINE}
      StartAt: Work
      States:
        Work:
          Type: Task
          Resource: !GetAtt WorkFunction.Arn
          Retry:
          - *retry
          - <<: *retry
            ErrorEquals: [States.Timeout]
          End: true
    End: true
`, `{"x-retry": {"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}, "StartAt": "Each", "States": {"Each": {
  "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 10,
  "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Work", "States": {"Work": {
    "Type": "Task", "Resource": {"Fn::GetAtt": ["WorkFunction", "Arn"]},
    "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}, {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
    "End": true}}},
  "End": true}}}`},
		{"JSONata state with multi-line expressions", `QueryLanguage: JSONata
StartAt: Compute
States:
  Compute:
    Type: Pass
    Output: >-
      {% $states.input.items
         ~> $map(function($i) { $i.price * $i.qty })
         ~> $sum() %}
    Assign:
      note: "line one\nline two"
      quoted: 'It''s {% $x %}'
    End: true
`, `{"QueryLanguage": "JSONata", "StartAt": "Compute", "States": {"Compute": {"Type": "Pass",
  "Output": "{% $states.input.items\n   ~> $map(function($i) { $i.price * $i.qty })\n   ~> $sum() %}",
  "Assign": {"note": "line one\nline two", "quoted": "It's {% $x %}"}, "End": true}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkJSON(t, tt.src, tt.want) })
	}
}

// TestLineMap checks that the JSON line holding a member maps to the YAML
// line of its key.
func TestLineMap(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// want maps the start of a JSON line (after indentation) to the
		// YAML line it must map to; the prefix must be unique.
		want map[string]int
		// root is the YAML line of JSON line 1, if not 0.
		root int
	}{
		{"order workflow", orderYAML, map[string]int{
			`"Comment":`:                                   2,
			`"StartAt": "ValidateOrder"`:                   5,
			`"TimeoutSeconds":`:                            6,
			`"ValidateOrder":`:                             8,
			`"Resource": "arn:aws:states:::lambda:invoke"`: 10,
			`"Payload.$":`:                                 13,
			`"Retry":`:                                     15,
			`"Lambda.ServiceException"`:                    17,
			`"Lambda.TooManyRequestsException"`:            18,
			`"IntervalSeconds":`:                           19,
			`"BackoffRate":`:                               21,
			`"Catch":`:                                     22,
			`"Next": "OrderFailed"`:                        25,
			`"NumericGreaterThan":`:                        34,
			`"Not":`:                                       36,
			`"BooleanEquals":`:                             38,
			`"Note":`:                                      49,
			`"HeartbeatSeconds":`:                          52,
			`"amount":`:                                    61,
			`"N.$":`:                                       61,
			`"carrier":`:                                   71,
			`"Seconds":`:                                   77,
			`"Cause": "The order could not be processed"`: 83,
		}, 2},
		{"sequence entries map to their dash", "a:\n- x\n-\n  y\n- [1,\n   2]\n", map[string]int{
			`"a":`: 1, `"x"`: 2, `"y"`: 3, `[`: 5, `1,`: 5, `2`: 6,
		}, 1},
		{"flow elements map to their own line", "[1,\n 2,\n\n 3]\n", map[string]int{
			`1,`: 1, `2,`: 2, `3`: 4, `]`: 4,
		}, 1},
		{"aliases keep the anchor's lines", "a: &x\n  p: 1\n  q: 2\nb:\n  <<: *x\n  r: 3\nc: *x\n", map[string]int{
			`"a":`: 1, `"b":`: 4, `"r":`: 6, `"c":`: 7, `"q":`: 3,
		}, 1},
		{"key on line 7", "# comment\n\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Succeed\n", map[string]int{
			`"Next": "B"`: 7, `"Type": "Pass"`: 6, `"B":`: 8,
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out, lines := convert(t, tt.src)
			if tt.root != 0 && lines[0] != tt.root {
				t.Errorf("JSON line 1 maps to YAML line %d, want %d", lines[0], tt.root)
			}
			jsonLines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			for prefix, want := range tt.want {
				found := -1
				for i, l := range jsonLines {
					if strings.HasPrefix(strings.TrimLeft(l, " "), prefix) {
						if found >= 0 && lines[found] != lines[i] {
							t.Fatalf("prefix %q is on JSON lines %d and %d, which map differently", prefix, found+1, i+1)
						}
						if found < 0 {
							found = i
						}
					}
				}
				if found < 0 {
					t.Errorf("no JSON line starts with %q in\n%s", prefix, out)
					continue
				}
				if lines[found] != want {
					t.Errorf("JSON line %d %q maps to YAML line %d, want %d", found+1, jsonLines[found], lines[found], want)
				}
			}
		})
	}
}

// TestOutputLayout checks the JSON layout: two-space indentation, one
// member or element per line, keys in document order.
func TestOutputLayout(t *testing.T) {
	src := "z: 1\na: [x, {}]\nm: {}\nb:\n  c: []\n"
	want := `{
  "z": 1,
  "a": [
    "x",
    {}
  ],
  "m": {},
  "b": {
    "c": []
  }
}
`
	out, lines, err := ToJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Errorf("ToJSON =\n%s\nwant\n%s", out, want)
	}
	wantLines := []int{1, 1, 2, 2, 2, 2, 3, 4, 5, 4, 1}
	if len(lines) != len(wantLines) {
		t.Fatalf("lines = %v, want %v", lines, wantLines)
	}
	for i := range lines {
		if lines[i] != wantLines[i] {
			t.Fatalf("lines = %v, want %v", lines, wantLines)
		}
	}
	// Strings are escaped as JSON requires, without HTML escaping.
	out, _, err = ToJSON([]byte(`"<a & b>\u0001\"\\"`))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(bytes.TrimSpace(out)); got != `"<a & b>\u0001\"\\"` {
		t.Errorf("string = %s", got)
	}
}
