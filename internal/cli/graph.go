package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/gctune"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/workspace"
)

// projectFlags are the flags of every command that loads a project.
type projectFlags struct {
	config  string
	threads int
	noCache bool
	// forceExclude (check --force-exclude) leaves out the PATHs the configuration excludes,
	// without a word, as Ruff's flag does: a pre-commit hook hands over every changed file.
	forceExclude bool
	// server: the process loads projects again and again (buttress server), so the cache's
	// files are read, not mapped (workspace.Options.MapCache: a mapping stays until exit).
	server bool
}

func (f *projectFlags) add(cmd *cobra.Command) {
	cmd.Flags().Var((*fileName)(&f.config), "config", "read this configuration file instead of searching for pyproject.toml or buttress.toml")
	cmd.Flags().IntVar(&f.threads, "threads", 0, "parallel parsers (default: one per core)")
	cmd.Flags().BoolVar(&f.noCache, "no-cache", false, "read every file again, and neither read nor write the cache (.buttress_cache)")
}

// fileName is the value of a flag that names a file: an empty name is a usage error, where
// a plain string flag would read it as not given.
type fileName string

func (v *fileName) String() string { return string(*v) }
func (v *fileName) Type() string   { return "string" }
func (v *fileName) Set(s string) error {
	if s == "" {
		return errors.New("the file name is empty: give the configuration file to read, or leave the flag out to search for it")
	}
	*v = fileName(s)
	return nil
}

// validate checks the flag values before anything is read.
func (f *projectFlags) validate() error {
	if f.threads < 0 {
		return fmt.Errorf("--threads %d: give a number of parallel parsers, or 0 for one per core", f.threads)
	}
	return nil
}

// load finds the configuration (from dir upwards, or --config) and loads the project,
// reporting its problems on stderr. A project without a file to read is an error.
func (f *projectFlags) load(cmd *cobra.Command, dir string) (*workspace.Workspace, *places, error) {
	cfg, err := f.loadConfig(cmd.ErrOrStderr(), dir)
	if err != nil {
		return nil, nil, err
	}
	return f.loadWorkspace(cmd.ErrOrStderr(), cfg, &scope{}, workspace.Options{}, false)
}

// loadWorkspace loads the project of cfg, limited to the scope, after checking its source
// roots; it reports the loading problems of the scope on w, but for syntax errors when they
// are findings (check). A run that would analyse no file is an error: nothing checked must
// never read as nothing found.
func (f *projectFlags) loadWorkspace(w io.Writer, cfg *config.Config, s *scope, opts workspace.Options, syntaxFindings bool) (*workspace.Workspace, *places, error) {
	if err := checkSourceRoots(cfg); err != nil {
		return nil, nil, err
	}
	opts.Workers = f.threads
	opts.Only = s.only()
	if err := f.useCache(cfg, &opts); err != nil {
		return nil, nil, err
	}
	ws, err := workspace.Load(cfg, opts)
	if err != nil {
		return nil, nil, err
	}
	showNotices(w, ws)
	pl := newPlaces(ws.Project.Root)
	keep := s.problems
	if syntaxFindings {
		keep = func(p workspace.Problem) bool { return p.Kind != "syntax" && s.problems(p) }
	}
	reportProblems(w, ws, keep, pl)
	if err := s.analysed(w, ws, pl); err != nil {
		showCacheNotices(w, ws.Finish())
		return nil, nil, err
	}
	return ws, pl, nil
}

// reportProblems prints what went wrong while loading, one line each, then a count. keep,
// when not nil, picks the problems to show.
func reportProblems(w io.Writer, ws *workspace.Workspace, keep func(p workspace.Problem) bool, pl *places) {
	problems := ws.Problems
	if keep != nil {
		problems = nil
		for _, p := range ws.Problems {
			if keep(p) {
				problems = append(problems, p)
			}
		}
	}
	if len(problems) == 0 {
		return
	}
	const show = 20
	for i, p := range problems {
		if i == show {
			fmt.Fprintf(w, "buttress: ... and %s more\n", plural(len(problems)-show, "problem"))
			break
		}
		if p.Line > 0 {
			fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", pl.text(p.Path), p.Line, pl.col(p.Path, p.Line, p.Col+1), p.Kind, p.Msg)
		} else {
			fmt.Fprintf(w, "%s: %s: %s\n", pl.text(p.Path), p.Kind, p.Msg)
		}
	}
	fmt.Fprintf(w, "buttress: %s in %s read (the analysis uses everything it could read)\n", plural(len(problems), "problem"), plural(ws.Read(), "file"))
}

