package cache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/buttresspy/buttress/internal/cache/wire"
	"github.com/buttresspy/buttress/internal/project"
)

// Listings remembers the entries of the project's directories from one run to the next, so
// that a warm run lists a directory with one stat instead of open, getdents and close (on
// 2,219 directories, most of the system time of a warm run).
//
// Creating, removing or renaming an entry changes its directory's modification time; a
// listing is reused when the directory's inode, size, modification and change times are
// those recorded with it, and its modification time was more than racyWindow older than the
// run that recorded it (an entry added within the same clock tick as the listing would not
// show otherwise). Anything else, and any platform that does not give inodes and change
// times, reads the directory. The file holding them ends with a checksum: a damaged one is
// ignored and rebuilt, with a notice.
type Listings struct {
	path  string
	read  func(dir string) ([]project.Entry, fs.FileInfo, error)
	start time.Time
	root  *rootDir // the directories are stat'ed from it (nil: by their whole path)

	old map[string]*listing // read at Open; not changed after but for their used marks

	mu      sync.Mutex
	next    map[string]*listing // the directories read again (or for the first time)
	changed bool
}

// listing is one directory's entries and what vouches for them. A listing of the file keeps
// its entries encoded (raw: each name and type), decoded only when its directory is walked:
// the file is read before the walk starts, and most of a run's work on it is then done by the
// walk's goroutines, beside each other.
type listing struct {
	ino, size    uint64
	mtime, ctime int64 // 0: not to be trusted next time
	names        []string
	types        []fs.FileMode
	raw          string // names and types, encoded (from the file), when names is nil
	// used: an old listing this run used, to be kept. Each directory is listed once, by one
	// goroutine: only it writes the mark, and Close reads it once the walk is over.
	used bool
}

const (
	listingsPrefix = "listings"
	listingsSuffix = ".bin"
	listingsMagic  = "btlist04"
)

// OpenListings opens the listings kept in the cache directory dir for the project at root
// (absolute). read lists a directory when its listing cannot be reused, with the directory's
// information taken before its entries (project.ReadDirStat). It never fails: a
// file that cannot be read is started afresh (with a notice when it exists but is damaged),
// and a directory that cannot be made gives no Listings (and no notice: Open gives it), as
// does a platform without inodes (every directory is read there).
func OpenListings(dir, root string, read func(dir string) ([]project.Entry, fs.FileInfo, error)) (*Listings, []Notice) {
	return openListings(dir, root, read, false)
}

// OpenListingsMapped is OpenListings for a process that ends after its run, as OpenMapped:
// the file is mapped into memory rather than read, and stays mapped.
func OpenListingsMapped(dir, root string, read func(dir string) ([]project.Entry, fs.FileInfo, error)) (*Listings, []Notice) {
	return openListings(dir, root, read, true)
}

func openListings(dir, root string, read func(dir string) ([]project.Entry, fs.FileInfo, error), mapped bool) (*Listings, []Notice) {
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, nil // Discover says so
	} else if _, ok := inode(fi); !ok {
		return nil, nil // no inodes here: no listing could be trusted
	}
	if err := prepare(dir); err != nil {
		return nil, nil // Open says so, for the whole cache
	}
	l := &Listings{
		path:  filepath.Join(dir, listingsPrefix+projectTag(dir, root)+listingsSuffix),
		read:  read,
		start: time.Now(),
		next:  map[string]*listing{},
		root:  openRoot(root),
	}
	var notices []Notice
	var b, m []byte
	var err error
	if mapped {
		b, m, err = mapOrRead(l.path)
	} else {
		b, err = os.ReadFile(l.path)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.changed = true
	case err != nil:
		notices = append(notices, Notice{Path: l.path, Msg: fmt.Sprintf("cannot be read (%v): rebuilding it", errText(err))})
		l.changed = true
	default:
		old, why := decodeListings(b)
		if why != "" {
			unmapFile(m)
			notices = append(notices, Notice{Path: l.path, Msg: why + ": ignoring it and rebuilding it"})
			l.changed = true
		}
		l.old = old
	}
	return l, notices
}

// mapOrRead returns the content of the file at path: mapped (m, the same bytes, to unmap if
// they are not used), or read when it cannot be mapped.
func mapOrRead(path string) (b, m []byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close() // the mapping outlives the descriptor
	if m = mapFile(f); m != nil {
		return m, m, nil
	}
	b, err = io.ReadAll(f)
	return b, nil, err
}

func decodeListings(b []byte) (map[string]*listing, string) {
	switch {
	case len(b) >= len(listingsMagic) && string(b[:len(listingsMagic)]) != listingsMagic:
		return nil, "is not a listings file of this version"
	case len(b) < len(listingsMagic)+4:
		return nil, "is cut short"
	}
	payload := b[len(listingsMagic) : len(b)-4]
	if checksum(payload) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, "is damaged (its checksum does not match)"
	}
	d := wire.NewDecoderOwned(payload) // b is not used again: the names share its bytes
	n := d.Len(6)
	old := make(map[string]*listing, n)
	ls := make([]listing, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		path := d.String()
		l := &ls[i]
		*l = listing{ino: d.Uint(), size: d.Uint(), mtime: int64(d.Uint()), ctime: int64(d.Uint()), raw: d.String()}
		old[path] = l
	}
	if err := d.Finish(); err != nil {
		return nil, "is damaged (" + err.Error() + ")"
	}
	return old, ""
}

