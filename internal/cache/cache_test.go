package cache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/summary"
)

var (
	identityA = Identity("test A")
	identityB = Identity("test B")
	settings1 = summary.Key(sha256.Sum256([]byte("settings 1")))
	settings2 = summary.Key(sha256.Sum256([]byte("settings 2")))
)

// fixture is a directory of files to cache, with an old modification time (so that the
// cache trusts their size and time) unless a test changes it.
type fixture struct {
	t      *testing.T
	dir    string
	mapped bool // its runs map the pack (OpenMapped)
	// runKey is the run digest of its runs (Cache.SetRun): zero, no record vouches for its
	// settings, unless a test sets it.
	runKey summary.Key
}

// mapPacks makes the fixtures of newProject map their packs: set by a test's "pack mapped"
// subtest (the package's tests do not run in parallel).
var mapPacks bool

func newProject(t *testing.T) *fixture {
	return &fixture{t: t, dir: t.TempDir(), mapped: mapPacks}
}

// mapped runs test with the fixtures mapping their packs.
func mapped(test func(t *testing.T)) func(t *testing.T) {
	return func(t *testing.T) {
		defer func() { mapPacks = false }()
		mapPacks = true
		test(t)
	}
}

// deltas runs test with every run that can write a delta writing one, however much changed.
func deltas(test func(t *testing.T)) func(t *testing.T) {
	return func(t *testing.T) {
		defer func(v float64) { deltaMax = v }(deltaMax)
		deltaMax = math.Inf(1)
		test(t)
	}
}

func (p *fixture) write(rel, content string) summary.Input {
	p.t.Helper()
	path := filepath.Join(p.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		p.t.Fatal(err)
	}
	return summary.Input{Path: path, Rel: rel}
}

func (p *fixture) cacheDir() string { return filepath.Join(p.dir, DirName) }

// run opens the cache, gets every input under settings, stores "summary of CONTENT" for
// each miss, and closes it. It returns what each input got ("hit DATA" or "miss") and the
// notices.
func (p *fixture) run(identity []byte, inputs []summary.Input, settings ...summary.Key) ([]string, []Notice) {
	p.t.Helper()
	c, notices := open(p.cacheDir(), p.dir, "test", identity, p.mapped)
	if c == nil {
		p.t.Fatalf("no cache: %v", notices)
	}
	c.SetRun(p.runKey)
	var got []string
	for _, in := range inputs {
		r := c.Get(in, summary.NewSettings(p.runKey, in, len(settings) == 1, settings...), 0)
		switch {
		case r.Hit:
			got = append(got, fmt.Sprintf("hit%d %s", r.Which, r.Data))
		case r.Err != nil:
			got = append(got, "error")
		default:
			got = append(got, "miss")
			r.Put([]byte("summary of " + r.Src))
		}
	}
	return got, append(notices, c.Close()...)
}

// one is the settings of in for a Get outside fixture.run: the one digest settings1, in a
// run without a run digest.
func one(in summary.Input) *summary.Settings {
	return summary.NewSettings(summary.Key{}, in, true, settings1)
}

func noticesText(ns []Notice) string {
	var s []string
	for _, n := range ns {
		s = append(s, filepath.Base(n.Path)+" "+n.Msg)
	}
	return strings.Join(s, "\n")
}

func TestHitAndMiss(t *testing.T) {
	t.Run("pack in memory", testHitAndMiss)
	t.Run("pack read entry by entry", func(t *testing.T) {
		defer func(n int64) { inMemory = n }(inMemory)
		inMemory = 0
		testHitAndMiss(t)
	})
	t.Run("pack mapped", mapped(testHitAndMiss))
	t.Run("deltas", deltas(testHitAndMiss))
	t.Run("deltas mapped", deltas(mapped(testHitAndMiss)))
}

