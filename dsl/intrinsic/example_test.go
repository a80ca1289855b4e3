package intrinsic_test

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/intrinsic"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func ExampleParse() {
	c, err := intrinsic.Parse("States.Format('Hello {}, you owe {}', $.name, States.MathAdd($.a, 1))")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Name)
	for _, a := range c.Args {
		fmt.Printf("%T %s\n", a, a)
	}
	// Output:
	// States.Format
	// *intrinsic.StringLit 'Hello {}, you owe {}'
	// *intrinsic.PathArg $.name
	// *intrinsic.Call States.MathAdd($.a, 1)
}

func ExampleParse_error() {
	for _, s := range []string{
		"States.Foo($.a)",
		"States.MathAdd($.a)",
		"States.Array($.payment[)",
		"States.Hash($.data, 'SHA256')",
	} {
		_, err := intrinsic.Parse(s)
		fmt.Println(err)
	}
	// Output:
	// unknown intrinsic function States.Foo at column 1
	// States.MathAdd expects 2 arguments, got 1 at column 1
	// unexpected character ')' at column 24
	// unsupported hash algorithm 'SHA256' (want MD5, SHA-1, SHA-256, SHA-384 or SHA-512) at column 21
}

func ExampleStringLit_FormatParts() {
	c := intrinsic.MustParse(`States.Format('\{{}\}: {}', $.k, $.v)`)
	t := c.Args[0].(*intrinsic.StringLit)
	fmt.Printf("%q %q %d\n", t.Value, t.FormatParts(), t.Placeholders())
	// Output:
	// "{{}}: {}" ["{" "}: " ""] 2
}

func ExampleQuote() {
	fmt.Println(intrinsic.Quote("it's {literally} braces"))
	// Output:
	// 'it\'s \{literally\} braces'
}

func ExampleIsIntrinsic() {
	fmt.Println(intrinsic.IsIntrinsic("States.UUID()"), intrinsic.IsIntrinsic("$.id"))
	// Output:
	// true false
}

func ExampleCall_Eval() {
	input := jsonvalue.MustParse(`{"name":"Ada","owed":[12.5,30],"tags":"a,b,,c"}`)
	for _, s := range []string{
		"States.Format('Hello {}, you owe {}', $.name, $.owed)",
		"States.StringSplit($.tags, ',')",
		"States.MathAdd(States.ArrayLength($.owed), 40)",
		"States.MathRandom(1, 100, 42)",
		"States.ArrayGetItem($.owed, 5)",
		"States.Format('{}', $.missing)",
	} {
		v, err := intrinsic.MustParse(s).Eval(intrinsic.Env{Input: input})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(jsonvalue.String(v))
	}
	// Output:
	// "Hello Ada, you owe [12.5, 30]"
	// ["a","b","c"]
	// 42
	// 63
	// States.Runtime: The function 'States.ArrayGetItem($.owed, 5)' had the following error: Invalid arguments in States.ArrayGetItem
	// States.Runtime: The function 'States.Format('{}', $.missing)' had the following error: The JsonPath argument for the field '$.missing' could not be found in the input '{"name":"Ada","owed":[12.5,30],"tags":"a,b,,c"}'
}
