//go:build unix

package summary

import (
	"syscall"
)

// readFile reads a file into a string (see readInto) with the system calls themselves:
// os.Open costs five more per file (making the descriptor non-blocking, trying the poller,
// making it blocking again), 40% of the time spent reading a project of 200,000 one-line
// modules. O_NONBLOCK keeps a named pipe from blocking the open, and what is not a regular
// file is not read.
func readFile(path string, limit int64, buf *[]byte) (string, error) {
	fd, st, err := OpenRegular(path)
	if err != nil {
		return "", err
	}
	defer syscall.Close(fd)
	return readInto(st.Size, limit, buf, func(b []byte) (int, error) {
		for {
			n, err := syscall.Read(fd, b)
			if err != syscall.EINTR {
				return n, err
			}
		}
	})
}

// OpenRegular opens the file at path for reading as the summaries read files (and the cache,
// which hashes them): O_NONBLOCK, so that a named pipe put where a file was never blocks the
// open, and a regular file only (ErrNotRegular otherwise). It returns the descriptor, for the
// caller to close, and the file's stat; the errors are the system's, without the path.
func OpenRegular(path string) (int, syscall.Stat_t, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	// The stat is returned by value: a pointer made it an allocation a file (2.2 MB for
	// graph on the 3.11 site-packages).
	var st syscall.Stat_t
	if err != nil {
		return -1, st, err
	}
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return -1, st, err
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return -1, st, ErrNotRegular
	}
	return fd, st, nil
}
