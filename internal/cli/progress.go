package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// bar is the progress bar on the terminal, when one is drawn: the signal handler clears it
// before the process ends (endLine), so that an interrupted run leaves no half-drawn line.
var bar struct {
	sync.Mutex
	f       *os.File // the terminal it is drawn on; nil when none is drawn
	stopped bool     // the run is ending: draw nothing more
}

// endLine ends the run's use of the terminal: it keeps the progress bar from being drawn
// again, and when w, where the bar is drawn, is a terminal, erases the line the cursor is on
// (the bar, or the "^C" the terminal echoed), leaving the cursor at its start.
func endLine(w io.Writer) {
	bar.Lock()
	defer bar.Unlock()
	bar.stopped = true
	bar.f = nil
	if f, ok := fileOf(w); ok && isTerminal(f) {
		fmt.Fprint(f, "\r\x1b[K")
	}
}

// isTerminal reports whether f is a terminal that understands the cursor movements of the
// progress bar (TERM is not "dumb"). A character device is not enough: /dev/null is one.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd())) && os.Getenv("TERM") != "dumb"
}

// progress returns a workspace.Options.Progress that shows "reading N/M files" on w when w is
// a terminal and the work takes more than a moment; it draws nothing otherwise, so output
// piped to a file or read by CI stays clean. It never hides the cursor.
func progress(w io.Writer) func(total int, done *atomic.Int64) func() {
	f, ok := fileOf(w)
	if !ok {
		return nil
	}
	if !isTerminal(f) {
		return nil
	}
	return func(total int, done *atomic.Int64) func() {
		quit := make(chan struct{})
		finished := make(chan struct{})
		draw := func(n int64) {
			bar.Lock()
			defer bar.Unlock()
			if bar.stopped {
				return
			}
			const width = 30
			filled := int(int64(width) * n / int64(max(total, 1)))
			fmt.Fprintf(f, "\r[%-*s] %d/%d files", width, strings.Repeat("=", filled), n, total)
			bar.f = f
		}
		go func() {
			defer close(finished)
			delay := time.NewTimer(300 * time.Millisecond) // quick runs show nothing
			defer delay.Stop()
			select {
			case <-quit:
				return
			case <-delay.C:
			}
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				draw(done.Load())
				select {
				case <-quit:
					bar.Lock()
					if bar.f != nil {
						fmt.Fprint(bar.f, "\r\x1b[K") // clear the line
						bar.f = nil
					}
					bar.Unlock()
					return
				case <-tick.C:
				}
			}
		}()
		return func() {
			close(quit)
			<-finished
		}
	}
}
