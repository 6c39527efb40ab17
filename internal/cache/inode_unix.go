//go:build linux || darwin

package cache

import (
	"io/fs"
	"syscall"
)

// inode is the inode number of a file.
func inode(fi fs.FileInfo) (uint64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Ino), true
}
