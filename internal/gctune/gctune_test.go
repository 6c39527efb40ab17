package gctune

import (
	"runtime/debug"
	"testing"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, floor uint64
		percent     int
		want        int
	}{
		{live: 100 * mb, floor: 64 * mb, percent: 200, want: 200}, // above the floor: Go's rule
		{live: 30 * mb, floor: 64 * mb, percent: 200, want: 200},  // 90 MB goal is above the floor
		{live: 16 * mb, floor: 64 * mb, percent: 200, want: 300},  // 16 MB * 4 = 64 MB
		{live: 1 * mb, floor: 64 * mb, percent: 200, want: 6300},
		{live: 0, floor: 64 * mb, percent: 200, want: 1 << 20}, // nothing kept yet: capped
	} {
		if got := Percent(c.live, c.floor, c.percent); got != c.want {
			t.Errorf("Percent(%d MB, %d MB, %d) = %d, want %d", c.live/mb, c.floor/mb, c.percent, got, c.want)
		}
	}
}

// TestSetFloor: without Start (GOGC set by the user), SetFloor leaves the collector alone;
// after it, the floor changes at once, and a lower floor gives a lower GOGC.
func TestSetFloor(t *testing.T) {
	started.Store(0) // as in a process that has not called Start (-count runs it again)
	current.Store(0)
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	debug.SetGCPercent(123)
	SetFloor(32 << 20)
	if got := debug.SetGCPercent(123); got != 123 || current.Load() != 0 {
		t.Fatalf("SetFloor before Start changed GOGC to %d (floor %d)", got, current.Load())
	}
	Start(64<<20, 200)
	high := debug.SetGCPercent(-1)
	debug.SetGCPercent(high)
	SetFloor(32 << 20)
	low := debug.SetGCPercent(-1)
	debug.SetGCPercent(low)
	if current.Load() != 32<<20 || low >= high || low < 200 {
		t.Errorf("floor %d, GOGC %d with the 64 MiB floor and %d with the 32 MiB one: want a lower GOGC, not below 200", current.Load(), high, low)
	}
}
