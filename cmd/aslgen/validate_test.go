package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// integrationASL calls integrations that do not exist, or with parameters
// they do not take, at the top level and in a Parallel branch.
const integrationASL = `{
  "StartAt": "Notify",
  "States": {
    "Notify": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publsh",
      "Next": "Send"
    },
    "Send": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage",
      "Parameters": {
        "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
        "MesageBody.$": "$"
      },
      "Next": "Fan"
    },
    "Fan": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "Fn",
          "States": {
            "Fn": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
              "Parameters": {"anything": 1},
              "End": true
            }
          }
        },
        {
          "StartAt": "List",
          "States": {
            "List": {
              "Type": "Task",
              "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV3",
              "End": true
            }
          }
        }
      ],
      "End": true
    }
  }
}
`

// TestValidateIntegrations checks that aslgen validate prints the
// warnings about integrations with their suggestions, and that they do not
// make the document invalid.
func TestValidateIntegrations(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"flow.asl.json": integrationASL})
	file := filepath.Join(dir, "flow.asl.json")

	r := runInProcess("validate", file)
	r.want(t, 0)
	want := []string{
		file + `:6:7: WARNING UNKNOWN_INTEGRATION: "arn:aws:states:::sns:publsh" names no service integration: the optimized sns integration has no action "publsh" (did you mean "publish"?) (at /States/Notify/Resource)`,
		file + `:14:9: WARNING UNSUPPORTED_PARAMETER: The field "MesageBody" is not supported by Step Functions: sqs:sendMessage has no parameter "MesageBody" (did you mean "MessageBody"?) (at /States/Send/Parameters/MesageBody.$)`,
		file + `:37:15: WARNING UNKNOWN_INTEGRATION: "arn:aws:states:::aws-sdk:s3:listObjectsV3" names no service integration: service "s3" has no action "listObjectsV3" (did you mean "listObjectsV2"?) (at /States/Fan/Branches/1/States/List/Resource)`,
	}
	if got := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("validate printed:\n%s\nwant:\n%s", r.stdout, strings.Join(want, "\n"))
	}

	r = runInProcess("validate", "-json", file)
	r.want(t, 0)
	var ds []struct {
		Severity, Code, Location string
	}
	if err := json.Unmarshal([]byte(r.stdout), &ds); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, r.stdout)
	}
	if len(ds) != 3 || ds[1].Severity != "WARNING" || ds[1].Code != "UNSUPPORTED_PARAMETER" || ds[1].Location != "/States/Send/Parameters/MesageBody.$" {
		t.Errorf("-json: %+v", ds)
	}
}
