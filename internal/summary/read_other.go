//go:build !unix

package summary

import (
	"io"
	"os"
)

// readFile reads a file into a string (see readInto).
func readFile(path string, limit int64, buf *[]byte) (string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", ErrNotRegular
	}
	return readInto(fi.Size(), limit, buf, func(b []byte) (int, error) {
		n, err := fh.Read(b)
		if err == io.EOF {
			err = nil
		}
		return n, err
	})
}
