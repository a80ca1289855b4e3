package asl

import jsonataparser "github.com/aslgen/aslgen/dsl/jsonata"

func init() {
	CheckJSONata = func(expr string) error {
		_, err := jsonataparser.ParseWith(expr, jsonataparser.Options{JSONata20: true}) // AWS runs JSONata 2.0
		return err
	}
}
