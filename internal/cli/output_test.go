package cli

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
)

// failingWriter fails every write with err.
type failingWriter struct{ err error }

func (w failingWriter) Write(p []byte) (int, error) { return 0, w.err }

// TestOutputErrors checks Main's handling of an output that cannot be written: exit 2 with a
// message, but a quiet exit 141 for a reader that went away (which the Go runtime turns into
// SIGPIPE when the output is file descriptor 1; here it is not).
func TestOutputErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		code int
		msg  string
	}{
		{syscall.ENOSPC, ExitError, "buttress: cannot write to standard output (no space left on device): the output is incomplete\n"},
		{syscall.EIO, ExitError, "buttress: cannot write to standard output (input/output error): the output is incomplete\n"},
		{syscall.EPIPE, exitBrokenPipe, ""},
	} {
		var stderr bytes.Buffer
		if got := Main([]string{"rules"}, failingWriter{c.err}, &stderr); got != c.code || stderr.String() != c.msg {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", c.err, got, stderr.String(), c.code, c.msg)
		}
	}
	// A short write without an error is an error too.
	var stderr bytes.Buffer
	if got := Main([]string{"rules"}, shortWriter{}, &stderr); got != ExitError || !strings.Contains(stderr.String(), "short write") {
		t.Errorf("short write: exit %d, stderr %q", got, stderr.String())
	}
}

type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }
