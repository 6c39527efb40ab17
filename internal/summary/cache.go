package summary

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/buttresspy/buttress/internal/analysis"
)

// Key is a SHA-256 digest: of the settings a file is summarised with (Settings), or of a
// file's content.
type Key [sha256.Size]byte

// Cache keeps files' summaries from one run to the next (internal/cache). A summary is
// stored under the digest of the file's content and of its settings (see Options.Cache):
// the same bytes summarised the same way give the same summary.
type Cache interface {
	// SetRun gives the digest of what the settings digests of the run's files depend on but
	// the files' own Vouch (zero when the run has none: see Settings), before Get is called.
	SetRun(run Key)
	// Get looks for the summary of the file in, stored for its present content under one of
	// the settings digests of s (a hit: Cached.Data), or reads the file (a miss: Cached.Src,
	// or Cached.Err). A file larger than maxSize (when positive) is neither read nor looked
	// up: Cached.TooLarge. It is called from several goroutines.
	Get(in Input, s *Settings, maxSize int64) Cached
	// Bad tells the cache that the data of a hit does not decode: it drops the entry.
	Bad(in Input, err error)
}

// Settings is a file's settings for Cache.Get: the digests its summary may be stored under
// (Keys), made only when asked, and what vouches for them (Which, Vouch). A cache that
// records, with an entry, the Vouch of the digest it was stored under, in a run of the same
// run digest (Cache.SetRun), knows the entry's digest without making the file's: the digest
// of a file's settings is a digest of the run's and of the file's Vouch. (Making the digests
// of the 4,628 files of the 850k-line bench project was 8% of a warm run's CPU time: the
// matching of per-file-ignores and scopes on each path, and two SHA-256 blocks.)
type Settings struct {
	run     Key
	in      Input
	analyze bool
	second  bool   // a second digest: of the settings with the rules and metrics run
	k       *keyer // makes the digests; nil when they were given (NewSettings)
	keys    [2]Key
	n       int // how many of keys are made: 0 until Keys is called
}

// NewSettings returns the Settings of the file in whose digests are keys (a second one when
// the rules do not run on it, analyze false: see Keys), in a run of digest run: for the
// tests of a Cache.
func NewSettings(run Key, in Input, analyze bool, keys ...Key) *Settings {
	s := &Settings{run: run, in: in, analyze: analyze, second: len(keys) > 1, n: len(keys)}
	copy(s.keys[:], keys)
	return s
}

// Vouch is what the settings digest of a file depends on besides the run's: its module name,
// whether it is a package or a stub, and whether the rules and metrics ran on it. The zero
// Vouch vouches for nothing.
type Vouch struct {
	Module string
	Flags  uint8 // VouchSet, with VouchPackage, VouchStub, VouchAnalyzed
}

// The flags of a Vouch.
const (
	VouchSet      = 1 << iota // a Vouch, not the zero one
	VouchPackage              // the file is a package's __init__
	VouchStub                 // the file is a stub
	VouchAnalyzed             // the digest is of the settings with the rules and metrics run
)

// Keys returns the digests of the file's settings that its summary may be stored under, the
// first the one that a new summary is stored under; a second one, when the rules and metrics
// do not run on the file (Options.Only), is that of the settings with them (a summary of a
// run that analysed the file serves too, without its findings and metrics).
func (s *Settings) Keys() []Key {
	if s.n == 0 {
		s.keys[0] = s.k.settings(s.in, s.analyze)
		s.n = 1
		if s.second {
			s.keys[1] = s.k.settings(s.in, true)
			s.n = 2
		}
	}
	return s.keys[:s.n]
}

// Vouch returns the Vouch of the i-th digest of Keys: the zero Vouch when the run has none.
func (s *Settings) Vouch(i int) Vouch {
	if s.run == (Key{}) {
		return Vouch{}
	}
	v := Vouch{Module: s.in.Module, Flags: VouchSet}
	if s.in.Package {
		v.Flags |= VouchPackage
	}
	if s.in.Stub {
		v.Flags |= VouchStub
	}
	if i > 0 || s.analyze {
		v.Flags |= VouchAnalyzed
	}
	return v
}

// Which returns the index in Keys of the digest that v vouches for, in a run of the same
// run digest, or -1 when it is none of them (or the run has no run digest): the digest
// whose Vouch is v.
func (s *Settings) Which(v Vouch) int {
	if v.Flags&VouchSet == 0 {
		return -1 // the zero Vouch, which Vouch also gives when the run has no run digest
	}
	n := 1
	if s.second {
		n = 2
	}
	for i := range n {
		if s.Vouch(i) == v {
			return i
		}
	}
	return -1
}

