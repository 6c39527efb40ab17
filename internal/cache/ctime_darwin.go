package cache

import (
	"io/fs"
	"syscall"
	"time"
)

// changeTime is the time of a file's last change of content or of its metadata (permissions,
// owner), in nanoseconds; 0 when unknown.
func changeTime(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return statChange(st)
	}
	return 0
}

// statChange is the change time in a file's stat, in nanoseconds.
func statChange(st *syscall.Stat_t) int64 { return st.Ctimespec.Nano() }

// modTime is the modification time in a file's stat.
func modTime(st *syscall.Stat_t) time.Time { return time.Unix(st.Mtimespec.Unix()) }
