//go:build !unix

package cli

import (
	"io"
	"os"
)

// readRegularInto reads the file at path into buf (grown as needed) and returns its bytes,
// but only a regular file.
func readRegularInto(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegularError(fi)
	}
	if want := int(fi.Size()) + 1; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	b := buf[:0]
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
