package intrinsic_test

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/intrinsic"
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
