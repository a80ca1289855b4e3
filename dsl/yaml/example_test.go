package yaml_test

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/yaml"
)

func ExampleToJSON() {
	src := []byte(`# definition.asl.yaml
StartAt: Hello
States:
  Hello:
    Type: Task
    Resource: !GetAtt HelloFunction.Arn
    Retry:
    - ErrorEquals: [States.ALL]
      MaxAttempts: 2
    End: true
`)
	js, lines, err := yaml.ToJSON(src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(js))
	// A diagnostic on JSON line 17 ("MaxAttempts") points at YAML line:
	fmt.Println(lines[17-1])

	_, _, err = yaml.ToJSON([]byte("States:\n  A: {Type: Pass}\n  A: {Type: Fail}\n"))
	fmt.Println(err)
	// Output:
	// {
	//   "StartAt": "Hello",
	//   "States": {
	//     "Hello": {
	//       "Type": "Task",
	//       "Resource": {
	//         "Fn::GetAtt": [
	//           "HelloFunction",
	//           "Arn"
	//         ]
	//       },
	//       "Retry": [
	//         {
	//           "ErrorEquals": [
	//             "States.ALL"
	//           ],
	//           "MaxAttempts": 2
	//         }
	//       ],
	//       "End": true
	//     }
	//   }
	// }
	// 9
	// 3:3: duplicate mapping key "A" (first on line 2)
}
