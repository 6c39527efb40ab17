//go:build !linux && !darwin

package cache

import (
	"io"
	"os"

	"github.com/buttresspy/buttress/internal/summary"
)

// readInto reads the file at path into *buf (grown as needed), and returns the bytes and
// the file's information, taken before reading; errTooLarge, without reading it, when it is
// larger than maxSize (when positive).
func readInto(path string, buf *[]byte, maxSize int64) ([]byte, stamp, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, stamp{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, stamp{}, err
	}
	if !fi.Mode().IsRegular() {
		return nil, stamp{}, summary.ErrNotRegular
	}
	if maxSize > 0 && fi.Size() > maxSize {
		return nil, stamp{}, errTooLarge
	}
	b := (*buf)[:0]
	if want := int(fi.Size()) + 1; cap(b) < want && fi.Size() < 1<<31 {
		b = make([]byte, 0, want)
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, stamp{}, err
		}
	}
	*buf = b
	return b, stampOfInfo(fi), nil
}
