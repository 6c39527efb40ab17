//go:build linux || darwin

package cache

import "syscall"

// statFile stats the file at path (following links) for Get, from the root r when it is
// under it: its stamp, without the fs.FileInfo that os.Stat allocates for each of the
// thousands of files of a warm run.
func statFile(r *rootDir, path string) (stamp, error) {
	var st syscall.Stat_t
	for {
		err := r.stat(path, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return stamp{}, err
		}
		return stampOf(&st), nil
	}
}

// statDir stats the directory at dir for Listings.ReadDir, from the root r when it is under
// it: its inode and stamp; ok is false when it cannot be stat'ed or is no directory.
func statDir(r *rootDir, dir string) (ino uint64, s stamp, ok bool) {
	var st syscall.Stat_t
	for {
		err := r.stat(dir, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFDIR {
			return 0, stamp{}, false
		}
		return uint64(st.Ino), stampOf(&st), true
	}
}

// stampOf is the stamp of a stat.
func stampOf(st *syscall.Stat_t) stamp {
	return stamp{size: st.Size, mtime: modTime(st).UnixNano(), ctime: statChange(st), ok: true}
}
