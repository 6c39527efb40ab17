//go:build unix

package cli

import (
	"fmt"
	"os"
	"syscall"

	"github.com/buttresspy/buttress/internal/summary"
)

// readRegularInto reads the file at path into buf (grown as needed) and returns its bytes,
// but only a regular file (notRegular says what else it is): one open and one fstat, where
// a stat, then os.ReadFile's open, fstat and a fresh buffer cost a second path lookup and
// 40 MB of allocation over the 3.13 standard library.
func readRegularInto(path string, buf []byte) ([]byte, error) {
	fd, st, err := summary.OpenRegular(path)
	if err == summary.ErrNotRegular {
		return nil, notRegular(path)
	} else if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	if want := int(st.Size) + 1; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	b := buf[:0]
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read: %w", err)
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
	}
}

// notRegular says what the file at path is instead of a regular file.
func notRegular(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return notRegularError(fi)
}
