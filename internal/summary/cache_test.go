package summary

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/rules/mod"
	"github.com/buttresspy/buttress/internal/rules/typ"
)

// TestSettingsKey changes each thing a file's summary depends on, but its content, one at a
// time: each must change the settings digest (a miss), and what does not change a summary
// must not (a hit).
func TestSettingsKey(t *testing.T) {
	base := func() (Options, Input) {
		return Options{
			TargetVersion: parser.Version(312),
			Rules:         allRules(t),
		}, Input{Rel: "pkg/mod.py", Module: "pkg.mod"}
	}
	key := func(opts Options, in Input, analyze bool) Key {
		k := newKeyer(opts)
		if !k.ok {
			t.Fatalf("cannot fingerprint: %s", k.reason)
		}
		return k.settings(in, analyze)
	}
	o0, in0 := base()
	k0 := key(o0, in0, true)
	option := func(o *Options, code string, set func(any)) {
		for i, r := range o.Rules {
			if r.Code == code {
				cp := reflect.New(reflect.TypeOf(r.Options).Elem())
				cp.Elem().Set(reflect.ValueOf(r.Options).Elem())
				set(cp.Interface())
				o.Rules[i].Options = cp.Interface()
				return
			}
		}
		t.Fatalf("no rule %s", code)
	}
	misses := []struct {
		what   string
		change func(o *Options, in *Input) bool // returns analyze
	}{
		{"target version", func(o *Options, in *Input) bool { o.TargetVersion = 311; return true }},
		{"metrics", func(o *Options, in *Input) bool { o.Metrics = true; return true }},
		{"a rule less", func(o *Options, in *Input) bool { o.Rules = o.Rules[1:]; return true }},
		{"the rules' order", func(o *Options, in *Input) bool {
			o.Rules[0], o.Rules[1] = o.Rules[1], o.Rules[0]
			return true
		}},
		{"an option", func(o *Options, in *Input) bool {
			option(o, "MOD001", func(v any) { v.(*mod.Max).Max++ })
			return true
		}},
		{"a list option", func(o *Options, in *Input) bool {
			option(o, "TYP001", func(v any) { v.(*typ.Options).Modules = []string{"pkg"} })
			return true
		}},
		{"per-file-ignores or a scope", func(o *Options, in *Input) bool {
			o.Ignored = analysis.Selection{PerFileIgnores: map[string][]string{"pkg/mod.py": {"ERR001"}}}.IgnoresIn
			return true
		}},
		{"the scope of generated files", func(o *Options, in *Input) bool {
			o.IgnoredGenerated = func(code, name string) bool { return code == "TYP001" }
			return true
		}},
		{"mypy requires annotations in the module", func(o *Options, in *Input) bool {
			option(o, "TYP001", func(v any) {
				v.(*typ.Options).MypyRequires = analysis.ModulePredicate{Func: func(m string) bool { return m == "pkg.mod" }}
			})
			return true
		}},
		{"not analysed (Only)", func(o *Options, in *Input) bool { return false }},
		{"module name", func(o *Options, in *Input) bool { in.Module = "mod"; return true }},
		{"package", func(o *Options, in *Input) bool { in.Package = true; return true }},
		{"stub", func(o *Options, in *Input) bool { in.Stub = true; return true }},
	}
	for _, m := range misses {
		o, in := base()
		analyze := m.change(&o, &in)
		if key(o, in, analyze) == k0 {
			t.Errorf("%s: same key", m.what)
		}
	}
	pred := func(f func(string) bool) func(o *Options, in *Input) {
		return func(o *Options, in *Input) {
			option(o, "TYP001", func(v any) { v.(*typ.Options).MypyRequires = analysis.ModulePredicate{Func: f, ID: []byte("some id")} })
		}
	}
	ignored := func(perFile map[string][]string) func(o *Options, in *Input) {
		return func(o *Options, in *Input) {
			o.Ignored = analysis.Selection{PerFileIgnores: perFile}.IgnoresIn
		}
	}
	same := []struct {
		what string
		a, b func(o *Options, in *Input)
	}{
		{"workers", nil, func(o *Options, in *Input) { o.Workers = 7 }},
		{"where the file is read from", nil, func(o *Options, in *Input) { in.Path = "/elsewhere/pkg/mod.py" }},
		// The cache finds a record by the file's path: a path never sees another's record
		// (internal/cache: "same content, another path" in TestHitAndMiss), and what the
		// path decides is in the digest.
		{"the path itself", nil, func(o *Options, in *Input) { in.Rel = "lib/pkg/mod.py" }},
		{"an equal copy of the options", nil, func(o *Options, in *Input) { option(o, "MOD001", func(any) {}) }},
		{"per-file-ignores of other files",
			ignored(nil),
			ignored(map[string][]string{"other.py": {"ALL"}})},
		{"mypy requiring annotations in other modules",
			pred(func(string) bool { return false }),
			pred(func(m string) bool { return m == "other" })},
	}
	for _, c := range same {
		oa, ina := base()
		ob, inb := base()
		if c.a != nil {
			c.a(&oa, &ina)
		}
		c.b(&ob, &inb)
		if key(oa, ina, true) != key(ob, inb, true) {
			t.Errorf("%s: another key", c.what)
		}
	}
}

