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
//
// buf, when not nil, is a buffer to read into instead of a new one (grown as needed and
// kept in *buf): the string is then valid only until buf is used again (see reuse).
//
// A read that fills less than the room it was given, and brings the text to the size the
// file had when it was opened, ends the reading: the file is read whole, as it was then, and
// a read that could only say so (0 bytes) would be a system call a file for nothing (15,450
// on the 3.11 site-packages). A file that grew meanwhile fills its size and the byte after,
// and is read on to its end.
func readInto(size, limit int64, buf *[]byte, read func([]byte) (int, error)) (string, error) {
	if limit > 0 && size > limit {
		return "", &tooLargeError{size: size, limit: limit}
	}
	if size < 0 || size >= 1<<31 {
		size = 0
	}
	var b []byte
	if buf != nil && int64(cap(*buf)) > size {
		b = (*buf)[:0]
	} else {
		b = make([]byte, 0, size+1) // one more byte, so that the final read sees the end in place
	}
	for {
		if len(b) == cap(b) {
			if limit > 0 && int64(len(b)) > limit {
				return "", &tooLargeError{size: int64(len(b)), limit: limit, grew: true}
			}
			b = append(b, 0)[:len(b)] // the file grew: let append find room
		}
		room := cap(b) - len(b)
		n, err := read(b[len(b):cap(b)])
		if n > 0 {
			b = b[:len(b)+n]
		}
		if err != nil {
			return "", err
		}
		if n <= 0 || n < room && int64(len(b)) == size {
			break
		}
	}
	if buf != nil {
		*buf = b
	}
	if limit > 0 && int64(len(b)) > limit {
		return "", &tooLargeError{size: int64(len(b)), limit: limit, grew: true}
	}
	if len(b) == 0 {
		return "", nil
	}
	// b is never written again (or, with buf, not before the caller is done with the
	// string): the string may share it.
	return unsafeString(b), nil
}

// ReadSource reads a Python file as the summaries do: only a regular file (a named pipe put
// in its place is an error, never a hang), no larger than limit bytes when limit > 0, into a
// string that is not copied again.
func ReadSource(path string, limit int64) (string, error) {
	return readFile(path, limit, nil)
}

// ReadSourceInto is ReadSource into *buf, grown as needed: the string is valid until *buf is
// used again (debug parse reads each file into the buffer of the one before).
func ReadSourceInto(path string, buf *[]byte) (string, error) {
	return readFile(path, 0, buf)
}

func unsafeString(b []byte) string { return unsafe.String(&b[0], len(b)) }

// ErrNotRegular is the error for a named pipe, a device or a socket where a file was expected.
var ErrNotRegular = errors.New("not a regular file")
