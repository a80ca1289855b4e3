package jsonata

// defineEval defines built-in functions; builtins calls it, once.
func defineEval() {
	def("eval", func(ev *evaluator, a []any, pos int) (any, error) {
		src, ok := a[0].(string)
		if !ok {
			return undefined, nil
		}
		x, err := Parse(src)
		if err != nil {
			return nil, rterr("D3120", pos, "syntax error in expression passed to function eval: %v", err)
		}
		input := a[1]
		if input == undefined {
			input = ev.callInput
		}
		scope := ev.callEnv
		if scope == nil {
			scope = ev.top
		}
		v, err := ev.eval(x.Root, input, scope)
		if err != nil {
			return nil, rterr("D3121", pos, "dynamic error evaluating the expression passed to function eval: %v", err)
		}
		return v, nil
	})
}
