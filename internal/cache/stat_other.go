//go:build !linux && !darwin

package cache

import (
	"io/fs"
	"os"
)

// statFile stats the file at path (following links) for Get.
func statFile(_ *rootDir, path string) (stamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return stamp{}, err
	}
	return stampOfInfo(fi), nil
}

// statDir stats the directory at dir for Listings.ReadDir (which is not used where there are
// no inodes).
func statDir(_ *rootDir, dir string) (ino uint64, s stamp, ok bool) {
	fi, err := os.Stat(dir)
	if ino, _, ok = dirStamp(fi, err); !ok {
		return 0, stamp{}, false
	}
	return ino, stampOfInfo(fi), true
}

// stampOfInfo is the stamp of a file's information.
func stampOfInfo(fi fs.FileInfo) stamp {
	return stamp{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: changeTime(fi), ok: true}
}
