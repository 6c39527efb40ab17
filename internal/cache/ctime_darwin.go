package cache

import (
	"io/fs"
	"syscall"
)

// changeTime is the time of a file's last change of content or of its metadata (permissions,
// owner), in nanoseconds; 0 when unknown.
func changeTime(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctimespec.Nano()
	}
	return 0
}

// dirStamp is what, with its size and modification time, vouches that a directory is the
// one listed before: its inode and its change time.
func dirStamp(fi fs.FileInfo, err error) (ino uint64, ctime int64, ok bool) {
	if err != nil {
		return 0, 0, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.IsDir() {
		return 0, 0, false
	}
	return st.Ino, st.Ctimespec.Nano(), true
}
