// Package gctune sets the garbage collector's pace for buttress's kind of heap: a little that
// lives long (the summaries of the files read so far) and much that dies young (each file's
// source and syntax tree, dropped once it is summarised).
//
// Go's collector sets the next collection when the heap has grown by GOGC percent over what
// the last one kept. On a small project that keeps little, that is a collection every few
// megabytes: dozens of cycles a second, each with its fixed costs, for nothing, while memory is
// plentiful. Start keeps Go's rule for heaps above a floor, and lets the heap grow to that floor
// before collecting below it: the floor is memory the process touches once and then reuses (a
// larger one costs a page fault per fresh 4 KiB page, which is what a collector run saves).
package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Percent returns the GOGC value that makes the next collection start when the heap reaches
// max(floor, live * (1 + percent/100)), live being what the last collection kept.
func Percent(live, floor uint64, percent int) int {
	if live == 0 {
		live = 1
	}
	goal := live + live*uint64(percent)/100
	if goal >= floor {
		return percent
	}
	// The goal is live * (1 + p/100): p = (floor/live - 1) * 100.
	p := (floor - live) * 100 / live
	if p > 1<<20 {
		p = 1 << 20
	}
	return int(p)
}

// Start sets GOGC to percent for heaps above floor bytes, and lets a smaller heap grow to
// floor before it is collected: GOGC is adjusted after every collection, from what it kept.
func Start(floor uint64, percent int) {
	current.Store(floor)
	started.Store(int64(percent))
	// Before the first collection, Go's goal is 4 MiB * GOGC/100, as if 4 MiB were live.
	debug.SetGCPercent(Percent(4<<20, floor, percent))
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		// A finalizer of an unreachable object runs after the collection that found it: one
		// per cycle, since each run arms the next.
		runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				debug.SetGCPercent(Percent(sample[0].Value.Uint64(), current.Load(), percent))
			}
			arm()
		})
	}
	arm()
}

// current is the floor in force (Start's, or SetFloor's), and started Start's percent (0
// before Start).
var (
	current atomic.Uint64
	started atomic.Int64
)

// SetFloor changes the floor of Start, at once: for a command whose heap stays small, for
// which a lower floor costs no CPU and saves memory. It does nothing when Start was not
// called (GOGC set in the environment).
func SetFloor(floor uint64) {
	percent := int(started.Load())
	if percent == 0 {
		return
	}
	current.Store(floor)
	live := uint64(4 << 20) // as Start assumes before the first collection
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	if metrics.Read(sample); sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > 0 {
		live = sample[0].Value.Uint64()
	}
	debug.SetGCPercent(Percent(live, floor, percent))
}

// sentinel is large enough not to be a tiny allocation (whose finalizer may never run).
type sentinel struct{ _ [16]byte }
