//go:build linux && (amd64 || arm64)

package cache

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// statPath is syscall.Stat without its allocation: the path is made a C string in a buffer
// on the stack, not on the heap (a warm run stats every file and directory of the project:
// 6,800 allocations, 540 KB of fresh pages on the bench project). A path too long for the
// buffer, or holding a NUL, goes through syscall.Stat.
func statPath(path string, st *syscall.Stat_t) error {
	return statAt(atFDCWD, path, st)
}

// statAt stats path relative to the directory open as dirfd (atFDCWD: the current one), as
// statPath does.
func statAt(dirfd int, path string, st *syscall.Stat_t) error {
	var buf [512]byte
	if len(path) >= len(buf) || containsNUL(path) {
		if dirfd != atFDCWD {
			return syscall.ENAMETOOLONG // the caller stats the whole path instead
		}
		return syscall.Stat(path, st)
	}
	copy(buf[:], path)
	buf[len(path)] = 0
	_, _, errno := syscall.Syscall6(sysFstatat, uintptr(dirfd), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(st)), 0, 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// atFDCWD is AT_FDCWD: a path relative to the current directory (a variable: the constant
// -100 does not convert to uintptr).
var atFDCWD = -100

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}

// rootDir is the project's root directory held open (O_PATH: for lookups only), so that the
// thousands of stats of a warm run look up each path from the root rather than from "/": the
// kernel walks a path one name at a time, and the root's own names (/home/runner/work/x/x in
// CI) were walked again for every file and directory. A stat relative to each directory would
// cost an open and a close per directory more, and was slower.
type rootDir struct {
	prefix string // the root's path and a separator: the paths that start so are under it
	fd     int
}

// openRoot opens the directory root (absolute) for lookups, or returns nil (then every stat
// takes the whole path).
func openRoot(root string) *rootDir {
	if root == "" || root[0] != '/' {
		return nil
	}
	fd, err := syscall.Open(root, unix.O_PATH|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	prefix := root
	if prefix[len(prefix)-1] != '/' {
		prefix += "/"
	}
	return &rootDir{prefix: prefix, fd: fd}
}

// stat stats path (absolute), relative to the root when it is under it.
func (r *rootDir) stat(path string, st *syscall.Stat_t) error {
	if r != nil && len(path) > len(r.prefix) && path[:len(r.prefix)] == r.prefix {
		if err := statAt(r.fd, path[len(r.prefix):], st); err != syscall.ENAMETOOLONG {
			return err
		}
	}
	return statPath(path, st)
}

// close lets the root's descriptor go; r is not used after.
func (r *rootDir) close() {
	if r != nil {
		syscall.Close(r.fd)
	}
}