func testHitAndMiss(t *testing.T) {
	p := newProject(t)
	a := p.write("a.py", "A")
	b := p.write("pkg/b.py", "B")
	check := func(what string, got []string, notices []Notice, want ...string) {
		t.Helper()
		if len(notices) > 0 {
			t.Errorf("%s: notices: %s", what, noticesText(notices))
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s: got %q, want %q", what, got, want)
		}
	}
	got, ns := p.run(identityA, []summary.Input{a, b}, settings1)
	check("cold", got, ns, "miss", "miss")
	got, ns = p.run(identityA, []summary.Input{a, b}, settings1)
	check("warm", got, ns, "hit0 summary of A", "hit0 summary of B")

	// The content: another size; the same size at another time; the same size and time
	// but without the time recorded as trustworthy.
	p.write("a.py", "AA")
	got, ns = p.run(identityA, []summary.Input{a, b}, settings1)
	check("content of another size", got, ns, "miss", "hit0 summary of B")
	p.write("a.py", "AB")
	later := time.Now().Add(-30 * time.Minute)
	os.Chtimes(a.Path, later, later)
	got, ns = p.run(identityA, []summary.Input{a, b}, settings1)
	check("content of the same size", got, ns, "miss", "hit0 summary of B")
	got, ns = p.run(identityA, []summary.Input{a, b}, settings1)
	check("again", got, ns, "hit0 summary of AB", "hit0 summary of B")

	// A file made unreadable behind an unchanged size and time fails as on a cold run.
	// (Root reads anything: unreadable.txtar covers this case with the power dropped.)
	if os.Geteuid() != 0 {
		os.Chmod(a.Path, 0)
		got, ns = p.run(identityA, []summary.Input{a, b}, settings1)
		check("made unreadable", got, ns, "error", "hit0 summary of B")
		os.Chmod(a.Path, 0o644)
	}

	// The same content under another path, and the settings.
	c := p.write("c.py", "AB")
	got, ns = p.run(identityA, []summary.Input{c}, settings1)
	check("same content, another path", got, ns, "miss")
	got, ns = p.run(identityA, []summary.Input{a}, settings2)
	check("other settings", got, ns, "miss")
	got, ns = p.run(identityA, []summary.Input{a}, settings1, settings2)
	check("the entry stored under the second settings", got, ns, "hit1 summary of AB")

	// The version of buttress: another build's pack is ignored, with a notice, and rebuilt.
	got, ns = p.run(identityB, []summary.Input{a}, settings2)
	if want := "summaries-test.pack was written by another version of buttress: ignoring it and rebuilding it"; noticesText(ns) != want || got[0] != "miss" {
		t.Errorf("another build: %q, notices %q", got, noticesText(ns))
	}
	got, ns = p.run(identityB, []summary.Input{a}, settings2)
	check("the rebuilt pack", got, ns, "hit0 summary of AB")

	// A file that cannot be read.
	gone := summary.Input{Path: filepath.Join(p.dir, "gone.py"), Rel: "gone.py"}
	got, ns = p.run(identityB, []summary.Input{gone}, settings1)
	check("unreadable", got, ns, "error")
}

// TestVouch: a record vouches for the settings digest it was stored under, in runs of the
// same run digest (summary.Settings): such a run gets it without the file's digests (here,
// digests other than those stored, to tell); a run of another run digest, or a file of
// another module, goes by the digests, and the records vouch for that run's from then on.
func TestVouch(t *testing.T) {
	t.Run("pack", testVouch)
	t.Run("deltas", deltas(testVouch))
	t.Run("pack mapped", mapped(testVouch))
}

func testVouch(t *testing.T) {
	p := newProject(t)
	a := p.write("a.py", "A")
	b := p.write("pkg/b.py", "B")
	runA, runB := summary.Key{'A'}, summary.Key{'B'}
	step := func(what string, run summary.Key, inputs []summary.Input, settings []summary.Key, want ...string) {
		t.Helper()
		p.runKey = run
		got, ns := p.run(identityA, inputs, settings...)
		if len(ns) > 0 {
			t.Errorf("%s: notices: %s", what, noticesText(ns))
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s: got %q, want %q", what, got, want)
		}
	}
	both := []summary.Input{a, b}
	one, two := []summary.Key{settings1}, []summary.Key{settings2}
	step("cold", runA, both, one, "miss", "miss")
	step("vouched for", runA, both, two, "hit0 summary of A", "hit0 summary of B")
	// Rules not run on the file (two digests, the second with them): the entry stored with
	// them serves, without its findings (Which 1).
	step("vouched for, out of scope", runA, both, []summary.Key{settings2, settings2}, "hit1 summary of A", "hit1 summary of B")
	step("another run", runB, both, two, "miss", "miss")
	step("vouched for in that run", runB, both, one, "hit0 summary of A", "hit0 summary of B")
	step("not in the first any more", runA, both, one, "miss", "miss")

	// Another module: the digests decide, and what is stored vouches for the new Vouch.
	// (Every run gets both files: a file a run does not get is dropped from the pack.)
	step("again", runA, both, one, "hit0 summary of A", "hit0 summary of B")
	moved := a
	moved.Module = "a2"
	step("another module, its digest", runA, []summary.Input{moved, b}, two, "miss", "hit0 summary of B")
	step("another module, vouched for", runA, []summary.Input{moved, b}, one, "hit0 summary of A", "hit0 summary of B")
	step("back, its old digest", runA, both, one, "miss", "hit0 summary of B")

	// A run without a run digest vouches for nothing.
	step("no run digest", summary.Key{}, both, one, "hit0 summary of A", "hit0 summary of B")
	step("no run digest, other digests", summary.Key{}, both, two, "miss", "miss")
}

