package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// exitBrokenPipe is the exit code of a run whose reader went away (`buttress rules | head -1`):
// 128 + SIGPIPE, what a shell reports for a program that a closed pipe stopped, as the Go
// runtime itself does when the write was to file descriptor 1 (it raises SIGPIPE).
const exitBrokenPipe = 128 + int(syscall.SIGPIPE)

// output is standard output as every command writes it: it keeps the first write error, so
// that Main can fail the run however the command went on (most commands write with
// fmt.Fprintf and never look at the error). After an error nothing more is written.
type output struct {
	w   io.Writer
	err error
}

func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		o.err = err
	}
	return n, err
}

// file is the terminal or file under the output, to ask whether it is a terminal.
func (o *output) file() (*os.File, bool) {
	f, ok := o.w.(*os.File)
	return f, ok
}

// fileOf returns the *os.File a writer writes to, through an output.
func fileOf(w io.Writer) (*os.File, bool) {
	switch w := w.(type) {
	case *os.File:
		return w, true
	case *output:
		return w.file()
	}
	return nil, false
}

// failed returns the exit code and the message of a run whose output could not be written
// (0, "" when it was): a reader that went away is the quiet exit of a broken pipe; anything
// else (a full disk, a closed descriptor, an I/O error) is an error, since the report is
// incomplete and must not pass for a result.
func (o *output) failed() (int, string) {
	if o.err == nil {
		return 0, ""
	}
	if errors.Is(o.err, syscall.EPIPE) {
		return exitBrokenPipe, ""
	}
	cause := o.err
	var pe *os.PathError
	if errors.As(cause, &pe) {
		cause = pe.Err
	}
	return ExitError, fmt.Sprintf("cannot write to standard output (%v): the output is incomplete", cause)
}
