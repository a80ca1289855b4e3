package jsonpath_test

import (
	"errors"
	"fmt"

	"github.com/aslgen/aslgen/dsl/jsonpath"
)

func ExampleParse() {
	p, err := jsonpath.Parse("$..book[?(@.price < 10)].title")
	if err != nil {
		panic(err)
	}
	for _, seg := range p.Segments {
		fmt.Printf("%T %s\n", seg, seg)
	}
	// Output:
	// jsonpath.Descend ..book
	// jsonpath.Filter [?(@.price < 10)]
	// jsonpath.Child .title
}

func ExampleParse_error() {
	_, err := jsonpath.Parse("$.payment[")
	fmt.Println(err)
	var se *jsonpath.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Msg, se.Offset)
	}
	// Output:
	// unterminated bracket at column 10
	// unterminated bracket 9
}

func ExamplePath_String() {
	p := jsonpath.MustParse(`$["detail-type"].items[ 0 ]`)
	fmt.Println(p)
	// Output:
	// $['detail-type'].items[0]
}

func ExamplePath_Definite() {
	for _, s := range []string{"$.items[-1]", "$.items[*].id", "$$.Execution.Input.orderId"} {
		p := jsonpath.MustParse(s)
		fmt.Println(s, p.Definite(), p.IsReference())
	}
	// Output:
	// $.items[-1] true false
	// $.items[*].id false false
	// $$.Execution.Input.orderId true false
}