// TestTooLarge: a file over the size limit is neither read nor hashed, whether the pack has
// a record of it (stat first) or not (read at once, its size checked before reading).
func TestTooLarge(t *testing.T) {
	p := newProject(t)
	small := p.write("a.py", "A")
	big := p.write("b.py", strings.Repeat("B", 100))
	c, _ := Open(p.cacheDir(), p.dir, "test", identityA)
	for _, in := range []summary.Input{small, big} {
		r := c.Get(in, one(in), 10)
		switch {
		case in.Rel == "b.py" && !r.TooLarge, in.Rel == "a.py" && r.TooLarge:
			t.Errorf("%s, no record: TooLarge %t", in.Rel, r.TooLarge)
		case r.Put != nil:
			r.Put([]byte("summary of " + r.Src))
		}
	}
	c.Close()
	p.write("a.py", strings.Repeat("A", 100)) // grown past the limit since it was cached
	c, _ = Open(p.cacheDir(), p.dir, "test", identityA)
	defer c.Close()
	if r := c.Get(small, one(small), 10); !r.TooLarge {
		t.Errorf("a.py, grown past the limit since its record: %+v", r)
	}
}

// TestIndexOrder: the index is written by path whatever the order of the files' Gets, the
// old records kept merged with the new ones, and every entry is found again (the pack in
// memory, read entry by entry, and mapped).
func TestIndexOrder(t *testing.T) {
	for k, inMem := range []int64{inMemory, 0, inMemory} {
		func() {
			defer func(n int64) { inMemory = n }(inMemory)
			inMemory = inMem
			p := newProject(t)
			p.mapped = k == 2 // and mapped
			in := map[string]summary.Input{}
			for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
				in[name] = p.write(name+".py", strings.ToUpper(name))
			}
			runs := []struct {
				files, want string
			}{
				{"e a c", "miss|miss|miss"},
				{"a b d e f", "hit0 summary of A|miss|miss|hit0 summary of E|miss"}, // c is gone
				{"f e d b a", "hit0 summary of F|hit0 summary of E|hit0 summary of D|hit0 summary of B|hit0 summary of A"},
			}
			for i, r := range runs {
				var inputs []summary.Input
				for _, name := range strings.Fields(r.files) {
					inputs = append(inputs, in[name])
				}
				got, ns := p.run(identityA, inputs, settings1)
				if len(ns) > 0 || strings.Join(got, "|") != r.want {
					t.Errorf("run %d (in memory up to %d): got %q, notices %q", i+1, inMem, got, noticesText(ns))
				}
				f, err := os.Open(filepath.Join(p.cacheDir(), "summaries-test.pack"))
				if err != nil {
					t.Fatal(err)
				}
				recs, _, _, _, _, why := readIndex(f, nil, identityA, false)
				f.Close()
				var rels []string
				for _, rec := range recs {
					rels = append(rels, rec.rel)
				}
				names := strings.Fields(r.files)
				slices.Sort(names)
				if why != "" || strings.Join(rels, " ") != strings.Join(names, ".py ")+".py" {
					t.Errorf("run %d: index %q (%s), want the files of the run by path", i+1, rels, why)
				}
			}
		}()
	}
}

