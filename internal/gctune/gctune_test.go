package gctune

import "testing"

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
