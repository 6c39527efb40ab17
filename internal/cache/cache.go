// Package cache keeps the summaries of a project's files from one run to the next, keyed by
// each file's content, so that a run after an edit parses only the files that changed. The
// project-wide work (the import graph, the contracts, the unused suppressions) is redone
// every time, on the summaries.
//
// # Where
//
// The cache is a directory: .buttress_cache at the project root, or the cache-dir of the
// configuration (relative to the root), or $BUTTRESS_CACHE_DIR (relative to the current
// directory), as Ruff does with .ruff_cache. It holds a .gitignore that ignores everything
// in it, a CACHEDIR.TAG for backup tools, and one pack file per profile (summary.Profile:
// the settings every file of a run shares, so that check, metrics and graph keep their
// own). A directory outside the project may be shared by several ($BUTTRESS_CACHE_DIR set
// once for all): there, each project's packs carry a digest of its root in their names. In
// the project, they do not, so that a cache restored at another path is still used.
// `buttress clean` removes the project's cache.
//
// # Keys
//
// An entry is found by the file's path relative to the root, and used only when its keys
// are the SHA-256 of the file's content and its settings (summary's settings digest: the
// rules that run on the file and their options, the target version, the module name, ...).
// A record also keeps what its settings digest was made of besides the run's settings (the
// file's module name, its package and stub flags, whether the rules ran: summary.Vouch),
// and the index the digest of the run's (summary.Settings): a run of the same settings
// knows a file's digest from its record without making it (the matching of per-file-ignores
// and scopes on the path, and two SHA-256 blocks, for each file). The pack's header names
// the build of buttress that wrote it (Identity): a pack of another build is not read.
// Content, not modification times, decides: a cache restored on another machine (CI) is
// valid. The size, modification time and change time (which a chmod moves: a file made
// unreadable is then read again and fails as on a cold run) of each file are recorded only
// to skip re-reading and re-hashing a file whose size and times have not changed since; a
// file modified less than two seconds before it was hashed is not recorded so (it could
// change again within the same tick of the clock), and is hashed again next time.
//
// # The pack
//
// A pack is one file: a header (magic, layout version, build identity), the entries (each a
// summary's encoding), an index and a trailer (where the index is, its CRC-32). The index
// holds, after the digests of the modules the imports were resolved against and of the
// run's settings, each file's path, content hash, settings digest, size, times, the place,
// length and CRC-32 of its entry, what vouches for its settings digest, and its imports as
// resolved last time: a warm run resolves again only the files that changed, unless the
// modules did (Cache.SetTable).
// Reading it costs one read of the index and one positioned read per file; the entries are
// never held all at once. A run that stored nothing and dropped nothing leaves it alone. A
// run that did writes a new pack beside it (the new entries as they come, then the old
// ones it still uses, then the index) and renames it over the old one: a rename is atomic,
// so a concurrent run reads either the old pack or the new one, never a mixture, and two
// runs that write at once leave one of their packs, whole. (One file per entry instead
// would cost a file creation and a rename per summary: on this project's 2-core machine,
// writing 15,000 entries of 2 KB that way took 0.7 to 2.6 s, reading them back 0.4 s;
// as one pack, 10 ms and 30 ms.)
//
// # The delta
//
// A run that changed little writes a delta instead (summaries-....delta beside the pack):
// a pack of the same layout that holds the entries of the files this run stored, those of
// the old delta it still uses, and those of the base pack whose records it changed (a
// file's times, its resolved imports), with an index that names the base pack it goes with
// (its index's offset, length and checksum). The base stays as it is. The next run reads
// both, the delta's record of a file before the base's; a delta that names another base
// (one that a concurrent run has replaced since) is passed over. A run writes a new base,
// and removes the delta, when the delta would hold more than a quarter of the base's
// entries' bytes, when more than a quarter of the base is of no more use (entries replaced
// by the delta's or not used by the run), or when the modules the imports are resolved
// against, or the run's settings, changed. An edit of one file of 4,300 then writes 3 KB,
// not the 2.3 MB of the whole pack again. The delta is written and renamed as a pack is,
// damaged it is ignored and rebuilt as a pack is, and it never decides a hit alone: a
// record of a delta serves, as a base's does, only for the content and settings it names.
//
// A pack that is damaged (cut short, a checksum that does not match) or of another build is
// ignored, with a one-line notice, and rebuilt; so is a damaged entry. Nothing in a pack is
// trusted: every length is checked, every entry's checksum too.
package cache

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/buttresspy/buttress/internal/cache/wire"
	"github.com/buttresspy/buttress/internal/summary"
)

// DirName is the name of the cache directory at the project root, by default.
const DirName = ".buttress_cache"

// EnvDir is the environment variable that sets the cache directory.
const EnvDir = "BUTTRESS_CACHE_DIR"

// Dir returns the cache directory of the project at root (absolute): $BUTTRESS_CACHE_DIR,
// relative to the current directory; else configured (the cache-dir key), relative to root;
// else root/.buttress_cache.
func Dir(root, configured string) (string, error) {
	if env := os.Getenv(EnvDir); env != "" {
		abs, err := filepath.Abs(env)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %v", EnvDir, env, err)
		}
		return abs, nil
	}
	if configured != "" {
		p := filepath.FromSlash(configured)
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		return filepath.Clean(p), nil
	}
	return filepath.Join(root, DirName), nil
}