// TestSettingsVouch: under one run digest, settings that vouch alike have the same digests:
// Which finds the digest a Vouch was made for, for the same file, and only that one. The run
// digest changes with what else the digests depend on, and is zero when they depend on
// what it cannot tell (an option that asks about the module; ignores without IgnoredID).
func TestSettingsVouch(t *testing.T) {
	rules := allRules(t)
	var all []*analysis.Rule
	for _, r := range rules {
		all = append(all, r.Rule)
	}
	sel := analysis.Selection{PerFileIgnores: map[string][]string{"pkg/*.py": {"TYP"}}, Scopes: analysis.DefaultScopes()}
	sel.ResolveScopes(all)
	base := func() Options {
		return Options{TargetVersion: parser.Version(312), Rules: allRules(t), Ignored: sel.IgnoresIn, IgnoredID: sel.Fingerprint(), IgnoredGenerated: sel.IgnoredInGenerated}
	}
	k := newKeyer(base())
	if k.run == (Key{}) {
		t.Fatal("no run digest")
	}
	for _, rel := range []string{"pkg/mod.py", "tests/test_mod.py", "mod.py"} {
		var variants []*Settings
		for _, module := range []string{"mod", "pkg.mod"} {
			for _, pkg := range []bool{false, true} {
				for _, stub := range []bool{false, true} {
					for _, analyze := range []bool{false, true} {
						in := Input{Rel: rel, Module: module, Package: pkg, Stub: stub}
						variants = append(variants, &Settings{run: k.run, in: in, analyze: analyze, second: !analyze, k: k})
					}
				}
			}
		}
		for _, a := range variants {
			for i, key := range a.Keys() {
				v := a.Vouch(i)
				if got := a.Which(v); got != i {
					t.Errorf("%s %+v analyze %t: Which of the Vouch of digest %d = %d", rel, a.in, a.analyze, i, got)
				}
				for _, b := range variants {
					j := b.Which(v)
					if j >= 0 && b.Keys()[j] != key {
						t.Errorf("%s: %+v (analyze %t) vouches for digest %d of %+v (analyze %t), another digest", rel, b.in, b.analyze, j, a.in, a.analyze)
					}
					if j < 0 && slices.Contains(b.Keys(), key) {
						t.Errorf("%s: %+v (analyze %t) has digest %d of %+v (analyze %t), but its Vouch is not vouched for", rel, b.in, b.analyze, i, a.in, a.analyze)
					}
				}
			}
		}
	}

	other := analysis.Selection{PerFileIgnores: map[string][]string{"pkg/*.py": {"ERR"}}, Scopes: analysis.DefaultScopes()}
	other.ResolveScopes(all)
	changes := map[string]func(o *Options){
		"the ignores":                  func(o *Options) { o.Ignored, o.IgnoredID = other.IgnoresIn, other.Fingerprint() },
		"no ignores":                   func(o *Options) { o.Ignored, o.IgnoredID = nil, nil },
		"the scope of generated files": func(o *Options) { o.IgnoredGenerated = func(code, name string) bool { return code == "TYP001" } },
		"the target version":           func(o *Options) { o.TargetVersion = 311 },
		"a rule less":                  func(o *Options) { o.Rules = o.Rules[1:] },
	}
	for what, change := range changes {
		o := base()
		change(&o)
		if r := newKeyer(o).run; r == k.run || r == (Key{}) {
			t.Errorf("%s: the same run digest, or none", what)
		}
	}
	if r := newKeyer(base()).run; r != k.run {
		t.Error("the same options: another run digest")
	}

	// An option that asks about the module, with an ID: a run digest, which moves with the
	// ID, and under which a Vouch (the module) still finds exactly its digest.
	strict := func(m string) bool { return strings.HasPrefix(m, "pkg") }
	withPred := func(id string) Options {
		o := base()
		setPred(&o, analysis.ModulePredicate{Func: strict, ID: []byte(id)})
		return o
	}
	kp := newKeyer(withPred("mypy A"))
	if !kp.preds || kp.run == (Key{}) || kp.run == k.run {
		t.Fatalf("an identified predicate: preds %t, run digest %x (without: %x)", kp.preds, kp.run[:4], k.run[:4])
	}
	if newKeyer(withPred("mypy B")).run == kp.run {
		t.Error("another predicate ID: the same run digest")
	}
	if newKeyer(withPred("mypy A")).run != kp.run {
		t.Error("the same predicate ID: another run digest")
	}
	if Profile(withPred("mypy A")) != Profile(withPred("mypy B")) {
		t.Error("another predicate ID: another profile (a change of mypy's configuration would start another pack)")
	}
	for _, module := range []string{"pkg.mod", "other"} {
		var variants []*Settings
		for _, m := range []string{module, "pkg.other", "lib"} {
			for _, analyze := range []bool{false, true} {
				in := Input{Rel: "pkg/mod.py", Module: m}
				variants = append(variants, &Settings{run: kp.run, in: in, analyze: analyze, second: !analyze, k: kp})
			}
		}
		for _, a := range variants {
			for i, key := range a.Keys() {
				for _, b := range variants {
					if j := b.Which(a.Vouch(i)); j >= 0 && b.Keys()[j] != key {
						t.Errorf("with a predicate: %+v vouches for another digest", b.in)
					}
				}
			}
		}
	}
	zero := map[string]func(o *Options){
		"ignores without IgnoredID": func(o *Options) { o.IgnoredID = nil },
		"an option asks about the module, without an ID": func(o *Options) {
			setPred(o, analysis.ModulePredicate{Func: func(string) bool { return true }})
		},
	}
	for what, change := range zero {
		o := base()
		change(&o)
		kz := newKeyer(o)
		s := &Settings{run: kz.run, in: Input{Rel: "mod.py", Module: "mod"}, analyze: true, k: kz}
		if kz.run != (Key{}) || s.Vouch(0) != (Vouch{}) || s.Which(Vouch{Module: "mod", Flags: VouchSet | VouchAnalyzed}) != -1 {
			t.Errorf("%s: a run digest, or a Vouch", what)
		}
	}
}