// Cached is what Cache.Get found.
type Cached struct {
	Hit      bool
	TooLarge bool   // the file is larger than the maxSize of Get: nothing was read
	Data     string // a hit: the summary's encoding (Encode), which the summary may keep slices of
	Which    int    // a hit: the index in settings of the settings it was stored under
	// Src is the file's content, read on a miss; Err is set instead when it cannot be read.
	Src string
	Err error
	// Put, on a miss, stores the encoding of the summary made from Src under settings[0].
	Put func(data []byte)
}

// keyer computes the settings digests of the files of one run.
type keyer struct {
	opts   Options
	base   []byte // what every file shares: the encoding, the target version, the rules
	rules  []ruleKey
	ok     bool // every rule's options can be fingerprinted: the cache can be used
	reason string

	// classes memoises which rules per-file-ignores and scopes leave to run, and their
	// encoding, by the class of the file's Ignores (analysis.Ignores.AppendClass): most
	// files share a few classes. Read without a lock (every file of a run asks, from several
	// goroutines: a read lock's counter went from core to core), replaced whole under mu
	// when a class is added.
	classes atomic.Pointer[map[string]*ruleClass]
	mu      sync.Mutex
	all     *ruleClass // every rule runs
	// preds says whether an option asks about the module (then the bits are made for each
	// file).
	preds bool
	// run is the digest of everything the settings digest of a file depends on but its
	// Vouch: the base, which rules do not run on generated files, what the options that ask
	// about the module answer (their IDs: analysis.ModulePredicate) and what Options.Ignored
	// answers (Options.IgnoredID); zero when that cannot be told (a predicate without an ID,
	// or ignores without IgnoredID).
	run Key
}

// ruleClass is which rules run on the files of a class (runs[i]: opts.Rules[i]), and its
// encoding in the settings digest when no option asks about the module.
type ruleClass struct {
	runs []bool
	// prefix is the digest of the base and of which rules run: the start of the settings
	// digest of each file of the class when no option asks about the module.
	prefix Key
}

type ruleKey struct {
	notOnGenerated bool   // IgnoredGenerated says so
	preds          []pred // options that depend on the module (MypyRequires)
}

// pred is an option that answers for each module: fn (nil when not set), and id, a digest
// of its answers (analysis.ModulePredicate.ID), nil when it has none.
type pred struct {
	fn func(string) bool
	id []byte
}

func newKeyer(opts Options) *keyer {
	k := &keyer{opts: opts, ok: true}
	h := sha256.New()
	fmt.Fprintf(h, "buttress summary %d\x00target %d\x00metrics %t\x00", EncodingVersion, opts.TargetVersion, opts.Metrics)
	fmt.Fprintf(h, "ignored %t generated %t usage %t entities %t\x00", opts.Ignored != nil, opts.IgnoredGenerated != nil, opts.Usage, opts.Entities)
	for _, r := range opts.Rules {
		rk := ruleKey{notOnGenerated: opts.IgnoredGenerated != nil && opts.IgnoredGenerated(r.Code, r.Name)}
		fmt.Fprintf(h, "rule %s %s %t\x00", r.Code, r.Name, r.PerFile())
		if err := fingerprint(h, reflect.ValueOf(r.Options), &rk.preds); err != nil {
			k.ok, k.reason = false, fmt.Sprintf("the options of %s: %v", r.Code, err)
		}
		k.rules = append(k.rules, rk)
	}
	k.base = h.Sum(nil)
	all := make([]bool, len(opts.Rules))
	for i := range all {
		all[i] = true
	}
	k.all = k.newClass(all)
	identified := true // every option that asks about the module says what it answers
	for _, rk := range k.rules {
		for _, p := range rk.preds {
			k.preds = k.preds || p.fn != nil
			identified = identified && (p.fn == nil || p.id != nil)
		}
	}
	if identified && (opts.Ignored == nil || opts.IgnoredID != nil) {
		b := append(append([]byte(nil), k.base...), "run\x00"...)
		for _, rk := range k.rules {
			b = append(b, flag(rk.notOnGenerated))
			for _, p := range rk.preds {
				b = append(b, flag(p.fn != nil))
				b = appendString(b, string(p.id))
			}
		}
		b = append(b, flag(opts.Ignored != nil))
		b = appendString(b, string(opts.IgnoredID))
		k.run = sha256.Sum256(b)
	}
	return k
}