// parseKinds reads a --kinds value such as "module,function".
func parseKinds(s string) (imports.KindSet, error) {
	var set imports.KindSet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if part == "all" {
			return imports.AllKinds, nil
		}
		k, ok := imports.ParseKind(part)
		if !ok {
			return 0, fmt.Errorf("--kinds: unknown import kind %q: use module, function, type_checking or all", part)
		}
		set |= imports.Kinds(k)
	}
	if set == 0 {
		return 0, fmt.Errorf("--kinds: give at least one of module, function, type_checking")
	}
	return set, nil
}

// checkModule makes sure name is a module of the graph or a package with modules inside.
func checkModule(g *imports.Graph, name string) error {
	for _, m := range g.Modules {
		if imports.Within(m.Name, name) {
			return nil
		}
	}
	best, bestDist := "", 4
	for _, m := range g.Modules {
		if d := editDistance(m.Name, name); d < bestDist {
			best, bestDist = m.Name, d
		}
	}
	if best != "" {
		return fmt.Errorf("no module %q in this project (did you mean %q?)", name, best)
	}
	return fmt.Errorf("no module %q in this project: `buttress graph --format text` lists its modules", name)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func newGraphCmd() *cobra.Command {
	var pf projectFlags
	var format, kinds string
	var collapse int
	var external, cycles bool
	cmd := &cobra.Command{
		Use:   "graph [PATH]",
		Short: "Show the import graph of the project at PATH (default: the current directory)",
		Long: `Show the import graph: every first-party module and every import between them,
found by reading the code (nothing is imported or run).

With --cycles, list every set of modules that import each other in a cycle, each with one
shortest cycle through it and the file:line of every import on it; exit 1 when there is one.
By default only module-level imports count for cycles (those that run on import); --kinds
adds function-level and TYPE_CHECKING imports.

The JSON form is documented in docs/graph-json.md.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			valid := []string{"text", "json", "dot", "mermaid"}
			if cycles {
				valid = []string{"text", "json"}
			}
			if err := checkFormat(cmd, format, valid); err != nil {
				if cycles {
					err = fmt.Errorf("%v with --cycles", err)
				}
				return err
			}
			if err := pf.validate(); err != nil {
				return err
			}
			if collapse < 0 {
				return fmt.Errorf("--collapse %d: give the number of leading name parts to keep (1 for top-level packages), or 0 not to collapse", collapse)
			}
			dir := ""
			if len(args) > 0 {
				dir = args[0]
			}
			defaultKinds := "all"
			if cycles {
				defaultKinds = "module"
			}
			if kinds == "" {
				kinds = defaultKinds
			}
			ks, err := parseKinds(kinds)
			if err != nil {
				return err
			}
			cfg, err := pf.loadConfig(cmd.ErrOrStderr(), dir)
			if err != nil {
				return err
			}
			// The files are parsed as the walk finds them, before graphHeap knows how many
			// there are: until then the heap may grow to graphHeap's largest floor.
			gctune.SetFloor(graphHeapMax)
			ws, pl, err := pf.loadWorkspace(cmd.ErrOrStderr(), cfg, &scope{}, workspace.Options{Sized: graphHeap}, false)
			if err != nil {
				return err
			}
			g := ws.ImportGraph()
			if collapse > 0 {
				g = g.Collapse(collapse)
			}
			out := cmd.OutOrStdout()
			if cycles {
				return writeCycles(out, g.Cycles(ks), format, pl)
			}
			o := imports.RenderOptions{External: external, Kinds: ks}
			switch format {
			case "json":
				o.Col = charColumn(pl)
				return g.WriteJSON(out, o)
			case "dot":
				return g.WriteDOT(out, o)
			case "mermaid":
				return g.WriteMermaid(out, o)
			}
			return g.WriteText(out, o)
		},
	}
	pf.add(cmd)
	addFormatFlag(cmd, &format, "text", "output format: json, dot, mermaid or text")
	cmd.Flags().IntVar(&collapse, "collapse", 0, "merge modules into their first N name parts (packages)")
	cmd.Flags().BoolVar(&external, "external", false, "include standard-library and third-party modules")
	cmd.Flags().BoolVar(&cycles, "cycles", false, "list import cycles instead of the graph (exit 1 when there is one)")
	cmd.Flags().StringVar(&kinds, "kinds", "", "import kinds to use: module, function, type_checking, all (default: all; module for --cycles)")
	return cmd
}

// graphHeap lets the heap grow to 10 KiB a file (up to 256 MiB) before it is collected,
// once the files are known (workspace.Options.Sized). graph keeps
// about 4 KB of each file while it parses the rest (its summary, its imports resolved), and
// Go's collector (GOGC 200) lets the heap reach three times what it keeps: below that, the
// floor only spares collections. On the 3.11 site-packages (15,450 files, a floor of
// 121 MiB): 11.92 -> 11.37 G instructions under callgrind (GOMAXPROCS=1, the collector
// counted), 14 -> 9-10 collections, peak RSS 208-229 -> 215-247 MB; the 3.11 standard
// library (1,800 files) keeps the 64 MiB floor of main.go. 8 KiB a file until graph
// allocated less than that for the whole run (eighth round: 185 -> 130 MB on the
// site-packages, 8.4 KiB a file): 10 KiB lets it run without a collection (one at 112 MB
// before), whose marking is CPU time and whose freed memory was not reused much before the
// end; page faults 36,400 -> 34,300 (median of 5), peak RSS 155 -> 148 MB.
func graphHeap(files int) {
	gctune.SetFloor(min(max(64<<20, uint64(files)*10<<10), graphHeapMax))
}

// graphHeapMax is the largest floor graphHeap sets.
const graphHeapMax = 256 << 20

// charColumn returns the column JSON shows for an import: the 1-based character column,
// as every JSON output of buttress has them (the graph holds 0-based byte columns, as
// CPython's col_offset). The graph's paths stay relative to the project root: the graph
// document describes the project, the same from wherever it is written
// (docs/graph-json.md).
//
// It is called from several goroutines at once (imports.RenderOptions.Col): the files read
// for the columns the summaries did not count are read one at a time.
func charColumn(pl *places) func(e *imports.Edge) int {
	var mu sync.Mutex
	return func(e *imports.Edge) int {
		if e.CharCol > 0 {
			return e.CharCol // counted by the summary: the file is not read again
		}
		mu.Lock()
		defer mu.Unlock()
		return pl.col(e.Path, e.Line, e.Col+1)
	}
}

type jsonHop struct {
	Importer string `json:"importer"`
	Imported string `json:"imported"`
	Path     string `json:"path"`
	Path64   string `json:"path_base64,omitempty"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Kind     string `json:"kind"`
}

// hops are the imports of a chain for JSON: paths relative to the current directory,
// 1-based character columns.
func hops(edges []imports.Edge, pl *places) []jsonHop {
	out := []jsonHop{}
	for _, e := range edges {
		path := pl.path(e.Path)
		col := e.CharCol
		if col == 0 {
			col = pl.col(e.Path, e.Line, e.Col+1)
		}
		out = append(out, jsonHop{e.Importer, e.Imported, path, report.PathBase64(path), e.Line, col, e.Kind.String()})
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeCycles(w io.Writer, cycles []imports.Cycle, format string, pl *places) error {
	switch format {
	case "json":
		type jc struct {
			Modules  []string  `json:"modules"`
			Cycle    []jsonHop `json:"cycle"`
			Unproven bool      `json:"unproven,omitempty"`
		}
		out := struct {
			Version int  `json:"version"`
			Cycles  []jc `json:"cycles"`
		}{Version: 1, Cycles: []jc{}}
		for _, c := range cycles {
			out.Cycles = append(out.Cycles, jc{c.Modules, hops(c.Witness, pl), c.Unproven})
		}
		if err := writeJSON(w, out); err != nil {
			return err
		}
	default:
		if len(cycles) == 0 {
			fmt.Fprintln(w, "no import cycles")
			return nil
		}
		for i, c := range cycles {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "cycle %d of %d: %s import each other: %s\n", i+1, len(cycles), plural(len(c.Modules), "module"), strings.Join(c.Modules, ", "))
			if c.Unproven {
				fmt.Fprintf(w, "  a cycle (%s; maybe not the shortest: the set is too large to search whole):\n", plural(len(c.Witness), "import"))
			} else {
				fmt.Fprintf(w, "  a shortest cycle (%s):\n", plural(len(c.Witness), "import"))
			}
			writeChain(w, c.Witness, "    ", pl)
		}
	}
	if len(cycles) > 0 {
		return exitError{ExitFindings}
	}
	return nil
}

// writeChain writes one import per line, aligned: `a -> b    path:line`.
func writeChain(w io.Writer, chain []imports.Edge, indent string, pl *places) {
	width := 0
	for _, e := range chain {
		width = max(width, len(e.Importer)+len(e.Imported)+4)
	}
	for _, e := range chain {
		hop := e.Importer + " -> " + e.Imported
		fmt.Fprintf(w, "%s%-*s  %s:%d", indent, width, hop, pl.text(e.Path), e.Line)
		if e.Kind != imports.KindModule {
			fmt.Fprintf(w, "  (%s)", e.Kind)
		}
		fmt.Fprintln(w)
	}
}

// queryFlags are the flags of the graph queries (why, deps, rdeps).
type queryFlags struct {
	projectFlags
	format, kinds, dir string
}

func (q *queryFlags) add(cmd *cobra.Command) {
	q.projectFlags.add(cmd)
	cmd.Flags().StringVar(&q.dir, "project", "", "the project's directory (default: the current directory)")
	addFormatFlag(cmd, &q.format, "text", "output format: text or json")
	cmd.Flags().StringVar(&q.kinds, "kinds", "module,function", "import kinds to follow: module, function, type_checking, all (TYPE_CHECKING imports never run, so they are left out by default)")
}

// load checks the flags, reads --kinds and loads the project.
func (q *queryFlags) load(cmd *cobra.Command) (*workspace.Workspace, imports.KindSet, *places, error) {
	if err := checkFormat(cmd, q.format, []string{"text", "json"}); err != nil {
		return nil, 0, nil, err
	}
	if err := q.validate(); err != nil {
		return nil, 0, nil, err
	}
	ks, err := parseKinds(q.kinds)
	if err != nil {
		return nil, 0, nil, err
	}
	ws, pl, err := q.projectFlags.load(cmd, q.dir)
	return ws, ks, pl, err
}

func newWhyCmd() *cobra.Command {
	var q queryFlags
	cmd := &cobra.Command{
		Use:   "why A B",
		Short: "Show the shortest chain of imports from module A to module B",
		Long: `Show the shortest chain of imports by which module A (or any module in package A)
comes to import module B (or any module in package B), each import with its file:line.
Exit 1 when there is no such chain.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, ks, pl, err := q.load(cmd)
			if err != nil {
				return err
			}
			from, to := args[0], args[1]
			for _, m := range []string{from, to} {
				if err := checkModule(ws.ImportGraph(), m); err != nil {
					return err
				}
			}
			chain := ws.ImportGraph().Why(from, to, ks)
			out := cmd.OutOrStdout()
			switch q.format {
			case "json":
				if err := writeJSON(out, struct {
					Version int       `json:"version"`
					From    string    `json:"from"`
					To      string    `json:"to"`
					Found   bool      `json:"found"`
					Chain   []jsonHop `json:"chain"`
				}{1, from, to, chain != nil, hops(chain, pl)}); err != nil {
					return err
				}
			default:
				if chain == nil {
					fmt.Fprintf(out, "%s does not import %s, directly or indirectly\n", from, to)
				} else {
					fmt.Fprintf(out, "%s imports %s through %s:\n", from, to, plural(len(chain), "import"))
					writeChain(out, chain, "  ", pl)
				}
			}
			if chain == nil {
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	q.add(cmd)
	return cmd
}

func newDepsCmd(reverse bool) *cobra.Command {
	var q queryFlags
	var transitive bool
	use, short := "deps MODULE", "List the first-party modules that MODULE imports"
	if reverse {
		use, short = "rdeps MODULE", "List the first-party modules that import MODULE"
	}
	cmd := &cobra.Command{
		Use:   use,
		Short: short + " (directly, or with --transitive through any chain)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, ks, _, err := q.load(cmd)
			if err != nil {
				return err
			}
			if err := checkModule(ws.ImportGraph(), args[0]); err != nil {
				return err
			}
			mods := ws.ImportGraph().Deps(args[0], ks, transitive, reverse)
			out := cmd.OutOrStdout()
			switch q.format {
			case "json":
				if mods == nil {
					mods = []string{}
				}
				return writeJSON(out, struct {
					Version    int      `json:"version"`
					Module     string   `json:"module"`
					Reverse    bool     `json:"reverse"`
					Transitive bool     `json:"transitive"`
					Modules    []string `json:"modules"`
				}{1, args[0], reverse, transitive, mods})
			}
			for _, m := range mods {
				fmt.Fprintln(out, m)
			}
			return nil
		},
	}
	q.add(cmd)
	cmd.Flags().BoolVar(&transitive, "transitive", false, "follow chains of imports, not only direct ones")
	return cmd
}
