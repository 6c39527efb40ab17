package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// handleSignals makes SIGINT (Ctrl-C) and SIGTERM end the run at once and leave the terminal
// clean: the progress bar's line (or the "^C" the terminal echoed) is cleared (the cursor is never hidden, so there is nothing
// to show again), a line on stderr says that the run was stopped, and the process then dies of
// the signal itself, as if it had not been caught. Its parent sees a process killed by
// SIGINT or SIGTERM, which a shell reports as exit code 130 or 143 (128 + the signal's number)
// and which stops a shell loop or script run from a terminal, as Ctrl-C should; a plain exit
// with that code would not stop them. A signal that was ignored when buttress started (nohup,
// or a background job of a script) stays ignored. The returned function stops the handling.
func handleSignals(stderr io.Writer) (stop func()) {
	var sigs []os.Signal
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) == 0 {
		return func() {}
	}
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case <-done:
			return
		case s := <-ch:
			endLine(stderr)
			name := "SIGINT"
			if s == syscall.SIGTERM {
				name = "SIGTERM"
			}
			fmt.Fprintf(stderr, "buttress: stopped by %s before the end of the run: the output, if any, is incomplete\n", name)
			dieOf(s.(syscall.Signal))
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