// Profile names the settings that every file of a run shares (the encoding's version, the
// target Python version, whether metrics are computed, the rules and their options): a cache
// keeps the summaries of each profile apart, so that commands that summarise differently
// (check, metrics, graph) do not replace each other's entries. It is "" when the options
// cannot be fingerprinted, and then summaries are not cached.
func Profile(opts Options) string {
	k := newKeyer(opts)
	if !k.ok {
		return ""
	}
	return hex.EncodeToString(k.base[:8])
}

// settings returns the digest of everything but the file's content and path that its summary
// depends on: the shared settings (base), what the file is (its module name, package and stub
// flags, against which imports are resolved), and, when rules and metrics run on it
// (analyze), which rules run there (after per-file-ignores and scopes, and after the scope of
// generated files, since whether the file is generated depends on its content), with the
// answers of their options for its module. The path is not in it: the cache keeps one record
// a path and finds it by the path (Cache.Get), so a record is never asked for by another
// path, and what the path decides (the rules that run there, its module) is in the digest.
// (The path was hashed here too until the 850k-line bench project showed the digest at a
// tenth of a warm run's CPU time.)
func (k *keyer) settings(in Input, analyze bool) Key {
	var arr [256]byte
	var b []byte
	switch {
	case analyze && len(k.opts.Rules) > 0 && !k.preds:
		// Without options that ask the module, the answers are those of the class: its
		// digest with the base stands for both.
		b = append(arr[:0], k.ruleRuns(in.Rel).prefix[:]...)
	case analyze && len(k.opts.Rules) > 0:
		b = append(arr[:0], k.base...)
		b = append(b, 'p')
		runs := k.ruleRuns(in.Rel).runs
		for i := range k.opts.Rules {
			rk := &k.rules[i]
			bits := uint64(0)
			if runs[i] {
				bits |= 1
				if !rk.notOnGenerated {
					bits |= 2
				}
				for j, p := range rk.preds {
					if p.fn != nil && p.fn(in.Module) {
						bits |= 4 << j
					}
				}
			}
			b = binary.AppendUvarint(b, bits)
		}
	default:
		b = append(arr[:0], k.base...)
		b = append(b, 'n')
	}
	b = appendString(b, in.Module)
	b = append(b, flag(in.Package), flag(in.Stub), flag(analyze))
	return sha256.Sum256(b)
}

// newClass makes the class of the files on which the rules of runs run, with its prefix.
func (k *keyer) newClass(runs []bool) *ruleClass {
	b := append(append([]byte(nil), k.base...), 'c')
	for i := range k.opts.Rules {
		v := uint64(0)
		if runs[i] {
			v = 1
			if !k.rules[i].notOnGenerated {
				v |= 2
			}
		}
		b = binary.AppendUvarint(b, v)
	}
	return &ruleClass{runs: runs, prefix: sha256.Sum256(b)}
}

// ruleRuns returns the class of the file at rel: which of the rules run on it after
// per-file-ignores and scopes (every one when no option ignores any).
func (k *keyer) ruleRuns(rel string) *ruleClass {
	if k.opts.Ignored == nil {
		return k.all
	}
	ig := k.opts.Ignored(rel)
	var arr [256]byte
	class := ig.AppendClass(arr[:0])
	if m := k.classes.Load(); m != nil {
		if c, ok := (*m)[string(class)]; ok {
			return c
		}
	}
	runs := make([]bool, len(k.opts.Rules))
	for i, r := range k.opts.Rules {
		runs[i] = !ig.Ignored(r.Code, r.Name)
	}
	c := k.newClass(runs)
	k.mu.Lock()
	defer k.mu.Unlock()
	next := map[string]*ruleClass{string(class): c}
	if old := k.classes.Load(); old != nil {
		if had, ok := (*old)[string(class)]; ok {
			return had
		}
		for key, v := range *old {
			next[key] = v
		}
	}
	k.classes.Store(&next)
	return c
}