// TestContentNotTime: a cache restored elsewhere (every file with another time) still hits,
// on the content; and a file whose content changed behind an unchanged size and time is seen
// when its time was too recent to be trusted.
func TestContentNotTime(t *testing.T) {
	p := newProject(t)
	a := p.write("a.py", "A")
	p.run(identityA, []summary.Input{a}, settings1)
	now := time.Now()
	os.Chtimes(a.Path, now, now)
	got, _ := p.run(identityA, []summary.Input{a}, settings1)
	if got[0] != "hit0 summary of A" {
		t.Errorf("a new time, the same content: %q", got)
	}
	// Just written: not trusted.
	c, _ := Open(p.cacheDir(), p.dir, "test", identityA)
	c.Get(a, one(a), 0)
	if r := c.oldIndex["a.py"]; !r.used || r.mtime != 0 || r.size != 0 {
		t.Errorf("a file modified just now is trusted by its time: %+v", r)
	}
	c.Close()
	// Changed within the same tick: same size, same time, other content.
	if err := os.WriteFile(a.Path, []byte("B"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(a.Path, now, now)
	got, _ = p.run(identityA, []summary.Input{a}, settings1)
	if got[0] != "miss" {
		t.Errorf("content changed behind the same size and a recent time: %q", got)
	}
}

// TestDamaged cuts the pack short at every length, flips bytes everywhere in it, and
// replaces it with something else: each time the run goes on without a wrong hit, says so
// once, and leaves a good pack behind.
func TestDamaged(t *testing.T) {
	t.Run("pack in memory", testDamaged)
	t.Run("pack read entry by entry", func(t *testing.T) {
		if testing.Short() {
			t.Skip("the same damage, read another way")
		}
		defer func(n int64) { inMemory = n }(inMemory)
		inMemory = 0
		testDamaged(t)
	})
	t.Run("pack mapped", mapped(testDamaged))
	t.Run("delta", deltas(testDamagedDelta))
	t.Run("delta mapped", deltas(mapped(testDamagedDelta)))
}

func testDamaged(t *testing.T) {
	p := newProject(t)
	var inputs []summary.Input
	for i := 0; i < 5; i++ {
		inputs = append(inputs, p.write(fmt.Sprintf("m%d.py", i), strings.Repeat(strconv.Itoa(i), 10+i)))
	}
	p.run(identityA, inputs, settings1)
	damageEverywhere(t, p, inputs, "summaries-test.pack")
}

// testDamagedDelta is testDamaged for a delta: the base pack stays good.
func testDamagedDelta(t *testing.T) {
	p := newProject(t)
	var inputs []summary.Input
	for i := 0; i < 5; i++ {
		inputs = append(inputs, p.write(fmt.Sprintf("m%d.py", i), strings.Repeat(strconv.Itoa(i), 10+i)))
	}
	p.run(identityA, inputs, settings1)
	// m2.py changes, and changes back: its entry is new, in the delta.
	p.write("m2.py", "other")
	p.run(identityA, inputs, settings1)
	p.write("m2.py", strings.Repeat("2", 12))
	if got, _ := p.run(identityA, inputs, settings1); got[2] != "miss" {
		t.Fatalf("m2.py changed back: %q", got)
	}
	damageEverywhere(t, p, inputs, "summaries-test.delta")
}

// damageEverywhere damages the file name of p's cache in every way, runs over inputs (m%d.py,
// whose content is the digit repeated 10+%d times) and checks that the run goes on without a
// wrong hit, says so once, and leaves a good cache behind.
func damageEverywhere(t *testing.T, p *fixture, inputs []summary.Input, name string) {
	pack := filepath.Join(p.cacheDir(), name)
	good, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	try := func(what string, damaged []byte) {
		t.Helper()
		if err := os.WriteFile(pack, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		got, ns := p.run(identityA, inputs, settings1)
		for i, g := range got {
			if g != "miss" && g != "hit0 summary of "+strings.Repeat(strconv.Itoa(i), 10+i) {
				t.Fatalf("%s: a wrong hit: %q", what, g)
			}
		}
		missed := strings.Contains(strings.Join(got, " "), "miss")
		if missed && len(ns) != 1 || len(ns) > 1 {
			t.Fatalf("%s: %d notices, want 1: %s", what, len(ns), noticesText(ns))
		}
		if len(ns) == 1 && !strings.Contains(ns[0].Msg, "rebuilding") {
			t.Errorf("%s: notice %q", what, ns[0].Msg)
		}
		got, ns = p.run(identityA, inputs, settings1)
		if strings.Contains(strings.Join(got, " "), "miss") || len(ns) > 0 {
			t.Fatalf("%s: not rebuilt: %q %s", what, got, noticesText(ns))
		}
	}
	stride := 1
	if testing.Short() {
		stride = 3
	}
	for n := 0; n < len(good); n += stride {
		try(fmt.Sprintf("cut to %d bytes", n), good[:n])
	}
	for i := 0; i < len(good); i += stride {
		b := bytes.Clone(good)
		b[i] ^= 0x5a
		try(fmt.Sprintf("byte %d flipped", i), b)
	}
	try("another file", []byte("# not a pack\n"+strings.Repeat("x", 200)))
	try("empty", nil)

	// Seen in the notices: the causes.
	os.WriteFile(pack, good[:len(good)-3], 0o644)
	_, ns := p.run(identityA, inputs, settings1)
	if noticesText(ns) != name+" is cut short or damaged (no end marker): ignoring it and rebuilding it" {
		t.Errorf("cut short: %s", noticesText(ns))
	}
}

// TestDelta: a run that changed little writes a delta beside the base pack, which stays as
// it is; the next runs read both, the delta's records before the base's; a run that changed
// much, or used little of the base, writes a new base and removes the delta; a delta of
// another base is passed over.
func TestDelta(t *testing.T) {
	t.Run("read", testDelta)
	t.Run("mapped", mapped(testDelta))
}

func testDelta(t *testing.T) {
	p := newProject(t)
	var inputs []summary.Input
	content := map[string]string{}
	write := func(i int, text string) {
		rel := fmt.Sprintf("pkg/m%02d.py", i)
		content[rel] = text
		in := p.write(rel, text)
		if i < len(inputs) {
			inputs[i] = in
		} else {
			inputs = append(inputs, in)
		}
	}
	for i := 0; i < 40; i++ {
		write(i, fmt.Sprintf("module %d %s", i, strings.Repeat("x", 50)))
	}
	base := filepath.Join(p.cacheDir(), "summaries-test.pack")
	delta := filepath.Join(p.cacheDir(), "summaries-test.delta")
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			return "(none)"
		}
		return string(b)
	}
	// run runs over inputs, checks every hit and the misses' count, and returns the
	// bytes of the base and of the delta after it.
	run := func(what string, misses int) (string, string) {
		t.Helper()
		got, ns := p.run(identityA, inputs, settings1)
		if len(ns) > 0 {
			t.Fatalf("%s: notices %s", what, noticesText(ns))
		}
		n := 0
		for i, g := range got {
			if g == "miss" {
				n++
			} else if want := "hit0 summary of " + content[inputs[i].Rel]; g != want {
				t.Fatalf("%s: %s got %q, want %q", what, inputs[i].Rel, g, want)
			}
		}
		if n != misses {
			t.Errorf("%s: %d misses, want %d", what, n, misses)
		}
		return read(base), read(delta)
	}
	b0, d0 := run("cold", 40)
	if d0 != "(none)" {
		t.Fatal("a cold run wrote a delta")
	}
	write(7, "module 7, edited")
	b1, d1 := run("one file edited", 1)
	if b1 != b0 || d1 == "(none)" {
		t.Fatalf("one file edited: base rewritten %t, delta written %t", b1 != b0, d1 != "(none)")
	}
	b2, d2 := run("nothing changed", 0)
	if b2 != b0 || d2 != d1 {
		t.Errorf("nothing changed: base rewritten %t, delta rewritten %t", b2 != b0, d2 != d1)
	}
	write(20, "module 20, edited")
	b3, d3 := run("another file edited", 1)
	if b3 != b0 || d3 == d1 || !strings.Contains(d3, "module 7, edited") || !strings.Contains(d3, "module 20, edited") {
		t.Errorf("another file edited: base rewritten %t; the delta should hold both edits: %t", b3 != b0, d3 != d1)
	}
	run("after two edits", 0)

	// A delta written for another base is passed over: its entries miss, none is wrong.
	write(3, "module 3, edited")
	run("a third edit", 1)
	stale := read(delta)
	for i := 0; i < 12; i++ { // more than a quarter of the base: a new one
		write(i+10, fmt.Sprintf("module %d, rewritten", i+10))
	}
	b4, d4 := run("many files edited", 12)
	if b4 == b0 || d4 != "(none)" {
		t.Errorf("many files edited: base rewritten %t, delta left %t", b4 != b0, d4 != "(none)")
	}
	write(3, "module 3, edited again")
	os.WriteFile(delta, []byte(stale), 0o644)
	run("a stale delta", 1)
	run("after the stale delta", 0)

	// A run over few of the files writes a new base of those only.
	inputs = inputs[:25]
	b5, d5 := run("fewer files", 0)
	if b5 == b4 || d5 != "(none)" || strings.Contains(b5, "pkg/m30.py") {
		t.Errorf("fewer files: base rewritten %t, delta left %t", b5 != b4, d5 != "(none)")
	}
}

// TestConcurrentRuns runs many caches on one directory at once, each with files of its own
// and files in common: none may see a damaged pack, and every hit is right.
func TestConcurrentRuns(t *testing.T) {
	t.Run("new packs", testConcurrentRuns)
	t.Run("deltas", deltas(testConcurrentRuns))
}

func testConcurrentRuns(t *testing.T) {
	p := newProject(t)
	var common []summary.Input
	for i := 0; i < 20; i++ {
		common = append(common, p.write(fmt.Sprintf("common%d.py", i), fmt.Sprintf("common %d", i)))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := 0; w < 8; w++ {
		own := p.write(fmt.Sprintf("own%d.py", w), fmt.Sprintf("own %d", w))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 10; round++ {
				inputs := append([]summary.Input{own}, common...)
				c, ns := open(p.cacheDir(), p.dir, "test", identityA, w%2 == 1) // half of them mapped
				for _, in := range inputs {
					r := c.Get(in, one(in), 0)
					content, _ := os.ReadFile(in.Path)
					if r.Hit && string(r.Data) != "summary of "+string(content) {
						errs <- fmt.Sprintf("%s: wrong hit %q", in.Rel, r.Data)
					}
					if !r.Hit {
						r.Put([]byte("summary of " + r.Src))
					}
				}
				if ns = append(ns, c.Close()...); len(ns) > 0 {
					errs <- noticesText(ns)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestConcurrentProcesses is TestConcurrentRuns with processes: this test binary run again
// as a helper (helperProcess), several at once, on one cache.
func TestConcurrentProcesses(t *testing.T) {
	if os.Getenv("BUTTRESS_CACHE_HELPER") != "" {
		helperProcess(t)
		return
	}
	p := newProject(t)
	for i := 0; i < 200; i++ {
		p.write(fmt.Sprintf("pkg/m%d.py", i), fmt.Sprintf("module %d\n%s", i, strings.Repeat("x", i*20)))
	}
	const procs = 6
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for i := 0; i < procs; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentProcesses$", "-test.count=1")
		cmd.Env = append(os.Environ(), "BUTTRESS_CACHE_HELPER="+p.dir, "BUTTRESS_CACHE_HELPER_SEED="+strconv.Itoa(i))
		if i%3 == 0 {
			cmd.Env = append(cmd.Env, "BUTTRESS_CACHE_HELPER_DELTAS=1") // deltas, whatever the size
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
		outs = append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	// What is left is one whole pack that serves every file.
	var inputs []summary.Input
	for i := 0; i < 200; i++ {
		rel := fmt.Sprintf("pkg/m%d.py", i)
		inputs = append(inputs, summary.Input{Path: filepath.Join(p.dir, rel), Rel: rel})
	}
	got, ns := p.run(identityA, inputs, settings1)
	if len(ns) > 0 {
		t.Errorf("notices after the concurrent runs: %s", noticesText(ns))
	}
	misses := 0
	for _, g := range got {
		if g == "miss" {
			misses++
		}
	}
	t.Logf("%d misses of %d after %d concurrent processes", misses, len(got), procs)
	entries, _ := os.ReadDir(p.cacheDir())
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != ".gitignore CACHEDIR.TAG summaries-test.pack" && got != ".gitignore CACHEDIR.TAG summaries-test.delta summaries-test.pack" {
		t.Errorf("the cache holds %v", names)
	}
}

// helperProcess is one of TestConcurrentProcesses's processes: several runs over the
// project, with the files in another order each time, checking every hit.
func helperProcess(t *testing.T) {
	dir := os.Getenv("BUTTRESS_CACHE_HELPER")
	seed, _ := strconv.Atoi(os.Getenv("BUTTRESS_CACHE_HELPER_SEED"))
	p := &fixture{t: t, dir: dir, mapped: seed%2 == 1} // half of the processes map the pack
	if os.Getenv("BUTTRESS_CACHE_HELPER_DELTAS") != "" {
		deltaMax = math.Inf(1)
	}
	var inputs []summary.Input
	for i := 0; i < 200; i++ {
		rel := fmt.Sprintf("pkg/m%d.py", (i*7+seed*31)%200)
		inputs = append(inputs, summary.Input{Path: filepath.Join(dir, rel), Rel: rel})
	}
	for round := 0; round < 8; round++ {
		c, ns := open(p.cacheDir(), p.dir, "test", identityA, p.mapped)
		for _, in := range inputs[:100+round*12] {
			r := c.Get(in, one(in), 0)
			content, err := os.ReadFile(in.Path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Hit && string(r.Data) != "summary of "+string(content) {
				t.Fatalf("%s: wrong hit %q", in.Rel, r.Data)
			}
			if !r.Hit {
				r.Put([]byte("summary of " + r.Src))
			}
		}
		if ns = append(ns, c.Close()...); len(ns) > 0 {
			t.Fatalf("notices: %s", noticesText(ns))
		}
	}
}

func TestPrune(t *testing.T) {
	p := newProject(t)
	a := p.write("a.py", "A")
	for i := 0; i < keepPacks+3; i++ {
		c, _ := Open(p.cacheDir(), p.dir, fmt.Sprintf("p%02d", i), identityA)
		r := c.Get(a, one(a), 0)
		r.Put([]byte("x"))
		c.Close()
		when := time.Now().Add(time.Duration(i-100) * time.Minute) // p00 the oldest
		os.Chtimes(filepath.Join(p.cacheDir(), fmt.Sprintf("summaries-p%02d.pack", i)), when, when)
	}
	// The deltas of a pack pruned and of a pack gone go; that of a pack kept stays.
	for _, name := range []string{"p00", "p09", "gone"} {
		os.WriteFile(filepath.Join(p.cacheDir(), "summaries-"+name+".delta"), nil, 0o644)
	}
	// A stale unfinished pack, and one of a run still going.
	stale := filepath.Join(p.cacheDir(), "summaries-123.tmp")
	fresh := filepath.Join(p.cacheDir(), "summaries-456.tmp")
	os.WriteFile(stale, nil, 0o644)
	os.WriteFile(fresh, nil, 0o644)
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(stale, old, old)
	c, _ := Open(p.cacheDir(), p.dir, "new", identityA)
	c.Get(a, one(a), 0).Put([]byte("x"))
	c.Close()
	entries, _ := os.ReadDir(p.cacheDir())
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := ".gitignore CACHEDIR.TAG summaries-456.tmp summaries-new.pack summaries-p04.pack summaries-p05.pack summaries-p06.pack summaries-p07.pack summaries-p08.pack summaries-p09.delta summaries-p09.pack summaries-p10.pack"
	if strings.Join(names, " ") != want {
		t.Errorf("after pruning:\n%s\nwant\n%s", strings.Join(names, " "), want)
	}
}

func TestDir(t *testing.T) {
	root := filepath.FromSlash("/project")
	t.Setenv(EnvDir, "")
	if d, _ := Dir(root, ""); d != filepath.Join(root, ".buttress_cache") {
		t.Errorf("default: %s", d)
	}
	if d, _ := Dir(root, "build/cache"); d != filepath.Join(root, "build", "cache") {
		t.Errorf("cache-dir: %s", d)
	}
	abs := filepath.Join(t.TempDir(), "c")
	if d, _ := Dir(root, abs); d != abs {
		t.Errorf("absolute cache-dir: %s", d)
	}
	t.Setenv(EnvDir, "rel/cache")
	cwd, _ := os.Getwd()
	if d, _ := Dir(root, "build/cache"); d != filepath.Join(cwd, "rel", "cache") {
		t.Errorf("%s wins, relative to the current directory: %s", EnvDir, d)
	}
}

func TestPrepare(t *testing.T) {
	p := newProject(t)
	p.run(identityA, []summary.Input{p.write("a.py", "A")}, settings1)
	gi, err := os.ReadFile(filepath.Join(p.cacheDir(), ".gitignore"))
	if err != nil || !strings.Contains(string(gi), "\n*\n") {
		t.Errorf(".gitignore: %q %v", gi, err)
	}
	if _, err := os.Stat(filepath.Join(p.cacheDir(), "CACHEDIR.TAG")); err != nil {
		t.Error(err)
	}
	// A cache directory that cannot be made: no cache, and a notice.
	file := filepath.Join(p.dir, "file")
	os.WriteFile(file, nil, 0o644)
	c, ns := Open(filepath.Join(file, "cache"), p.dir, "test", identityA)
	if c != nil || len(ns) != 1 || !strings.Contains(ns[0].Msg, "cannot be created") {
		t.Errorf("cache under a file: %v %v", c, ns)
	}
}

func TestClean(t *testing.T) {
	p := newProject(t)
	p.run(identityA, []summary.Input{p.write("a.py", "A")}, settings1)
	os.WriteFile(filepath.Join(p.cacheDir(), "summaries-test.delta"), []byte("delta"), 0o644)
	c, err := Clean(p.cacheDir(), p.dir)
	if err != nil || !c.Existed || !c.Dir || c.Files != 4 || c.Bytes == 0 || len(c.Left) != 0 {
		t.Errorf("clean: %+v %v", c, err)
	}
	if _, err := os.Stat(p.cacheDir()); !os.IsNotExist(err) {
		t.Errorf("the directory is still there: %v", err)
	}
	if c, err := Clean(p.cacheDir(), p.dir); err != nil || c.Existed {
		t.Errorf("clean again: %+v %v", c, err)
	}
	// A cache-dir that holds other things: they stay.
	p.run(identityA, []summary.Input{p.write("a.py", "A")}, settings1)
	other := filepath.Join(p.cacheDir(), "notes.txt")
	os.WriteFile(other, []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(p.cacheDir(), ".gitignore"), []byte("*.log\n"), 0o644)
	c, err = Clean(p.cacheDir(), p.dir)
	if err != nil || c.Dir || c.Files != 1 || strings.Join(c.Left, " ") != ".gitignore notes.txt" {
		t.Errorf("clean with other files: %+v %v", c, err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file removed: %v", err)
	}
}

func TestIdentity(t *testing.T) {
	if buildID() == nil {
		t.Fatal("no build identity for this executable")
	}
	if bytes.Equal(Identity("1.0"), Identity("1.1")) {
		t.Error("the version does not count")
	}
	if id := findBuildID(append(make([]byte, 100), []byte("\xff Go build ID: \"abc/def\"\n \xff")...)); string(id) != "text:abc/def" {
		t.Errorf("marker: %q", id)
	}
	exe, _ := os.Executable()
	head := make([]byte, 64<<10)
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := f.Read(head)
	f.Close()
	if id := findBuildID(head[:n]); id == nil {
		t.Errorf("no Go build ID in the first 64 KB of %s: the whole executable is hashed at every run", exe)
	}
}

// TestSharedDir: projects that share a cache directory outside them (BUTTRESS_CACHE_DIR)
// keep packs of their own, and clean removes only its project's.
func TestSharedDir(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "shared")
	p1, p2 := newProject(t), newProject(t)
	a1, a2 := p1.write("a.py", "one"), p2.write("a.py", "two")
	run := func(p *fixture, in summary.Input) string {
		c, ns := Open(shared, p.dir, "test", identityA)
		if len(ns) > 0 {
			t.Fatal(noticesText(ns))
		}
		r := c.Get(in, one(in), 0)
		if !r.Hit {
			r.Put([]byte("summary of " + r.Src))
		}
		c.Close()
		return r.Data
	}
	for i := 0; i < 2; i++ {
		run(p1, a1)
		run(p2, a2)
	}
	if got := run(p1, a1) + "|" + run(p2, a2); got != "summary of one|summary of two" {
		t.Errorf("two projects in one directory replace each other's packs: %q", got)
	}
	c, err := Clean(shared, p1.dir)
	if err != nil || c.Dir || c.Files != 1 || c.Others != 1 || len(c.Left) != 0 {
		t.Errorf("clean of one project: %+v %v", c, err)
	}
	if got := run(p2, a2); got != "summary of two" {
		t.Errorf("the other project's pack is gone: %q", got)
	}
	c, err = Clean(shared, p2.dir)
	if err != nil || !c.Dir || c.Files != 3 {
		t.Errorf("clean of the last project: %+v %v", c, err)
	}
}

// TestAbandon: a run that stops before summarising leaves the pack as it was.
func TestAbandon(t *testing.T) {
	p := newProject(t)
	a := p.write("a.py", "A")
	p.run(identityA, []summary.Input{a}, settings1)
	c, _ := Open(p.cacheDir(), p.dir, "test", identityA)
	c.Abandon()
	if got, ns := p.run(identityA, []summary.Input{a}, settings1); got[0] != "hit0 summary of A" || len(ns) > 0 {
		t.Errorf("after an abandoned run: %q %s", got, noticesText(ns))
	}
}

// TestMapped: OpenMapped takes the entries from the pack's mapping, whatever their size
// (inMemory is for reading), and a hit's data stays readable after Close, which closes the
// file but keeps the mapping, and after the pack is replaced.
func TestMapped(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("packs are mapped on Linux and macOS only")
	}
	defer func(n int64) { inMemory = n }(inMemory)
	inMemory = 0
	p := newProject(t)
	a := p.write("a.py", "A")
	b := p.write("b.py", "B")
	p.run(identityA, []summary.Input{a, b}, settings1)

	c, ns := Open(p.cacheDir(), p.dir, "test", identityA)
	if c.base.data != nil || len(ns) > 0 {
		t.Errorf("Open with inMemory 0 holds the entries (%d bytes), notices %v", len(c.base.data), ns)
	}
	c.Abandon() // Close would drop the entries not got

	c, ns = OpenMapped(p.cacheDir(), p.dir, "test", identityA)
	if c.base.data == nil || len(ns) > 0 {
		t.Fatalf("OpenMapped did not map the pack; notices %v", ns)
	}
	r := c.Get(a, one(a), 0)
	p.write("b.py", "BB") // a miss: the pack is written again and replaced at Close
	c.Get(b, one(b), 0).Put([]byte("summary of BB"))
	if ns := c.Close(); len(ns) > 0 {
		t.Fatal(noticesText(ns))
	}
	if !r.Hit || string(r.Data) != "summary of A" {
		t.Errorf("a.py after Close and the pack replaced: %+v", r)
	}
	got, _ := p.run(identityA, []summary.Input{a, b}, settings1)
	if strings.Join(got, ", ") != "hit0 summary of A, hit0 summary of BB" {
		t.Errorf("the pack written from a mapped one: %q", got)
	}
}
