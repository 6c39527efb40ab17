//go:build unix

package cli

import "syscall"

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// mksocket makes a socket file without a listener: mknod can, where binding would need a
// path short enough for a socket address.
func mksocket(path string) error { return syscall.Mknod(path, syscall.S_IFSOCK|0o644, 0) }
