package project

import (
	"io/fs"
	"os"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// listDir lists a directory, unsorted (the files are sorted once, at the end), with the
// system calls themselves: open, getdents64 into a buffer the walk reuses, close. os.ReadDir
// costs a fcntl per directory (os.NewFile asks whether the descriptor is non-blocking), a
// finalizer, and an object and a string for every entry, where the walk keeps one entry in
// three (the rest are data files, compiled files and the like): on the 3.11 site-packages
// (7,957 directories, 46,000 entries) the discovery's instructions went down by a sixth
// (BenchmarkDiscoverSitePackages under callgrind), and a system call a directory. The names
// of a directory share one string. Tests replace it to simulate errors that running as root
// would not give.
var listDir = func(dir string) ([]Entry, error) {
	es, _, err := readDirFD(dir, false)
	return es, err
}

// ReadDirStat lists a directory, unsorted, as the walk does when Options.ReadDir is nil,
// with the directory's information, taken from the descriptor that lists it before its
// entries are read (no second lookup of its path): for a cache of listings (Options.ReadDir).
func ReadDirStat(dir string) ([]Entry, fs.FileInfo, error) {
	es, st, err := readDirFD(dir, true)
	if st == nil {
		return nil, nil, err
	}
	return es, statInfo(dir, st), err
}

// direntBufs are the buffers directories are listed into: 32 KiB holds the entries of all
// but the largest directories, read in one call (os reads 8 KiB at a time).
var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// The fields of a struct linux_dirent64, as getdents64 writes it on every architecture.
const (
	direntReclen = unsafe.Offsetof(syscall.Dirent{}.Reclen)
	direntType   = unsafe.Offsetof(syscall.Dirent{}.Type)
	direntName   = unsafe.Offsetof(syscall.Dirent{}.Name)
)

// readDirFD lists the directory at dir and, when stat is set, fstats it first. On an error
// after the directory is open, it returns the entries read so far (and the stat), as
// os.File.ReadDir does.
func readDirFD(dir string, stat bool) ([]Entry, *syscall.Stat_t, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
	var st *syscall.Stat_t
	if stat {
		st = new(syscall.Stat_t)
		if err := syscall.Fstat(fd, st); err != nil {
			return nil, nil, &fs.PathError{Op: "stat", Path: dir, Err: err}
		}
	}
	bp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bp)
	buf := *bp
	// The records of every call are kept whole until the names are copied out at the end: a
	// directory too large for the buffer grows it.
	total := 0
	for {
		if len(buf)-total < 1<<10 { // room for a record of the longest name, and more
			buf = append(buf, make([]byte, len(buf))...)
			*bp = buf
		}
		n, err := syscall.Getdents(fd, buf[total:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			es, _ := parseDirents(dir, buf[:total])
			return es, st, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			break
		}
		total += n
	}
	es, err := parseDirents(dir, buf[:total])
	if err != nil {
		return es, st, &fs.PathError{Op: "lstat", Path: dir, Err: err}
	}
	return es, st, nil
}

// parseDirents reads the records of getdents64 in recs, skipping "." and "..". An entry of
// unknown type (DT_UNKNOWN: some file systems) is looked up with lstat, as os does, and
// left out when it has gone meanwhile.
func parseDirents(dir string, recs []byte) ([]Entry, error) {
	// First the number of entries and the length of their names: one slice, one string.
	count, size := 0, 0
	for off := 0; off < len(recs); {
		rec, ok := direntAt(recs, off)
		if !ok {
			break
		}
		off += len(rec)
		if name := direntNameOf(rec); !dots(name) {
			count++
			size += len(name)
		}
	}
	if count == 0 {
		return nil, nil
	}
	// Each name is a string over its bytes once they are written, as strings.Builder
	// makes its string: the bytes are never written again.
	names := make([]byte, size)
	es := make([]Entry, 0, count)
	at := 0
	for off := 0; off < len(recs) && len(es) < count; {
		rec, ok := direntAt(recs, off)
		if !ok {
			break
		}
		off += len(rec)
		name := direntNameOf(rec)
		if dots(name) {
			continue
		}
		e := Entry{Type: direntMode(rec[direntType])}
		if len(name) > 0 {
			copy(names[at:], name)
			e.Name = unsafe.String(&names[at], len(name))
			at += len(name)
		}
		if e.Type == modeUnknown {
			var st syscall.Stat_t
			var err error
			for {
				err = syscall.Lstat(dir+string(os.PathSeparator)+e.Name, &st)
				if err != syscall.EINTR {
					break
				}
			}
			if err == syscall.ENOENT {
				continue // gone between the listing and the lookup
			}
			if err != nil {
				return es, err
			}
			e.Type = statMode(st.Mode).Type()
		}
		es = append(es, e)
	}
	return es, nil
}

// direntAt returns the getdents64 record at off in recs.
func direntAt(recs []byte, off int) ([]byte, bool) {
	if off+int(direntName) > len(recs) {
		return nil, false
	}
	reclen := int(*(*uint16)(unsafe.Pointer(&recs[off+int(direntReclen)])))
	if reclen <= int(direntName) || off+reclen > len(recs) {
		return nil, false
	}
	return recs[off : off+reclen], true
}

// dots reports whether a name is "." or "..".
func dots(name []byte) bool {
	return len(name) == 1 && name[0] == '.' || len(name) == 2 && name[0] == '.' && name[1] == '.'
}

// modeUnknown marks an entry whose type getdents64 does not give.
const modeUnknown = fs.ModeIrregular | fs.ModeTemporary

// direntNameOf is the name of a getdents64 record, without its NUL padding.
func direntNameOf(rec []byte) []byte {
	name := rec[direntName:]
	for i, c := range name {
		if c == 0 {
			return name[:i]
		}
	}
	return name
}

// direntMode is the type of an entry as d_type gives it.
func direntMode(t byte) fs.FileMode {
	switch t {
	case syscall.DT_REG:
		return 0
	case syscall.DT_DIR:
		return fs.ModeDir
	case syscall.DT_LNK:
		return fs.ModeSymlink
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe
	case syscall.DT_SOCK:
		return fs.ModeSocket
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.DT_BLK:
		return fs.ModeDevice
	}
	return modeUnknown
}

// statMode is the fs.FileMode of a stat's st_mode, as os gives it.
func statMode(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & syscall.S_IFMT {
	case syscall.S_IFBLK:
		mode |= fs.ModeDevice
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	if m&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}

// statInfo is the fs.FileInfo of the directory at dir from its stat, as os.File.Stat gives it
// (Sys is the *syscall.Stat_t, which the cache of listings reads the inode and change time
// from).
func statInfo(dir string, st *syscall.Stat_t) fs.FileInfo {
	return &fileStat{name: baseName(dir), size: st.Size, mode: statMode(st.Mode), mtime: time.Unix(st.Mtim.Unix()), sys: st}
}

type fileStat struct {
	name  string
	size  int64
	mode  fs.FileMode
	mtime time.Time
	sys   *syscall.Stat_t
}

func (fs *fileStat) Name() string       { return fs.name }
func (fs *fileStat) Size() int64        { return fs.size }
func (fs *fileStat) Mode() fs.FileMode  { return fs.mode }
func (fs *fileStat) ModTime() time.Time { return fs.mtime }
func (fs *fileStat) IsDir() bool        { return fs.mode.IsDir() }
func (fs *fileStat) Sys() any           { return fs.sys }

// baseName is the last element of a path, as os.File.Stat names a file (os.Open's name).
func baseName(p string) string {
	for len(p) > 1 && os.IsPathSeparator(p[len(p)-1]) {
		p = p[:len(p)-1]
	}
	for i := len(p) - 1; i >= 0; i-- {
		if os.IsPathSeparator(p[i]) {
			return p[i+1:]
		}
	}
	return p
}