// setPred gives the TYP001 rule of o (a copy of its options) the predicate p.
func setPred(o *Options, p analysis.ModulePredicate) {
	for i, r := range o.Rules {
		if r.Code == "TYP001" {
			opt := *r.Options.(*typ.Options)
			opt.MypyRequires = p
			o.Rules[i].Options = &opt
		}
	}
}

// TestProfile: options that cannot be fingerprinted turn the cache off, and every built-in
// rule's options can be.
func TestProfile(t *testing.T) {
	o := Options{Rules: allRules(t)}
	if Profile(o) == "" {
		k := newKeyer(o)
		t.Fatalf("the built-in rules cannot be fingerprinted: %s", k.reason)
	}
	type weird struct{ F func(int) int }
	o.Rules = append(o.Rules, analysis.Configured{Rule: &analysis.Rule{Code: "X001", Name: "x"}, Options: &weird{}})
	if Profile(o) != "" {
		t.Errorf("a rule with a func(int) int option: profile %q, want none", Profile(o))
	}
	if Profile(Options{Metrics: true}) == Profile(Options{}) {
		t.Errorf("metrics do not change the profile")
	}
}

// fakeCache is a Cache in memory, keyed by path and settings (the content is left out: the
// tests here do not change it).
type fakeCache struct {
	mu      sync.Mutex
	entries map[string][]byte
	gets    int
	bad     []string
}

