package sim

import (
	"reflect"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// TestEventLog checks that the chunked history keeps every event in order
// across chunk boundaries, the plain ones and the others alike.
func TestEventLog(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)
	if (&eventLog{}).all() != nil {
		t.Fatal("an empty log has events")
	}
	l := &eventLog{start: start, first: 3}
	const n = 3 + 2*eventChunk + 5
	var want []Event
	for i := 1; i <= n; i++ {
		ev := Event{ID: int64(i), PreviousEventID: int64(i - 1), Timestamp: start.Add(time.Duration(i) * time.Millisecond), Type: "PassStateEntered", Name: "P"}
		switch i % 4 {
		case 0:
			ev.Input, ev.hasInput = jsonvalue.MustParse(`{"i":1}`), true
		case 1:
			ev.Output, ev.hasOutput = jsonvalue.MustParse(`[1]`), true
		case 2:
			ev.Type, ev.Error, ev.Cause, ev.hasError = "TaskFailed", "E", "C", true
		}
		l.add(&ev)
		want = append(want, ev)
		if l.lastID != int64(i) || l.n != i {
			t.Fatalf("after %d events: last %d, n %d", i, l.lastID, l.n)
		}
	}
	if len(l.chunks) != 4 || cap(l.chunks[0]) != 3 {
		t.Errorf("%d chunks, the first of capacity %d", len(l.chunks), cap(l.chunks[0]))
	}
	all := l.all()
	if !reflect.DeepEqual(all, want) {
		for i := range want {
			if !reflect.DeepEqual(all[i], want[i]) {
				t.Fatalf("event %d: got %+v, want %+v", i, all[i], want[i])
			}
		}
	}
	if again := l.all(); &again[0] != &all[0] {
		t.Error("all builds the events again")
	}
	ex := &Execution{log: l}
	types := ex.EventTypes()
	for i := range want {
		if types[i] != want[i].Type {
			t.Fatalf("EventTypes()[%d] = %s, want %s", i, types[i], want[i].Type)
		}
	}
}

// TestEventLogFields checks that an event with any one field set comes
// back from the log as it went in: a field added to Event that a record
// neither keeps inline nor counts as making the event not plain fails
// here.
func TestEventLogFields(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	unexported := map[string]func(*Event){
		"hasInput":  func(ev *Event) { ev.hasInput = true },
		"hasOutput": func(ev *Event) { ev.hasOutput = true },
		"hasError":  func(ev *Event) { ev.hasError = true },
	}
	typ := reflect.TypeFor[Event]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		ev := Event{ID: 1, Timestamp: start, Type: "T"}
		if !f.IsExported() {
			set, ok := unexported[f.Name]
			if !ok {
				t.Errorf("Event has the unexported field %s, which this test does not know", f.Name)
				continue
			}
			set(&ev)
		} else {
			v := reflect.ValueOf(&ev).Elem().Field(i)
			switch v.Kind() {
			case reflect.String:
				v.SetString("x")
			case reflect.Int, reflect.Int64:
				v.SetInt(7)
			case reflect.Interface:
				v.Set(reflect.ValueOf("v"))
			case reflect.Map:
				v.Set(reflect.ValueOf(map[string]any{"a": "b"}))
			case reflect.Struct: // Timestamp
				v.Set(reflect.ValueOf(start.Add(time.Hour)))
			default:
				t.Errorf("Event.%s: a %s, which this test does not know", f.Name, v.Kind())
				continue
			}
		}
		l := &eventLog{start: start}
		l.add(&ev)
		if got := l.all(); len(got) != 1 || !reflect.DeepEqual(got[0], ev) {
			t.Errorf("Event.%s set: the log gives %+v, want %+v", f.Name, got, ev)
		}
	}
}
