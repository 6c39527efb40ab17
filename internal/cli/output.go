package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"unicode/utf8"
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
	case messages:
		return fileOf(w.w)
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

// messages is standard error as the commands write it: what would act on a terminal is made
// visible instead (control characters but the line break and tab, escape sequences, C1 and
// bidirectional controls, bytes that are not UTF-8), as a last guard behind the escaping of
// the paths themselves (report.TextPath). The progress bar draws on the terminal itself.
type messages struct{ w io.Writer }

func (m messages) Write(p []byte) (int, error) {
	if clean(p) {
		return m.w.Write(p)
	}
	var b []byte
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = fmt.Appendf(b, `\x%02x`, p[i])
		case r == '\n' || r == '\t':
			b = append(b, byte(r))
		case r < 0x20:
			b = utf8.AppendRune(b, 0x2400+r) // control pictures: ␛ for the escape
		case r == 0x7f:
			b = utf8.AppendRune(b, '\u2421')
		case r >= 0x80 && r <= 0x9f, r == '\u2028', r == '\u2029', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = append(b, p[i:i+size]...)
		}
		i += size
	}
	if _, err := m.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}

// clean reports whether p is UTF-8 without a character that messages changes.
func clean(p []byte) bool {
	for i := 0; i < len(p); {
		if c := p[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 || r <= 0x9f || r == '\u2028' || r == '\u2029' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			return false
		}
		i += size
	}
	return true
}
