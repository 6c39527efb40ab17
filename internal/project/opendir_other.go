//go:build !linux

package project

import (
	"io/fs"
	"os"
)

// listDir lists a directory, unsorted (the files are sorted once, at the end). Tests replace
// it to simulate errors that running as root would not give.
var listDir = func(dir string) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	return entriesOf(des), err
}

// ReadDirStat lists a directory, unsorted, as the walk does when Options.ReadDir is nil,
// with the directory's information, taken from the descriptor that lists it before its
// entries are read (no second lookup of its path): for a cache of listings (Options.ReadDir).
func ReadDirStat(dir string) ([]Entry, fs.FileInfo, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	entries, err := f.ReadDir(-1)
	return entriesOf(entries), fi, err
}

// entriesOf returns the entries of a listing of fs.DirEntry values.
func entriesOf(des []fs.DirEntry) []Entry {
	es := make([]Entry, len(des))
	for i, e := range des {
		es[i] = Entry{e.Name(), e.Type()}
	}
	return es
}
