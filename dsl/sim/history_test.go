package sim

import "testing"

// TestEventLog checks that the chunked history keeps every event in order
// across chunk boundaries.
func TestEventLog(t *testing.T) {
	var l eventLog
	if l.last() != nil || l.all() != nil {
		t.Fatal("an empty log has events")
	}
	l.first = 3
	const n = 3 + 2*eventChunk + 5
	for i := 1; i <= n; i++ {
		l.add(Event{ID: int64(i)})
		if l.last().ID != int64(i) || l.n != i {
			t.Fatalf("after %d events: last %d, n %d", i, l.last().ID, l.n)
		}
	}
	if len(l.chunks) != 4 || cap(l.chunks[0]) != 3 {
		t.Errorf("%d chunks, the first of capacity %d", len(l.chunks), cap(l.chunks[0]))
	}
	all := l.all()
	if len(all) != n {
		t.Fatalf("%d events, want %d", len(all), n)
	}
	for i, ev := range all {
		if ev.ID != int64(i+1) {
			t.Fatalf("event %d has id %d", i, ev.ID)
		}
	}
}
