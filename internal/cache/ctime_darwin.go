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