func (c *fakeCache) SetRun(Key) {}

func (c *fakeCache) Get(in Input, st *Settings, maxSize int64) Cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets++
	settings := st.Keys()
	for i, s := range settings {
		if data, ok := c.entries[in.Rel+string(s[:])]; ok {
			return Cached{Hit: true, Data: string(data), Which: i}
		}
	}
	if fi, err := os.Stat(in.Path); err == nil && maxSize > 0 && fi.Size() > maxSize {
		return Cached{TooLarge: true}
	}
	src, err := os.ReadFile(in.Path)
	if err != nil {
		return Cached{Err: err}
	}
	key := in.Rel + string(settings[0][:])
	return Cached{Src: string(src), Put: func(data []byte) {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.entries[key] = data
	}}
}

func (c *fakeCache) Bad(in Input, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bad = append(c.bad, in.Rel)
	for k := range c.entries {
		if strings.HasPrefix(k, in.Rel) {
			delete(c.entries, k)
		}
	}
}

// TestSummarizeCached: a second run gets what the first stored, equal to a run without
// the cache; a file out of scope uses the entry of a run that analysed it, without its
// findings; an entry that does not decode is reported and the file summarised again; a
// file that cannot be read is not stored.
func TestSummarizeCached(t *testing.T) {
	dir := t.TempDir()
	var inputs []Input
	for _, file := range [][2]string{
		{"a.py", "import os\ntry:\n    pass\nexcept:\n    pass\n\ndef f(x):\n    return x  # buttress: ignore[TYP001]  ok\n"},
		{"b.py", "from . import a\n"},
	} {
		name, src := file[0], file[1]
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Path: p, Rel: name, Module: strings.TrimSuffix(name, ".py")})
	}
	inputs = append(inputs, Input{Path: filepath.Join(dir, "gone.py"), Rel: "gone.py", Module: "gone"})
	c := &fakeCache{entries: map[string][]byte{}}
	opts := Options{Rules: allRules(t), Metrics: true, Cache: c}
	plain := opts
	plain.Cache = nil
	want := Summarize(inputs, plain)
	first := Summarize(inputs, opts)
	if len(c.entries) != 2 {
		t.Fatalf("%d entries stored, want 2 (not the unreadable file)", len(c.entries))
	}
	second := Summarize(inputs, opts)
	for i := range want {
		if !reflect.DeepEqual(first[i].Decoded(), want[i]) || !reflect.DeepEqual(second[i].Decoded(), want[i]) {
			t.Errorf("%s: a cached summary differs from one made without the cache", want[i].Rel)
		}
	}
	if len(want[0].Findings) == 0 || want[0].Suppressions == nil || want[0].Metrics == nil {
		t.Fatalf("a.py exercises too little: %+v", want[0])
	}

	// Out of scope: the analysed entry serves, stripped.
	scoped := opts
	scoped.Only = func(rel string) bool { return rel == "b.py" }
	n := len(c.entries)
	got := Summarize(inputs, scoped)
	if len(c.entries) != n {
		t.Errorf("a scoped run stored %d entries: the analysed ones should have served", len(c.entries)-n)
	}
	if a := got[0]; a.Findings != nil || a.Suppressions != nil || a.Metrics != nil || len(a.Imports()) != 1 {
		t.Errorf("a.py out of scope: %+v", a)
	}

	// A damaged entry.
	for k := range c.entries {
		if strings.HasPrefix(k, "a.py") {
			c.entries[k] = []byte{0xff}
		}
	}
	got = Summarize(inputs, opts)
	if !reflect.DeepEqual(c.bad, []string{"a.py"}) {
		t.Errorf("bad entries reported: %v", c.bad)
	}
	if !reflect.DeepEqual(got[0], want[0]) {
		t.Errorf("a.py after a damaged entry differs")
	}
}