func flag(v bool) byte {
	if v {
		return 1
	}
	return 0
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func writeString(h hash.Hash, s string) {
	h.Write(appendString(nil, s))
}

// fingerprint writes a rule's options value to h: its type and every field, so that any
// option that changes makes another digest. A predicate on the module (a field of type
// analysis.ModulePredicate, such as typ.Options.MypyRequires, or func(string) bool) is
// collected in preds: what counts is its answer for each file's module, and its ID (not
// written to h: a change of mypy's configuration keeps the profile, and changes the digests
// of the files whose answers change). Any other function, channel or unsafe pointer cannot be
// fingerprinted: an error.
func fingerprint(h hash.Hash, v reflect.Value, preds *[]pred) error {
	if !v.IsValid() {
		h.Write([]byte("nil\x00"))
		return nil
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			fmt.Fprintf(h, "nil %s\x00", t)
			return nil
		}
		fmt.Fprintf(h, "%s\x00", t)
		return fingerprint(h, v.Elem(), preds)
	case reflect.Struct:
		if t == reflect.TypeFor[analysis.ModulePredicate]() {
			if !v.CanInterface() {
				return fmt.Errorf("an unexported predicate")
			}
			mp := v.Interface().(analysis.ModulePredicate)
			fmt.Fprintf(h, "pred %d %t\x00", len(*preds), mp.Func == nil)
			*preds = append(*preds, pred{mp.Func, mp.ID})
			return nil
		}
		fmt.Fprintf(h, "%s{", t)
		for i := 0; i < t.NumField(); i++ {
			fmt.Fprintf(h, "%s:", t.Field(i).Name)
			if err := fingerprint(h, v.Field(i), preds); err != nil {
				return fmt.Errorf("%s: %w", t.Field(i).Name, err)
			}
		}
		h.Write([]byte("}"))
	case reflect.Slice, reflect.Array:
		fmt.Fprintf(h, "[%d ", v.Len())
		for i := 0; i < v.Len(); i++ {
			if err := fingerprint(h, v.Index(i), preds); err != nil {
				return err
			}
		}
		h.Write([]byte("]"))
	case reflect.Map:
		keys := v.MapKeys()
		s := make([]string, len(keys))
		for i, key := range keys {
			s[i] = fmt.Sprint(key.Interface())
		}
		sort.Sort(byString{keys, s})
		fmt.Fprintf(h, "map[%d ", len(keys))
		for _, key := range keys {
			if err := fingerprint(h, key, preds); err != nil {
				return err
			}
			if err := fingerprint(h, v.MapIndex(key), preds); err != nil {
				return err
			}
		}
		h.Write([]byte("]"))
	case reflect.String:
		writeString(h, v.String())
	case reflect.Bool:
		fmt.Fprintf(h, "%t\x00", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fmt.Fprintf(h, "%d\x00", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		fmt.Fprintf(h, "%d\x00", v.Uint())
	case reflect.Float32, reflect.Float64:
		h.Write([]byte(strconv.FormatUint(math.Float64bits(v.Float()), 16) + "\x00"))
	case reflect.Func:
		if v.Type() != reflect.TypeFor[func(string) bool]() {
			return fmt.Errorf("a function of type %s", t)
		}
		fmt.Fprintf(h, "pred %d %t\x00", len(*preds), v.IsNil())
		var p func(string) bool
		if !v.IsNil() {
			if !v.CanInterface() {
				return fmt.Errorf("an unexported predicate")
			}
			p = v.Interface().(func(string) bool)
		}
		*preds = append(*preds, pred{fn: p})
	default:
		return fmt.Errorf("a value of kind %s", v.Kind())
	}
	return nil
}

// byString sorts map keys by their printed form.
type byString struct {
	keys []reflect.Value
	s    []string
}

func (b byString) Len() int           { return len(b.s) }
func (b byString) Less(i, j int) bool { return b.s[i] < b.s[j] }
func (b byString) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.s[i], b.s[j] = b.s[j], b.s[i]
}

// summarizeCached summarises in through the cache: a hit is decoded, a miss summarised and
// stored. It returns nil when the cache cannot serve (a hit that does not decode), and the
// caller summarises without it.
func summarizeCached(in Input, opts Options, k *keyer, sc *scratch) *File {
	analyze := opts.Only == nil || opts.Only(in.Rel)
	second := !analyze && (len(opts.Rules) > 0 || opts.Metrics)
	sc.settings = Settings{run: k.run, in: in, analyze: analyze, second: second, k: k}
	c := opts.Cache.Get(in, &sc.settings, opts.MaxFileSize)
	switch {
	case c.TooLarge:
		return nil // too large to read, hash or cache: summarizeOne reports it
	case c.Hit:
		f, err := decode(in, c.Data)
		if err != nil {
			opts.Cache.Bad(in, err)
			return nil
		}
		if c.Which > 0 {
			f.Findings, f.Suppressions, f.Metrics, f.Excerpt = nil, nil, nil, nil
		}
		return f
	case c.Err != nil:
		return &File{Input: in, ReadError: readErrorText(c.Err)}
	}
	f := fromSource(&File{Input: in}, c.Src, opts, sc)
	if c.Put != nil {
		c.Put(f.Encode(nil))
	}
	return f
}
