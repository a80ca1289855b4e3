package asl

import jsonataparser "github.com/aslgen/aslgen/dsl/jsonata"

func init() {
	CheckJSONata = func(expr string) error {
		_, err := jsonataparser.Parse(expr)
		return err
	}
}
