package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/cache"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/gitrepo"
	"github.com/buttresspy/buttress/internal/history"
	"github.com/buttresspy/buttress/internal/htmlreport"
	"github.com/buttresspy/buttress/internal/imports"
)

func newHistoryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Record the project's measures commit by commit (build), and show them (show)",
		Long: `buttress history build walks the first-parent history of the current branch and records,
for each commit, its findings per rule, contract findings, annotation coverage, modules,
imports, cycles and complexity in an SQLite file (default .buttress_cache/history.sqlite).
buttress history show prints them; buttress report draws them as trends when the file exists.`,
	}
	cmd.AddCommand(newHistoryBuildCmd(), newHistoryShowCmd())
	return cmd
}

// historyDB is the default database of the project: history.sqlite in its cache directory.
func historyDB(cfg *config.Config) (string, error) {
	dir, err := cache.Dir(cfg.Root, cfg.CacheDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "history.sqlite"), nil
}

func newHistoryBuildCmd() *cobra.Command {
	var pf projectFlags
	var commits int
	var since, db string
	cmd := &cobra.Command{
		Use:   "build [PATH]",
		Short: "Record the measures of the last commits of the current branch (first parents)",
		Long: `Record, for each of the last commits of the first-parent history of HEAD (--commits, 30 by
default, or every commit since --since), what buttress check, coverage, graph and metrics
say of the project at PATH (default: the current directory) at that commit: findings per rule
(every finding: the baseline is not applied), contract findings, annotation coverage, modules,
first-party imports, import cycles (module-level imports), total and largest cyclomatic
complexity.

Each commit's files are read from git's objects, never from the work tree, which is not
touched (nothing is checked out): the Python and configuration files are written to a
directory in the user's cache ($XDG_CACHE_HOME/buttress/history), and only those that
changed from one commit to the next, so the content-hash cache reuses the summaries of the
files that did not change. Commits already recorded are skipped: running it again adds the
new ones. A commit whose configuration is broken is recorded with its error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := pf.validate(); err != nil {
				return err
			}
			if commits < 0 {
				return fmt.Errorf("--commits %d: give a number of commits, or 0 for no limit", commits)
			}
			var sinceT time.Time
			if since != "" {
				t, err := parseDate(since)
				if err != nil {
					return err
				}
				sinceT = t
				if !cmd.Flags().Changed("commits") {
					commits = 0
				}
			}
			stderr := cmd.ErrOrStderr()
			cfg, _, err := pf.loadConfigFor(stderr, args)
			if err != nil {
				return err
			}
			if db == "" {
				if db, err = historyDB(cfg); err != nil {
					return err
				}
				// The project's cache directory, made as the cache makes it: ignored by git
				// and by backup tools, so the database never shows as a change in the tree.
				if err := cache.Prepare(filepath.Dir(db)); err != nil {
					return fmt.Errorf("%s: cannot create the cache directory for the history: %v", filepath.Dir(db), err)
				}
			}
			return buildHistory(cmd.OutOrStdout(), stderr, &pf, cfg.Root, db, commits, sinceT)
		},
	}
	pf.add(cmd)
	cmd.Flags().IntVar(&commits, "commits", 30, "how many of the last commits to record (0: every one; with --since, no limit unless given)")
	cmd.Flags().StringVar(&since, "since", "", "record the commits from this date on (2026-01-31, or an RFC 3339 time)")
	cmd.Flags().StringVar(&db, "db", "", "the SQLite file (default: history.sqlite in the project's cache directory, .buttress_cache)")
	return cmd
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--since %q: give a date as 2026-01-31 or an RFC 3339 time (2026-01-31T12:00:00Z)", s)
}

// workDir is where history lays out the commits of the project at root in repo: in the user's
// cache, outside the repository (whose ignore files would apply inside it).
func workDir(repo *gitrepo.Repo, root string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory to lay out the commits in (%v): set XDG_CACHE_HOME", err)
	}
	sum := sha256.Sum256([]byte(repo.Top + "\x00" + root))
	return filepath.Join(base, "buttress", "history", hex.EncodeToString(sum[:8])), nil
}

func buildHistory(stdout, stderr io.Writer, pf *projectFlags, root, dbPath string, n int, since time.Time) error {
	repo, err := gitrepo.Open(root)
	if err != nil {
		return err
	}
	rootReal := root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		rootReal = r
	}
	prefix, err := filepath.Rel(repo.Top, rootReal)
	if err != nil || strings.HasPrefix(prefix, "..") {
		return fmt.Errorf("%s is not inside the git work tree %s", root, repo.Top)
	}
	prefix = filepath.ToSlash(prefix)
	list, err := repo.FirstParent(n, since)
	if err != nil {
		return err
	}
	store, err := history.Open(dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	var todo []gitrepo.Commit
	for i := len(list) - 1; i >= 0; i-- { // oldest first: each commit changes the tree a little
		has, err := store.Has(list[i].SHA)
		if err != nil {
			return fmt.Errorf("%s: %v", dbPath, err)
		}
		if !has {
			todo = append(todo, list[i])
		}
	}
	shownDB := pathText(dbPath)
	if len(todo) == 0 {
		fmt.Fprintf(stdout, "history: the %s are already recorded in %s\n", plural(len(list), "commit"), shownDB)
		return nil
	}
	dir, err := workDir(repo, rootReal)
	if err != nil {
		return err
	}
	tree, err := history.OpenTree(filepath.Join(dir, "tree"))
	if err != nil {
		return err
	}
	blobs, err := repo.Blobs()
	if err != nil {
		return err
	}
	defer blobs.Close()
	start := time.Now()
	for _, c := range todo {
		t0 := time.Now()
		entries, err := repo.Tree(c.SHA, prefix)
		if err != nil {
			return err
		}
		written, removed, err := tree.Sync(entries, blobs)
		if err != nil {
			return fmt.Errorf("laying out %s in %s: %v", short(c.SHA), tree.Dir, err)
		}
		r := measureCommit(pf, tree.Dir)
		r.SHA, r.Depth, r.Subject, r.Buttress = c.SHA, c.Depth, c.Subject, Version
		r.Date, r.AuthorDate = c.Date.Format(time.RFC3339), c.AuthorDate.Format(time.RFC3339)
		if err := store.Add(r); err != nil {
			return fmt.Errorf("%s: %v", shownDB, err)
		}
		line := fmt.Sprintf("%s %s  %d findings, %d on contracts, coverage %.1f%%, %d modules, %d cycles, complexity %d", short(c.SHA), c.Date.Format("2006-01-02"), r.Total, r.Contract, r.Coverage, r.Modules, r.Cycles, r.Complexity)
		if r.Error != "" {
			line = fmt.Sprintf("%s %s  not measured: %s", short(c.SHA), c.Date.Format("2006-01-02"), r.Error)
		}
		fmt.Fprintf(stdout, "%s  (%d files written, %d removed; %.2f s)\n", line, written, removed, time.Since(t0).Seconds())
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "history: %s recorded in %.1f s (%.2f s a commit) in %s\n", plural(len(todo), "commit"), el.Seconds(), el.Seconds()/float64(len(todo)), shownDB)
	return nil
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

// pathText is a path as the user gave it or relative to the current directory.
func pathText(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

// measureCommit measures the project laid out in dir as buttress check, coverage, graph and
// metrics would; a project that cannot be read gives a record with its error.
func measureCommit(pf *projectFlags, dir string) *history.Record {
	r := &history.Record{Findings: map[string]int{}}
	cfg, scope, err := pf.loadConfigFor(io.Discard, []string{dir})
	if err == nil {
		var a *analysed
		a, err = analyse(io.Discard, pf, cfg, scope, nil)
		if err == nil {
			fillRecord(r, a)
			return r
		}
	}
	// Paths in the message are the laid-out copy's: show them as the project's.
	msg := err.Error()
	forms := []string{dir}
	if wd, werr := os.Getwd(); werr == nil {
		if rel, rerr := filepath.Rel(wd, dir); rerr == nil {
			forms = append(forms, rel)
		}
	}
	for _, form := range forms {
		msg = strings.ReplaceAll(msg, form+string(filepath.Separator), "")
	}
	r.Error = msg
	return r
}

func fillRecord(r *history.Record, a *analysed) {
	for _, f := range a.findings {
		r.Findings[f.Code]++
		r.Total++
		if strings.HasPrefix(f.Code, "ARCH") {
			r.Contract++
		}
	}
	g := a.ws.ImportGraph()
	r.Modules = len(g.Modules)
	for _, e := range g.Edges {
		if e.Category == imports.FirstParty {
			r.Imports++
		}
	}
	r.Cycles = len(g.Cycles(imports.Kinds(imports.KindModule)))
	_, total := coverageRows(a.ws, a.pl)
	r.Coverage = total.All.Percent()
	for _, f := range measured(a.ws) {
		r.Files++
		r.Lines += f.Metrics.Lines
		for _, fn := range f.Metrics.Functions {
			r.Complexity += fn.Cyclomatic
			r.MaxComplex = max(r.MaxComplex, fn.Cyclomatic)
		}
	}
}

func newHistoryShowCmd() *cobra.Command {
	var pf projectFlags
	var db, format string
	cmd := &cobra.Command{
		Use:   "show [PATH]",
		Short: "Print the recorded measures, one row per commit, oldest first",
		Long: `Print what buttress history build recorded, one row per commit, oldest first. JSON is
{"commits": [{"sha": ..., "date": ..., "findings": {CODE: count}, "coverage": ..., ...}]}.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, []string{"text", "json"}); err != nil {
				return err
			}
			if db == "" {
				cfg, _, err := pf.loadConfigFor(cmd.ErrOrStderr(), args)
				if err != nil {
					return err
				}
				if db, err = historyDB(cfg); err != nil {
					return err
				}
			}
			store, err := history.OpenExisting(db)
			if err != nil {
				return err
			}
			if store == nil {
				return fmt.Errorf("%s: no history yet: buttress history build records it", pathText(db))
			}
			defer store.Close()
			rs, err := store.All()
			if err != nil {
				return fmt.Errorf("%s: %v", pathText(db), err)
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				if rs == nil {
					rs = []history.Record{}
				}
				return writeJSON(out, struct {
					Commits []history.Record `json:"commits"`
				}{rs})
			}
			fmt.Fprintf(out, "%-12s %-10s %8s %8s %6s %8s %10s %5s %8s %8s\n", "commit", "date", "modules", "imports", "cycles", "coverage", "complexity", "max", "findings", "contract")
			for _, r := range rs {
				date := r.Date
				if len(date) >= 10 {
					date = date[:10]
				}
				if r.Error != "" {
					fmt.Fprintf(out, "%-12s %-10s not measured: %s\n", short(r.SHA), date, r.Error)
					continue
				}
				fmt.Fprintf(out, "%-12s %-10s %8d %8d %6d %7.1f%% %10d %5d %8d %8d\n", short(r.SHA), date, r.Modules, r.Imports, r.Cycles, r.Coverage, r.Complexity, r.MaxComplex, r.Total, r.Contract)
			}
			return nil
		},
	}
	pf.add(cmd)
	cmd.Flags().StringVar(&db, "db", "", "the SQLite file (default: history.sqlite in the project's cache directory, .buttress_cache)")
	addFormatFlag(cmd, &format, "text", "output format: text or json")
	return cmd
}

// historyTrends reads the trends of the report from the project's history, when there is one.
func historyTrends(stderr io.Writer, cfg *config.Config, db string) []htmlreport.Trend {
	if db == "" {
		var err error
		if db, err = historyDB(cfg); err != nil {
			return nil
		}
	}
	store, err := history.OpenExisting(db)
	if err != nil {
		fmt.Fprintf(stderr, "buttress: no trends in the report: %v\n", err)
		return nil
	}
	if store == nil {
		return nil
	}
	defer store.Close()
	rs, err := store.All()
	if err != nil {
		fmt.Fprintf(stderr, "buttress: no trends in the report: %s: %v\n", pathText(db), err)
		return nil
	}
	var ts []htmlreport.Trend
	for _, r := range rs {
		if r.Error != "" {
			continue
		}
		ts = append(ts, htmlreport.Trend{SHA: r.SHA, Date: r.Date, Findings: r.Findings, Coverage: r.Coverage, Cycles: r.Cycles, Modules: r.Modules, Complex: r.Complexity, MaxComplx: r.MaxComplex})
	}
	return ts
}