const (
	gitignoreText = "# Automatically created by buttress.\n*\n"
	cachedirTag   = "Signature: 8a477f597d28d172789f06886806bc55\n" +
		"# This file is a cache directory tag created by buttress.\n" +
		"# For information about cache directory tags see https://bford.info/cachedir/\n"
	packPrefix = "summaries-"
	packSuffix = ".pack"
	tmpSuffix  = ".tmp"
	// deltaSuffix names a pack's delta: the pack's name with it instead of packSuffix.
	deltaSuffix = ".delta"
	// keepPacks is how many packs (profiles) a cache keeps: the least recently used go.
	keepPacks = 8
	// racyWindow: a file modified this shortly before it was hashed is hashed again next
	// time, whatever its size and time say.
	racyWindow = 2 * time.Second
)

// Pack layout.
const (
	layoutVersion = 7
	headerMagic   = "BUTTRESS"
	trailerMagic  = "BTRSEND!"
	headerSize    = 8 + 4 + sha256.Size
	trailerSize   = 8 + 8 + 4 + 4 + 8 // index offset, index length, index CRC, reserved, magic
	baseIDSize    = 8 + 8 + 4         // a base pack's id: its index's offset, length and CRC
)

// checksum is the CRC-32 (IEEE) of b, the checksum of a pack's entries and index and of the
// listings. Not CRC-32C: on amd64, Go's first use of Castagnoli's polynomial builds two
// tables by checksumming 1.5 MB of zeros (0.2 ms of every run that reads the cache, on this
// project's machine); IEEE's builds one small table.
func checksum(b []byte) uint32 { return checksumUpdate(0, b) }

// checksumUpdate returns the checksum of some bytes followed by b, given crc, theirs.
func checksumUpdate(crc uint32, b []byte) uint32 { return crc32.Update(crc, crc32.IEEETable, b) }

// Notice is something the cache tells the user: a pack ignored and rebuilt, a cache that
// cannot be written. The run goes on. It reads "cache PATH MSG".
type Notice struct {
	Path string // the pack or directory, absolute
	Msg  string // "is cut short: ignoring it and rebuilding it"
}

// record is an entry of a pack's index.
type record struct {
	rel      string      // the file's path, relative to the project root
	content  summary.Key // of the content
	settings summary.Key // of the settings it was summarised under
	size     int64       // of the file, with mtime: 0, 0 when not to be trusted
	mtime    int64       // of the file, in nanoseconds
	// ctime: the file's change time (content or metadata), nanoseconds, 0 where unknown. A
	// chmod changes it: a file made unreadable since it was cached is read again, and fails
	// as it would on a cold run.
	ctime  int64
	off    int64 // of the entry in the pack
	length int64
	crc    uint32
	// vouch is what the settings digest was made of besides the run's (summary.Vouch),
	// under the run digest the index holds: the zero Vouch when it cannot be told.
	vouch summary.Vouch
	// resolved is the file's imports resolved (imports.AppendPart) against the modules whose
	// digest the index holds, "" when not kept; fresh: set by this run (SetResolved).
	resolved string
	fresh    bool
	// used: an entry of the old pack that this run used (a hit), to be kept. Each file is
	// got once, by one goroutine: Get writes the record of its file only.
	used bool
	// inDelta: the entry is in the delta, not in the base pack. changed: this run changed
	// the record (its size and times, its resolved imports), which must be written again.
	// (A base record that the delta's record of the same file replaces is not in the index:
	// never used.)
	inDelta, changed bool
}

// packFile is a pack that a run reads: the base pack, or its delta.
type packFile struct {
	f     *os.File
	recs  []record    // its index, by path
	table summary.Key // the digest of the modules its resolved imports were resolved against
	run   summary.Key // the run digest its records' vouches are for (summary.Settings.Run)
	// id: of a base, what identifies it (its trailer's index offset, length and checksum);
	// of a delta, the id of the base it goes with.
	id   [baseIDSize]byte
	end  int64  // where its entries end (its index's offset)
	data []byte // its entries, read at once when they are few (see inMemory), or mapped
	text string // the same, as the text that the decoded summaries slice
}

// close closes the file: not text, which the summaries slice.
func (p *packFile) close() {
	if p.f != nil {
		p.f.Close()
		p.f, p.data = nil, nil
	}
}

// Cache is one pack of a cache directory, opened for a run. Get is safe for concurrent use;
// Close writes what changed.
type Cache struct {
	dir, path string
	identity  []byte
	start     time.Time
	root      *rootDir // the files are stat'ed from it (nil: by their whole path)

	// base is the pack read (f nil when there was none), delta its delta (f nil when
	// there is none); oldIndex their records by path, a delta's record replacing the
	// base's.
	base, delta packFile
	deltaPath   string
	oldIndex    map[string]*record
	used        atomic.Int64 // how many old entries were used
	dirty       atomic.Bool  // the pack must be written
	// table is the digest of the modules this run resolves imports against (SetTable),
	// tableOK when the base's resolved imports were resolved against the same.
	table   summary.Key
	tableOK bool
	// run is the digest of what this run's settings digests depend on but each file's Vouch
	// (SetRun), runOK when the base's records' vouches are for the same run.
	run   summary.Key
	runOK bool

	mu      sync.Mutex
	next    map[string]*record // the new entries
	tmp     *os.File
	w       *bufio.Writer
	off     int64
	failed  bool // writing failed: stop trying
	bad     bool // a damaged entry was met (one notice)
	notices []Notice
}

