package asl

// NextOf returns the Next and End fields of a state whose type has them
// (Task, Pass, Wait, Parallel and Map), with ok true; for a Choice,
// Succeed or Fail state it returns ok false.
func NextOf(st State) (next string, end, ok bool) {
	switch s := st.(type) {
	case *Task:
		return s.Next, s.End, true
	case *Pass:
		return s.Next, s.End, true
	case *Wait:
		return s.Next, s.End, true
	case *Parallel:
		return s.Next, s.End, true
	case *Map:
		return s.Next, s.End, true
	}
	return "", false, false
}

// HandlersOf returns the retriers and catchers of a Task, Parallel or Map
// state; other types have none.
func HandlersOf(st State) (retry []Retrier, catch []Catcher) {
	switch s := st.(type) {
	case *Task:
		return s.Retry, s.Catch
	case *Parallel:
		return s.Retry, s.Catch
	case *Map:
		return s.Retry, s.Catch
	}
	return nil, nil
}
