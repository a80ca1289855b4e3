package importer_test

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/gen/importer"
)

// An ASL document becomes the Go builder code that builds it again.
func ExampleGenerate() {
	doc, err := asl.Unmarshal([]byte(`{"StartAt": "Wait", "States": {
	  "Wait": {"Type": "Wait", "Seconds": 90, "Next": "Done"},
	  "Done": {"Type": "Succeed"}}}`))
	if err != nil {
		panic(err)
	}
	res, err := importer.Generate(doc, importer.Options{Name: "Pause", Package: "flows"})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(res.Source))
	// Output:
	// package flows
	//
	// import (
	// 	"time"
	//
	// 	"github.com/aslgen/aslgen/dsl"
	// )
	//
	// // Pause builds the Pause workflow.
	// func Pause() *dsl.Machine {
	// 	m := dsl.NewMachine("Pause")
	// 	wait := m.Wait("Wait").For(dsl.Duration(90 * time.Second))
	// 	done := m.Succeed("Done")
	//
	// 	m.Chain(wait, done)
	// 	return m
	// }
}