// projectTag tells the packs of the project at root from those of other projects in a cache
// directory outside it (a $BUTTRESS_CACHE_DIR shared by several projects): "-" and a digest
// of root. A cache inside the project, the usual case, has "": its packs do not depend on
// where the project is, so that a cache restored at another path (in CI) is still used.
func projectTag(dir, root string) string {
	if root == "" {
		return ""
	}
	if rel, err := filepath.Rel(root, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	sum := sha256.Sum256([]byte(root))
	return "-" + hex.EncodeToString(sum[:6])
}

// Open opens the pack of profile in dir, for the project at root (absolute) and a run of
// the build identity (Identity). It never fails: a cache that cannot be created is no
// cache (nil, with a notice), and a pack that cannot be read is started afresh (with a
// notice).
func Open(dir, root, profile string, identity []byte) (*Cache, []Notice) {
	return open(dir, root, profile, identity, false)
}

// OpenMapped is Open for a process that ends after its run (check): the pack is mapped into
// memory rather than read (where the system can), and stays mapped until the process exits,
// as the summaries decoded from it slice its bytes. A process that opens caches again and
// again (the server) uses Open.
func OpenMapped(dir, root, profile string, identity []byte) (*Cache, []Notice) {
	return open(dir, root, profile, identity, true)
}

func open(dir, root, profile string, identity []byte, mapped bool) (*Cache, []Notice) {
	if err := prepare(dir); err != nil {
		return nil, []Notice{{Path: dir, Msg: fmt.Sprintf("cannot be created (%v): going on without a cache", errText(err))}}
	}
	name := packPrefix + profile + projectTag(dir, root)
	c := &Cache{
		dir:       dir,
		path:      filepath.Join(dir, name+packSuffix),
		deltaPath: filepath.Join(dir, name+deltaSuffix),
		identity:  identity,
		start:     time.Now(),
		next:      map[string]*record{},
		root:      openRoot(root),
	}
	c.dirty.Store(true) // until a base is read
	f, err := os.Open(c.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		c.notice(c.path, "cannot be read (%v): rebuilding it", errText(err))
	default:
		if why := c.base.read(f, mapped, identity, nil); why != "" {
			c.notice(c.path, "%s: ignoring it and rebuilding it", why)
			break
		}
		c.dirty.Store(false)
		c.oldIndex = make(map[string]*record, len(c.base.recs))
		for i := range c.base.recs {
			r := &c.base.recs[i]
			c.oldIndex[r.rel] = r
		}
		c.openDelta(mapped)
	}
	return c, nil
}

// openDelta reads the delta of the base, when there is one: its records replace those of
// the base for the same files. A delta written for another base (one that a concurrent run
// has replaced since) is not this base's, and is passed over.
func (c *Cache) openDelta(mapped bool) {
	f, err := os.Open(c.deltaPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case err != nil:
		c.notice(c.deltaPath, "cannot be read (%v): rebuilding it", errText(err))
		c.dirty.Store(true)
		return
	}
	var d packFile
	if why := d.read(f, mapped, c.identity, &c.base); why != "" {
		if why != notThisBase {
			c.notice(c.deltaPath, "%s: ignoring it and rebuilding it", why)
			c.dirty.Store(true)
		}
		return
	}
	for i := range d.recs {
		r := &d.recs[i]
		r.inDelta = true
		c.oldIndex[r.rel] = r
	}
	c.delta = d
}

// notThisBase is why a delta is passed over when it goes with another base, or was
// written against other modules.
const notThisBase = "goes with another pack"

// read reads the pack in f: its index, and its entries at once when they are few or
// mapped. For a delta, base is the pack it must go with. why says what is wrong when it
// cannot be used; f is then closed.
func (p *packFile) read(f *os.File, mapped bool, identity []byte, base *packFile) (why string) {
	var m []byte
	if mapped {
		m = mapFile(f)
	}
	p.f = f
	p.recs, p.table, p.run, p.id, p.end, why = readIndex(f, m, identity, base != nil)
	if why == "" && base != nil && (p.id != base.id || p.table != base.table || p.run != base.run) {
		why = notThisBase
	}
	if why != "" {
		unmapFile(m)
		f.Close()
		*p = packFile{}
		return why
	}
	p.readEntries(m)
	return ""
}

// inMemory is the size up to which the entries of a pack are read at once (one read
// instead of one per file; 850,000 lines of Python make 1.7 MB of entries); a larger pack
// is read entry by entry, so that memory stays flat.
var inMemory int64 = 32 << 20

// readEntries reads the entries of the pack at once when they are few, or takes them
// from its mapping m (when not nil), however many.
func (p *packFile) readEntries(m []byte) {
	end := int64(headerSize)
	for i := range p.recs {
		end = max(end, p.recs[i].off+p.recs[i].length)
	}
	if m != nil {
		// readIndex checked that every entry lies before the index, within the file.
		p.data, p.text = m[:end], unsafe.String(&m[0], end)
		return
	}
	if end-headerSize > inMemory {
		return
	}
	buf := make([]byte, end)
	if _, err := p.f.ReadAt(buf[headerSize:], headerSize); err == nil {
		// The text shares the bytes, as strings.Builder's does: buf is never written again
		// (only checksummed, and copied into the next pack), and a copy of a whole pack is
		// time and fresh pages a warm run does not have to spend.
		p.data, p.text = buf, unsafe.String(&buf[0], len(buf))
	}
}

// pack returns the pack that holds r's entry.
func (c *Cache) pack(r *record) *packFile {
	if r.inDelta {
		return &c.delta
	}
	return &c.base
}

// packPath returns the path of the pack that holds r's entry, for a notice.
func (c *Cache) packPath(r *record) string {
	if r.inDelta {
		return c.deltaPath
	}
	return c.path
}

// entry returns an entry of the old pack or its delta, checked against its CRC.
func (c *Cache) entry(r *record) (string, bool) {
	p := c.pack(r)
	if p.data != nil {
		data := p.data[r.off : r.off+r.length]
		return p.text[r.off : r.off+r.length], checksum(data) == r.crc
	}
	data := make([]byte, r.length)
	if _, err := p.f.ReadAt(data, r.off); err != nil {
		return "", false
	}
	return string(data), checksum(data) == r.crc
}

// prepare creates the cache directory, with its .gitignore and CACHEDIR.TAG.
// Prepare creates a cache directory as the cache does, with a .gitignore that ignores all of
// it and a CACHEDIR.TAG for backup tools, for the other files buttress keeps there (the
// history's database).
func Prepare(dir string) error { return prepare(dir) }

func prepare(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, text := range map[string]string{".gitignore": gitignoreText, "CACHEDIR.TAG": cachedirTag} {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			continue
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // another run made it
		}
		if err != nil {
			return err
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *Cache) notice(path, format string, args ...any) {
	c.notices = append(c.notices, Notice{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// errText is an error without the path that the notice already shows.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readIndex checks a pack's header and trailer and reads its index: its records, the digest
// of the modules their imports were resolved against, the run digest their vouches are for,
// the pack's id (of a delta: its base's) and where its entries end. why says what is wrong
// when it cannot be used.
func readIndex(f *os.File, m []byte, identity []byte, delta bool) (recs []record, table, run summary.Key, id [baseIDSize]byte, at int64, why string) {
	// part returns n bytes at off: a slice of the mapping when there is one, else read.
	part := func(off, n int64) ([]byte, error) {
		if m != nil {
			return m[off : off+n], nil
		}
		b := make([]byte, n)
		_, err := f.ReadAt(b, off)
		return b, err
	}
	size := int64(len(m))
	if m == nil {
		fi, err := f.Stat()
		if err != nil {
			return nil, table, run, id, 0, fmt.Sprintf("cannot be read (%v)", errText(err))
		}
		size = fi.Size()
	}
	if size < headerSize+trailerSize {
		return nil, table, run, id, 0, "is cut short"
	}
	head, err := part(0, headerSize)
	if err != nil {
		return nil, table, run, id, 0, fmt.Sprintf("cannot be read (%v)", errText(err))
	}
	if string(head[:8]) != headerMagic {
		return nil, table, run, id, 0, "is not a buttress cache"
	}
	if binary.LittleEndian.Uint32(head[8:]) != layoutVersion || !bytes.Equal(head[12:], identity) {
		return nil, table, run, id, 0, "was written by another version of buttress"
	}
	tail, err := part(size-trailerSize, trailerSize)
	if err != nil {
		return nil, table, run, id, 0, fmt.Sprintf("cannot be read (%v)", errText(err))
	}
	if string(tail[24:]) != trailerMagic {
		return nil, table, run, id, 0, "is cut short or damaged (no end marker)"
	}
	indexAt := binary.LittleEndian.Uint64(tail[0:])
	length := binary.LittleEndian.Uint64(tail[8:])
	sum := binary.LittleEndian.Uint32(tail[16:])
	end := uint64(size - trailerSize)
	if indexAt < headerSize || indexAt > end || length != end-indexAt {
		return nil, table, run, id, 0, "is damaged (its index is out of place)"
	}
	buf, err := part(int64(indexAt), int64(length))
	if err != nil {
		return nil, table, run, id, 0, fmt.Sprintf("cannot be read (%v)", errText(err))
	}
	if checksum(buf) != sum {
		return nil, table, run, id, 0, "is damaged (the checksum of its index does not match)"
	}
	d := wire.NewDecoderOwned(buf) // the records' paths and resolved imports share buf
	d.Fixed(table[:])
	d.Fixed(run[:])
	if delta {
		d.Fixed(id[:])
	} else {
		copy(id[:], tail[:baseIDSize])
	}
	n := d.Len(2*sha256.Size + 13)
	recs = make([]record, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		r := &recs[i]
		r.rel = d.String()
		d.Fixed(r.content[:])
		d.Fixed(r.settings[:])
		r.size = int64(d.Uint())
		r.mtime = int64(d.Uint()) // nanoseconds: 64 bits, whatever the size of int
		r.ctime = int64(d.Uint())
		r.off = int64(d.Uint())
		r.length = int64(d.Uint())
		r.crc = uint32(d.Uint())
		r.vouch.Module = d.String()
		r.vouch.Flags = uint8(d.Uint())
		r.resolved = d.String()
		if r.off < headerSize || r.length < 0 || uint64(r.off)+uint64(r.length) > indexAt {
			return nil, table, run, id, 0, "is damaged (an entry is out of place)"
		}
		if r.vouch.Flags >= summary.VouchAnalyzed<<1 || r.vouch.Flags&summary.VouchSet == 0 && (r.vouch.Flags != 0 || r.vouch.Module != "") {
			return nil, table, run, id, 0, "is damaged (a record does not decode)"
		}
	}
	if err := d.Finish(); err != nil {
		return nil, table, run, id, 0, "is damaged (its index does not decode)"
	}
	for i := 1; i < len(recs); i++ {
		if recs[i-1].rel >= recs[i].rel { // finish writes it by path, each path once
			return nil, table, run, id, 0, "is damaged (its index is out of order)"
		}
	}
	return recs, table, run, id, int64(indexAt), ""
}

var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// Get implements summary.Cache.
func (c *Cache) Get(in summary.Input, s *summary.Settings, maxSize int64) summary.Cached {
	old := c.oldIndex[in.Rel]
	var fi stamp
	var content summary.Key
	known := false
	if old != nil {
		// A file with a record: unchanged when its size and times are those recorded (and
		// trusted), and then it is not read at all. A file without one is read right away
		// (readInto takes its size and times): one stat less per file of a first run.
		var statErr error
		fi, statErr = statFile(c.root, in.Path)
		if statErr == nil && maxSize > 0 && fi.size > maxSize {
			return summary.Cached{TooLarge: true}
		}
		if statErr == nil && old.mtime != 0 && fi.size == old.size && fi.mtime == old.mtime && fi.ctime == old.ctime {
			content, known = old.content, true
			// The settings digest the record was stored under is the file's when the
			// record vouches for it (summary.Settings): it need not be made.
			if old.vouch.Flags != 0 && c.runOK {
				if i := s.Which(old.vouch); i >= 0 {
					if r, ok := c.hit(old, fi, i); ok {
						return r
					}
				}
			}
		}
	}
	// read reads the file into a buffer of the pool and hashes it; the buffer goes back to
	// the pool unless the file's text is handed on (a miss).
	var src []byte
	var bufp *[]byte
	defer func() {
		if bufp != nil {
			readBufs.Put(bufp)
		}
	}()
	read := func() *summary.Cached {
		if bufp == nil {
			bufp = readBufs.Get().(*[]byte)
		}
		var err error
		if src, fi, err = readInto(in.Path, bufp, maxSize); err == errTooLarge {
			return &summary.Cached{TooLarge: true}
		} else if err != nil {
			return &summary.Cached{Err: err}
		}
		content = sha256.Sum256(src)
		return nil
	}
	if !known {
		if r := read(); r != nil {
			return *r
		}
	}
	settings := s.Keys()
	if old != nil && content == old.content {
		for i := range settings {
			if settings[i] != old.settings {
				continue
			}
			if v := s.Vouch(i); v != old.vouch {
				old.vouch, old.changed = v, true // vouched for from now on
				c.dirty.Store(true)
			}
			if r, ok := c.hit(old, fi, i); ok {
				return r
			}
			break
		}
	}
	// A miss: the summary is made from the bytes hashed here, so that the key stored is
	// that of the content summarised, whatever happens to the file in between.
	if known {
		if r := read(); r != nil {
			return *r
		}
	}
	size, mtime, ctime := c.trusted(fi)
	// The text is parsed from the buffer itself, which leaves the pool with it (no copy of
	// every file of a first run): it is never written again.
	var text string
	if len(src) > 0 {
		text = unsafe.String(&src[0], len(src))
	}
	bufp = nil
	r := &record{rel: in.Rel, content: content, settings: settings[0], vouch: s.Vouch(0), size: size, mtime: mtime, ctime: ctime}
	return summary.Cached{Src: text, Put: func(data []byte) { c.put(r, data) }}
}

// hit returns the entry of old, stored under the settings digest settings[which] of Get,
// for a file of stat fi whose content is old's; not ok when the entry is damaged (noted).
func (c *Cache) hit(old *record, fi stamp, which int) (summary.Cached, bool) {
	data, ok := c.entry(old)
	if !ok {
		c.damaged(old)
		return summary.Cached{}, false
	}
	old.used = true
	c.used.Add(1)
	if size, mtime, ctime := c.trusted(fi); size != old.size || mtime != old.mtime || ctime != old.ctime {
		old.size, old.mtime, old.ctime, old.changed = size, mtime, ctime, true
		c.dirty.Store(true) // the next run need not hash it again
	}
	return summary.Cached{Hit: true, Data: data, Which: which}, true
}

// SetTable gives the digest of the modules that this run resolves imports against (what
// imports.Resolve depends on beside the file's summary: the module names of the project, and
// the target version's standard library): the resolved imports kept by the last run serve
// only when it resolved against the same. It must be called before Resolved and SetResolved.
func (c *Cache) SetTable(table summary.Key) {
	c.table = table
	c.tableOK = c.oldIndex != nil && c.base.table == table
}

// SetRun implements summary.Cache: run is the digest of what the settings digests of this
// run depend on but each file's Vouch. The records of a base (and its delta) written under
// the same run digest are vouched for by their vouch; under another, their vouches are
// dropped, and made again as the files are got. It must be called before Get.
func (c *Cache) SetRun(run summary.Key) {
	c.run = run
	c.runOK = run != summary.Key{} && c.oldIndex != nil && c.base.run == run
	if !c.runOK {
		for _, r := range c.oldIndex {
			r.vouch = summary.Vouch{}
		}
	}
}

// Resolved returns the resolved imports (imports.AppendPart) kept for the file at rel, when
// its summary was a hit of this run (the same content, under the same settings) and they
// were resolved against the same modules (SetTable). It is called from several goroutines,
// each for the files it got.
func (c *Cache) Resolved(rel string) (string, bool) {
	if !c.tableOK {
		return "", false
	}
	if r := c.oldIndex[rel]; r != nil && r.used && r.resolved != "" {
		return r.resolved, true
	}
	return "", false
}

// SetResolved keeps the resolved imports of the file at rel, got by this run (its summary a
// hit or stored), for the next run. A file that the cache does not hold is left out.
func (c *Cache) SetResolved(rel string, data []byte) {
	if r := c.oldIndex[rel]; r != nil && r.used {
		r.resolved, r.fresh, r.changed = string(data), true, true // only this file's goroutine touches r
		c.dirty.Store(true)
		return
	}
	c.mu.Lock()
	if r := c.next[rel]; r != nil {
		r.resolved, r.fresh = string(data), true
	}
	c.mu.Unlock()
}

// errTooLarge: the file is larger than the size limit, and was not read.
var errTooLarge = errors.New("larger than the size limit")

// stamp is what a file's stat says of its content: its size, and its modification and change
// times in nanoseconds (ctime 0 where unknown); ok is false when it was not stat'ed.
type stamp struct {
	size, mtime, ctime int64
	ok                 bool
}

// trusted returns the size and times to record for a file: zeros when its time is too
// recent to vouch for its content next time (or unknown).
func (c *Cache) trusted(fi stamp) (size, mtime, ctime int64) {
	if !fi.ok || fi.mtime == 0 || fi.mtime >= c.start.Add(-racyWindow).UnixNano() {
		return 0, 0, 0
	}
	return fi.size, fi.mtime, fi.ctime
}

// damaged notes a damaged entry: one notice, and the pack is written again without it.
func (c *Cache) damaged(r *record) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dirty.Store(true)
	if !c.bad {
		c.bad = true
		c.notice(c.packPath(r), "is damaged (the entry of %s does not match its checksum): rebuilding that entry", r.rel)
	}
}

// Bad implements summary.Cache.
func (c *Cache) Bad(in summary.Input, err error) {
	path := c.path
	if r := c.oldIndex[in.Rel]; r != nil && r.used {
		r.used = false
		c.used.Add(-1)
		path = c.packPath(r)
	}
	c.dirty.Store(true)
	c.mu.Lock()
	if !c.bad {
		c.bad = true
		c.notice(path, "is damaged (%v): rebuilding that entry", err)
	}
	c.mu.Unlock()
}

// put appends a new entry to the pack being written.
func (c *Cache) put(r *record, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dirty.Store(true)
	if c.failed || !c.begin() {
		return
	}
	r.off, r.length, r.crc = c.off, int64(len(data)), checksum(data)
	if _, err := c.w.Write(data); err != nil {
		c.fail(err)
		return
	}
	c.off += int64(len(data))
	c.next[r.rel] = r
}

// begin creates the new pack, once; it reports whether there is one.
func (c *Cache) begin() bool {
	if c.tmp != nil {
		return true
	}
	f, err := os.CreateTemp(c.dir, packPrefix+"*"+tmpSuffix)
	if err != nil {
		c.fail(err)
		return false
	}
	_ = f.Chmod(0o644) // as the other files of the directory, rather than CreateTemp's 0600
	c.tmp, c.w = f, bufio.NewWriterSize(f, 64<<10)
	var head [headerSize]byte
	copy(head[:], headerMagic)
	binary.LittleEndian.PutUint32(head[8:], layoutVersion)
	copy(head[12:], c.identity)
	if _, err := c.w.Write(head[:]); err != nil {
		c.fail(err)
		return false
	}
	c.off = headerSize
	return true
}

func (c *Cache) fail(err error) {
	if !c.failed {
		c.failed = true
		c.notices = append(c.notices, Notice{Path: c.dir, Msg: fmt.Sprintf("cannot be written (%v): this run's summaries are not kept", errText(err))})
	}
	if c.tmp != nil {
		c.tmp.Close()
		os.Remove(c.tmp.Name())
		c.tmp, c.w = nil, nil
	}
}

// Close writes what changed, and returns the notices of the run. A run that changed little
// beside the base pack writes a delta (see deltaWorthIt): its new entries, those of the old
// delta it used, and those of the base whose records it changed, with their index; the
// base stays as it is. Any other run writes a new base pack: the new entries, the old ones
// still in use, and the index; then it replaces the old pack with it and removes the delta.
func (c *Cache) Close() []Notice {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeRoot() // Get is not called after Close
	if c.oldIndex != nil {
		defer c.closeOld()
		if int(c.used.Load()) != len(c.oldIndex) {
			c.dirty.Store(true) // entries of files changed or gone
		}
	}
	if !c.dirty.Load() {
		// Nothing new: mark the pack as used, for pruning.
		now := time.Now()
		_ = os.Chtimes(c.path, now, now)
		return c.notices
	}
	if c.failed || !c.begin() {
		return c.notices
	}
	delta := c.deltaWorthIt()
	fromBase, fromDelta := c.kept(delta)
	if err := c.copyFrom(&c.base, fromBase); err != nil {
		c.fail(err)
		return c.notices
	}
	if err := c.copyFrom(&c.delta, fromDelta); err != nil {
		c.fail(err)
		return c.notices
	}
	c.closeOld() // before the rename: some systems do not replace a file that is open
	if err := c.finish(mergeByRel(fromBase, fromDelta), delta); err != nil {
		c.fail(err)
		return c.notices
	}
	if delta {
		now := time.Now()
		_ = os.Chtimes(c.path, now, now) // the base is in use, for pruning
	} else {
		// The new base holds what the delta held. (A concurrent run's delta for it, if
		// it came in between, goes too: entries lost, never wrong ones.)
		os.Remove(c.deltaPath)
	}
	c.prune()
	return c.notices
}

// deltaMax is the largest share of the base pack's entries that a delta holds, and that the
// base holds of no more use (entries replaced, changed or not used by the run): beyond it, a
// run writes a new base. (A warm run after an edit in the bench project, 850,000 lines, wrote
// a new 2.3 MB pack every time before deltas: 4-5 ms of its 100 ms of CPU.)
var deltaMax = 0.25

// deltaWorthIt says whether this run writes a delta rather than a new base: when there is
// a base, its resolved imports hold for this run (the same modules), and both what the
// delta would hold and what the base holds of no more use are small beside it (deltaMax).
func (c *Cache) deltaWorthIt() bool {
	if c.base.f == nil || c.table != c.base.table || c.run != c.base.run {
		return false
	}
	news := c.off - headerSize // the new entries, written already
	dead := int64(0)
	for i := range c.base.recs {
		r := &c.base.recs[i]
		if !r.used || r.changed { // replaced by the delta's, not used, or written again
			dead += r.length
		}
		if r.used && r.changed {
			news += r.length
		}
	}
	for i := range c.delta.recs {
		if r := &c.delta.recs[i]; r.used {
			news += r.length
		}
	}
	size := float64(c.base.end - headerSize)
	return float64(news) <= deltaMax*size && float64(dead) <= deltaMax*size
}

// kept returns the records of the old base and of the old delta whose entries the pack
// being written holds again, each by path: for a new base, every one still in use; for a
// delta, those of the delta still in use and those of the base that this run changed.
func (c *Cache) kept(delta bool) (fromBase, fromDelta []*record) {
	for i := range c.base.recs {
		if r := &c.base.recs[i]; r.used && (!delta || r.changed) {
			fromBase = append(fromBase, r)
		}
	}
	for i := range c.delta.recs {
		if r := &c.delta.recs[i]; r.used {
			fromDelta = append(fromDelta, r)
		}
	}
	return fromBase, fromDelta
}

// mergeByRel merges two lists of records sorted by path, whose paths differ.
func mergeByRel(a, b []*record) []*record {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]*record, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].rel < b[0].rel {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// Abandon closes the cache without writing anything: for a run that stops before
// summarising (its files could not be discovered), which must not drop every entry.
func (c *Cache) Abandon() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeRoot()
	c.closeOld()
	if c.tmp != nil {
		c.tmp.Close()
		os.Remove(c.tmp.Name())
		c.tmp, c.w = nil, nil
	}
}

// closeRoot lets the root's descriptor go, once.
func (c *Cache) closeRoot() {
	c.root.close()
	c.root = nil
}

func (c *Cache) closeOld() {
	c.base.close()
	c.delta.close()
}

// copyFrom copies the entries of olds from the pack p into the pack being written, and sets
// their places there.
func (c *Cache) copyFrom(p *packFile, olds []*record) error {
	if len(olds) == 0 {
		return nil
	}
	if p.data != nil {
		// Entries that follow each other in the old pack are written with one call: after a
		// run that kept all but a few, the old ones are in the index's order, and the write
		// then goes from the old pack's bytes to the file with no copy into the buffer.
		start, end := int64(0), int64(0)
		for _, r := range olds {
			if r.off != end {
				if _, err := c.w.Write(p.data[start:end]); err != nil {
					return err
				}
				start = r.off
			}
			end = r.off + r.length
			r.off = c.off
			c.off += r.length
		}
		_, err := c.w.Write(p.data[start:end])
		return err
	}
	// Read from the file: in the order of the old pack, sequentially.
	olds = slices.Clone(olds)
	slices.SortFunc(olds, func(a, b *record) int { return cmp.Compare(a.off, b.off) })
	for _, r := range olds {
		if _, err := io.Copy(c.w, io.NewSectionReader(p.f, r.off, r.length)); err != nil {
			return err
		}
		r.off = c.off
		c.off += r.length
	}
	return nil
}

// finish writes the index (the records kept and the new ones, by path) and the trailer, and
// renames the pack written over the base pack, or over its delta.
func (c *Cache) finish(kept []*record, delta bool) error {
	target := c.path
	if delta {
		target = c.deltaPath
	}
	added := make([]*record, 0, len(c.next))
	for _, r := range c.next {
		added = append(added, r)
	}
	slices.SortFunc(added, func(a, b *record) int { return strings.Compare(a.rel, b.rel) })
	// A file's record is old or new, never both: a hit keeps the old one.
	recs := mergeByRel(kept, added)
	// The index is written as it is encoded, a few KB at a time, its checksum and length
	// counted on the way (whole, it was a megabyte of fresh pages for the bench project).
	e := &wire.Encoder{B: make([]byte, 0, 16<<10)}
	var sum uint32
	length := 0
	flush := func() error {
		sum = checksumUpdate(sum, e.B)
		length += len(e.B)
		_, err := c.w.Write(e.B)
		e.B = e.B[:0]
		return err
	}
	e.Fixed(c.table[:])
	e.Fixed(c.run[:])
	if delta {
		e.Fixed(c.base.id[:])
	}
	e.Len(len(recs))
	for _, r := range recs {
		e.String(r.rel)
		e.Fixed(r.content[:])
		e.Fixed(r.settings[:])
		e.Uint(uint64(r.size))
		e.Uint(uint64(r.mtime))
		e.Uint(uint64(r.ctime))
		e.Uint(uint64(r.off))
		e.Uint(uint64(r.length))
		e.Uint(uint64(r.crc))
		e.String(r.vouch.Module)
		e.Uint(uint64(r.vouch.Flags))
		if c.tableOK || r.fresh {
			e.String(r.resolved)
		} else {
			e.String("") // resolved against other modules: not kept
		}
		if len(e.B) >= 12<<10 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	var tail [trailerSize]byte
	binary.LittleEndian.PutUint64(tail[0:], uint64(c.off))
	binary.LittleEndian.PutUint64(tail[8:], uint64(length))
	binary.LittleEndian.PutUint32(tail[16:], sum)
	copy(tail[24:], trailerMagic)
	if _, err := c.w.Write(tail[:]); err != nil {
		return err
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	name := c.tmp.Name()
	err := c.tmp.Close()
	c.tmp, c.w = nil, nil
	if err == nil {
		err = os.Rename(name, target)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// prune removes the least recently used packs beyond keepPacks with their deltas, the
// deltas whose pack is gone, and the unfinished packs of runs that stopped more than an hour
// ago.
func (c *Cache) prune() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type pack struct {
		path string
		t    time.Time
	}
	var packs []pack
	var deltas []string
	names := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, packPrefix) {
			continue
		}
		names[name] = true
		p := filepath.Join(c.dir, name)
		switch {
		case strings.HasSuffix(name, deltaSuffix):
			deltas = append(deltas, name)
		case strings.HasSuffix(name, tmpSuffix):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.Remove(p)
			}
		case strings.HasSuffix(name, packSuffix) && p != c.path:
			if info, err := e.Info(); err == nil {
				packs = append(packs, pack{p, info.ModTime()})
			}
		}
	}
	for _, d := range deltas {
		if !names[strings.TrimSuffix(d, deltaSuffix)+packSuffix] {
			os.Remove(filepath.Join(c.dir, d))
		}
	}
	if len(packs) < keepPacks {
		return
	}
	sort.Slice(packs, func(i, j int) bool { return packs[i].t.After(packs[j].t) })
	for _, p := range packs[keepPacks-1:] {
		os.Remove(p.path)
		os.Remove(strings.TrimSuffix(p.path, packSuffix) + deltaSuffix)
	}
}

// Cleaned is what Clean removed.
type Cleaned struct {
	Existed bool     // there was a cache directory
	Files   int      // files removed: packs, unfinished packs, .gitignore, CACHEDIR.TAG
	Bytes   int64    // their size
	Dir     bool     // the directory was removed too (it held nothing else)
	Others  int      // packs of other projects left in a shared directory
	Left    []string // the names of what the directory still holds that buttress did not write
}

// Clean removes the cache of the project at root from dir: the files buttress wrote there,
// then the directory when nothing else is left in it. What it did not write it leaves, so
// that a cache-dir set to a directory that holds other things by mistake loses nothing but
// buttress's files; in a directory outside the project (shared by several), it removes only
// this project's packs.
func Clean(dir, root string) (Cleaned, error) {
	var c Cleaned
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	c.Existed = true
	tag := projectTag(dir, root)
	remove := func(e fs.DirEntry) error {
		info, err := e.Info()
		if err == nil {
			c.Bytes += info.Size()
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		c.Files++
		return nil
	}
	var marks []fs.DirEntry // .gitignore and CACHEDIR.TAG, when they are buttress's
	for _, e := range entries {
		name := e.Name()
		pack := e.Type().IsRegular() && strings.HasPrefix(name, packPrefix) && (strings.HasSuffix(name, packSuffix) || strings.HasSuffix(name, deltaSuffix) || strings.HasSuffix(name, tmpSuffix))
		listings := e.Type().IsRegular() && strings.HasPrefix(name, listingsPrefix) && (strings.HasSuffix(name, listingsSuffix) || strings.HasSuffix(name, tmpSuffix))
		switch {
		case listings && (tag == "" || name == listingsPrefix+tag+listingsSuffix || strings.HasPrefix(name, listingsPrefix+tag+listingsSuffix) && strings.HasSuffix(name, tmpSuffix)):
			if err := remove(e); err != nil {
				return c, err
			}
		case listings:
			c.Others++
		case pack && (tag == "" || strings.HasSuffix(name, tag+packSuffix) || strings.HasSuffix(name, tag+deltaSuffix)):
			if err := remove(e); err != nil {
				return c, err
			}
		case pack:
			c.Others++
		case e.Type().IsRegular() && (name == ".gitignore" || name == "CACHEDIR.TAG"):
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err == nil && (string(b) == gitignoreText || string(b) == cachedirTag) {
				marks = append(marks, e)
			} else {
				c.Left = append(c.Left, name)
			}
		default:
			c.Left = append(c.Left, name)
		}
	}
	if c.Others > 0 || len(c.Left) > 0 {
		return c, nil
	}
	for _, e := range marks {
		if err := remove(e); err != nil {
			return c, err
		}
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return c, err
	}
	c.Dir = true
	return c, nil
}