// ReadDir lists the directory dir, unsorted: from the listing recorded when the directory is
// unchanged since, else with the read function of OpenListings. It is called from several
// goroutines.
func (l *Listings) ReadDir(dir string) ([]project.Entry, error) {
	// A directory with a trusted listing is looked at by its path; any other is read, and
	// stamped with the information of the descriptor that reads it (no second lookup).
	if o := l.old[dir]; o != nil && o.mtime != 0 {
		if ino, st, ok := statDir(l.root, dir); ok && o.ino == ino && o.size == uint64(st.size) && o.mtime == st.mtime && o.ctime == st.ctime {
			if entries, ok := o.entries(); ok {
				o.used = true // no lock: kept by Close
				return entries, nil
			}
		}
	}
	entries, fi, err := l.read(dir)
	ino, ctime, stamped := dirStamp(fi, err)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.changed = true
	if err != nil || !stamped {
		return entries, err
	}
	n := &listing{ino: ino, size: uint64(fi.Size()), names: make([]string, len(entries)), types: make([]fs.FileMode, len(entries))}
	if t := fi.ModTime(); t.Before(l.start.Add(-racyWindow)) {
		n.mtime, n.ctime = t.UnixNano(), ctime
	}
	for i, e := range entries {
		n.names[i], n.types[i] = e.Name, e.Type
	}
	l.next[dir] = n
	return entries, nil
}

// dirStamp is what, with its size and modification time, vouches that a directory is the
// one listed before: its inode and its change time.
func dirStamp(fi fs.FileInfo, err error) (ino uint64, ctime int64, ok bool) {
	if err != nil || !fi.IsDir() {
		return 0, 0, false
	}
	if ino, ok = inode(fi); !ok {
		return 0, 0, false
	}
	return ino, changeTime(fi), true
}

// entries returns the recorded entries of the directory; false when they do not decode (the
// directory is then read).
func (o *listing) entries() ([]project.Entry, bool) {
	if o.names != nil || o.raw == "" {
		es := make([]project.Entry, len(o.names))
		for i := range es {
			es[i] = project.Entry{Name: o.names[i], Type: o.types[i]}
		}
		return es, true
	}
	d := wire.NewDecoderString(o.raw)
	n := d.Len(2)
	es := make([]project.Entry, n)
	for i := range es {
		es[i] = project.Entry{Name: d.String(), Type: fs.FileMode(d.Uint()) & fs.ModeType}
	}
	return es, d.Finish() == nil
}

// appendRaw appends the encoding of o's names and types (listing.raw) to b.
func (o *listing) appendRaw(b []byte) []byte {
	if o.names == nil {
		return append(b, o.raw...)
	}
	e := wire.Encoder{B: b}
	e.Len(len(o.names))
	for i, name := range o.names {
		e.String(name)
		e.Uint(uint64(o.types[i]))
	}
	return e.B
}

// Close writes the listings of this run, when any differs from those read (a directory
// listed again, or no longer walked), for the next run. It returns a notice when they cannot
// be written.
func (l *Listings) Close() []Notice {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closeRoot() // ReadDir is not called after Close
	used := 0
	for _, o := range l.old {
		if o.used {
			used++
		}
	}
	if !l.changed && used == len(l.old) {
		return nil // every listing reused: the file stands
	}
	for p, o := range l.old {
		if o.used && l.next[p] == nil {
			l.next[p] = o
		}
	}
	paths := make([]string, 0, len(l.next))
	for p := range l.next {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	e := &wire.Encoder{B: append(make([]byte, 0, 64<<10), listingsMagic...)}
	var raw []byte
	e.Len(len(paths))
	for _, p := range paths {
		o := l.next[p]
		e.String(p)
		e.Uint(o.ino)
		e.Uint(o.size)
		e.Uint(uint64(o.mtime)) // nanoseconds: 64 bits, whatever the size of int
		e.Uint(uint64(o.ctime))
		raw = o.appendRaw(raw[:0])
		e.Len(len(raw)) // as e.String(raw) would
		e.Fixed(raw)
	}
	e.B = binary.LittleEndian.AppendUint32(e.B, checksum(e.B[len(listingsMagic):]))
	if err := writeAtomically(l.path, e.B); err != nil {
		return []Notice{{Path: l.path, Msg: fmt.Sprintf("cannot be written (%v): the next run lists every directory", errText(err))}}
	}
	return nil
}

// Abandon closes the listings without writing them: for a run whose walk failed.
func (l *Listings) Abandon() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closeRoot()
}

// closeRoot lets the root's descriptor go, once.
func (l *Listings) closeRoot() {
	l.root.close()
	l.root = nil
}

// writeAtomically replaces the file at path with b: written to a temporary file beside it,
// then renamed over it, so that a reader sees the old file or the new one, never a part.
func writeAtomically(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+"*"+tmpSuffix)
	if err != nil {
		return err
	}
	_ = f.Chmod(0o644)
	w := bufio.NewWriter(f)
	_, err = w.Write(b)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
