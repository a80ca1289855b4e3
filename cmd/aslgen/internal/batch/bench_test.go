package batch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
)

// fiveStates is the design's five-state workflow: a Pass, a mocked Lambda
// task with a retrier, a Choice, a Succeed and a Fail.
const fiveStates = `{"StartAt":"Init","States":{"Init":{"Type":"Pass","Result":{"attempt":1},"ResultPath":"$.meta","Next":"Pay"},"Pay":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"pay","Payload.$":"$"},"OutputPath":"$.Payload","Retry":[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2}],"Next":"Check"},"Check":{"Type":"Choice","Choices":[{"Variable":"$.paid","BooleanEquals":true,"Next":"Done"}],"Default":"Failed"},"Done":{"Type":"Succeed"},"Failed":{"Type":"Fail","Error":"NotPaid"}}}`

const fiveStatesMocks = `{"StateMachines":{"M":{"TestCases":{"Paid":{"Pay":"PayOK"}}}},"MockedResponses":{"PayOK":{"0":{"Return":{"Payload":{"orderId":"o-1","paid":true},"StatusCode":200}}}}}`

// BenchmarkRunFiveStates runs a batch of 1,000 executions of one
// five-state definition, each line carrying the definition and the mock
// configuration inline, as the batch files of benchcases do.
func BenchmarkRunFiveStates(b *testing.B) {
	var in bytes.Buffer
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&in, `{"definition":%s,"id":"c-%d","input":{"orderId":"o-1","total":42},"mock_config":%s,"test_case":"Paid"}`+"\n", fiveStates, i, fiveStatesMocks)
	}
	b.ReportAllocs()
	b.SetBytes(int64(in.Len()))
	for b.Loop() {
		if err := Run(context.Background(), bytes.NewReader(in.Bytes()), io.Discard, ""); err != nil {
			b.Fatal(err)
		}
	}
}
