// Package pylambda turns the small Python Lambda handlers of AWS's recorded
// executions into simulator functions (see sim.OnFunction), so that an
// execution recorded with real Lambda functions replays in the simulator
// as it ran.
//
// The recorded files (lambda-cases.jsonl of the shared conformance data,
// and `aslgen run -cases` lines) name each handler by its behaviour, its
// kind:
//
//	identity                     returns its event
//	constant:JSON                returns that JSON value
//	raw-bytes:TEXT               returns the bytes of TEXT as they are; "257KiB of 'a' ..."
//	                             returns 257 × 1024 bytes 'a'
//	python-str:TEMPLATE          returns the string of the f-string TEMPLATE, over
//	                             {event} (Python's str), {event!r} or {repr(event)}
//	raise:TYPE:MESSAGE           raises the exception TYPE with MESSAGE
//	sleep:DURATION then KIND     takes DURATION (60s), then does as KIND does
//
// and give the handler's source (file, runtime, source) beside it. A
// function runs as Python 3.12's Lambda runtime runs the handler: it reads
// the event with Python's json.loads, writes its response with json.dumps
// ([Dumps]: ", " and ": " between items, non-ASCII escaped), returns bytes
// as they are, and reports an exception as the runtime does, with the
// document {"errorMessage", "errorType", "requestId", "stackTrace"} whose
// stack trace is the frame of the line of the source that raises (its
// number and text), as the handler was deployed: /var/task/handler.py,
// function handler. Where the source's handler returns an f-string, that
// f-string is the python-str template: the source is what ran.
//
// [Repr] and [Str] are Python's repr and str of a JSON value as json.loads
// gives it.
package pylambda
