package summary

import (
	"errors"
	"unsafe"
)

// readInto reads a file into a buffer of its size (size, from its metadata; 0 when unknown)
// and returns it as a string that shares the buffer (as strings.Builder does): no 32 KB
// buffer per file as io.Copy into a strings.Builder took (6 GB of garbage for 200,000 small
// files), no copy from bytes to string. read is the file's read call. With limit > 0, a file
// larger than limit bytes is a *tooLargeError, and not read (or read no further than the
// limit, when it grows meanwhile).
func readInto(size, limit int64, read func([]byte) (int, error)) (string, error) {
	if limit > 0 && size > limit {
		return "", &tooLargeError{size: size, limit: limit}
	}
	if size < 0 || size >= 1<<31 {
		size = 0
	}
	buf := make([]byte, 0, size+1) // one more byte, so that the final read sees the end in place
	for {
		if len(buf) == cap(buf) {
			if limit > 0 && int64(len(buf)) > limit {
				return "", &tooLargeError{size: int64(len(buf)), limit: limit, grew: true}
			}
			buf = append(buf, 0)[:len(buf)] // the file grew: let append find room
		}
		n, err := read(buf[len(buf):cap(buf)])
		if n > 0 {
			buf = buf[:len(buf)+n]
		}
		if err != nil {
			return "", err
		}
		if n <= 0 {
			break
		}
	}
	if limit > 0 && int64(len(buf)) > limit {
		return "", &tooLargeError{size: int64(len(buf)), limit: limit, grew: true}
	}
	if len(buf) == 0 {
		return "", nil
	}
	// buf is never written again: the string may share it.
	return unsafeString(buf), nil
}

// ReadSource reads a Python file as the summaries do: only a regular file (a named pipe put
// in its place is an error, never a hang), no larger than limit bytes when limit > 0, into a
// string that is not copied again.
func ReadSource(path string, limit int64) (string, error) {
	return readFile(path, limit)
}

func unsafeString(b []byte) string { return unsafe.String(&b[0], len(b)) }

// ErrNotRegular is the error for a named pipe, a device or a socket where a file was expected.
var ErrNotRegular = errors.New("not a regular file")
