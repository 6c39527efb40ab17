//go:build linux && (amd64 || arm64)

package cache

import (
	"syscall"
	"unsafe"
)

// statPath is syscall.Stat without its allocation: the path is made a C string in a buffer
// on the stack, not on the heap (a warm run stats every file and directory of the project:
// 6,800 allocations, 540 KB of fresh pages on the bench project). A path too long for the
// buffer, or holding a NUL, goes through syscall.Stat.
func statPath(path string, st *syscall.Stat_t) error {
	var buf [512]byte
	if len(path) >= len(buf) || containsNUL(path) {
		return syscall.Stat(path, st)
	}
	copy(buf[:], path)
	buf[len(path)] = 0
	_, _, errno := syscall.Syscall6(sysFstatat, uintptr(atFDCWD), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(st)), 0, 0, 0)
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
