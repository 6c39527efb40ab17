//go:build linux || darwin

package cache

import (
	"os"
	"syscall"
)

// mapFile maps the whole of f into memory, read-only, for a run that keeps the mapping
// until the process exits (Open's mapped): nil when it cannot. A pack or a listings file read
// into the heap is fresh pages, each faulted in and zeroed before the copy, a fifth of the
// page faults of a warm run of the bench project (4,628 files; 560 of 4,200); a mapping takes
// the page cache's pages as they are.
//
// buttress never writes a cache file in place (a new file is renamed over the old one, which
// the mapping keeps), so the mapped bytes never change under the run; another program that
// truncated the file in place during the run would stop it with SIGBUS.
func mapFile(f *os.File) []byte {
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	size := fi.Size()
	if size <= 0 || int64(int(size)) != size {
		return nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|mapPopulate)
	if err != nil {
		return nil
	}
	return b
}

// unmapFile unmaps what mapFile mapped, when nothing slices it (a file found damaged).
func unmapFile(b []byte) {
	if b != nil {
		_ = syscall.Munmap(b)
	}
}
