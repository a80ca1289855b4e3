package jsonpath_test

import (
	"errors"
	"fmt"

	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func ExamplePath_Select() {
	input := jsonvalue.MustParse(`{
		"order": {"id": "o-1", "lines": [
			{"sku": "a", "qty": 2, "price": 9.5},
			{"sku": "b", "qty": 1, "price": 20}
		]}
	}`)
	context := jsonvalue.MustParse(`{"Execution": {"Name": "run-7"}}`)
	for _, s := range []string{
		"$.order.id",
		"$.order.lines[-1].sku",
		"$.order.lines[?(@.price < 10)].sku",
		"$.order.lines[*]['sku','qty']",
		"$..price",
		"$.order.lines.length()",
		"$$.Execution.Name",
		"$.order.missing",
	} {
		v, err := jsonpath.MustParse(s).Select(input, context)
		var nf *jsonpath.NotFoundError
		if errors.As(err, &nf) {
			fmt.Printf("%s: %v\n", s, err)
			continue
		}
		fmt.Printf("%s: %s\n", s, jsonvalue.String(v))
	}
	// Output:
	// $.order.id: "o-1"
	// $.order.lines[-1].sku: "b"
	// $.order.lines[?(@.price < 10)].sku: ["a"]
	// $.order.lines[*]['sku','qty']: [{"sku":"a","qty":2},{"sku":"b","qty":1}]
	// $..price: [9.5,20]
	// $.order.lines.length(): 2
	// $$.Execution.Name: "run-7"
	// $.order.missing: No results for path: $['order']['missing']
}

func ExamplePath_Set() {
	input := jsonvalue.MustParse(`{"orderId": "o-1", "meta": {"source": "web"}}`)
	result := jsonvalue.MustParse(`{"status": "PAID"}`)

	out, err := jsonpath.MustParse("$.meta.payment").Set(input, result)
	if err != nil {
		panic(err)
	}
	fmt.Println(jsonvalue.String(out))
	fmt.Println(jsonvalue.String(input)) // unchanged

	_, err = jsonpath.MustParse("$.orderId.payment").Set(input, result)
	fmt.Println(err)
	// Output:
	// {"orderId":"o-1","meta":{"source":"web","payment":{"status":"PAID"}}}
	// {"orderId":"o-1","meta":{"source":"web"}}
	// cannot set $.orderId.payment: $.orderId is string, not an object
}
