package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/baseline"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/lsp"
	"github.com/buttresspy/buttress/internal/workspace"
)

func newServerCmd() *cobra.Command {
	var pf projectFlags
	var debounce time.Duration
	cmd := &cobra.Command{
		Use:   "server",
		Short: "Run the language server (LSP, over standard input and output) that shows check's findings in an editor",
		Long: `Run a language server for editors: it speaks the Language Server Protocol on standard
input and output, as ` + "`ruff server`" + ` does, and is started by the editor, not by hand.

It shows what ` + "`buttress check`" + ` reports (the same rules, selection, per-file-ignores,
suppression comments, contracts and baseline) as diagnostics of the files open in the
editor: when a file is opened or saved, and after a pause in typing, on the text being
edited, saved or not. Contract findings follow the edited imports at once. Hover on a
finding shows its rule's documentation (` + "`buttress rule CODE`" + `); its quick fix adds
` + "`# buttress: ignore[CODE]`" + ` to the line.

The project is the one that holds the editor's workspace folder (or the first file opened),
found as check finds it; it is loaded once, with the cache, and each edit analyses only the
edited file again. Saving a configuration or the baseline loads the project again.
Messages go to standard error, which editors keep in their log.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := pf.validate(); err != nil {
				return err
			}
			if debounce < 0 {
				return fmt.Errorf("--debounce %v: give a duration of 0 or more, such as 200ms", debounce)
			}
			stderr := cmd.ErrOrStderr()
			stdio := &stdioStream{in: cmd.InOrStdin(), out: cmd.OutOrStdout()}
			err := lsp.Serve(context.Background(), stdio, lsp.Options{
				Load: func(dir string) (lsp.Analyzer, error) {
					return loadServerProject(stderr, pf, dir)
				},
				RuleDoc:  ruleDoc,
				Reload:   reloadsProject,
				Debounce: debounce,
				Log:      stderr,
				Version:  Version,
			})
			if err != nil {
				fmt.Fprintf(stderr, "buttress server: %v\n", err)
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	pf.add(cmd)
	cmd.Flags().DurationVar(&debounce, "debounce", 100*time.Millisecond, "how long to wait after an edit before analysing the text again")
	return cmd
}

// stdioStream is standard input and output as one stream.
type stdioStream struct {
	in  io.Reader
	out io.Writer
}

func (s *stdioStream) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s *stdioStream) Write(p []byte) (int, error) { return s.out.Write(p) }
func (s *stdioStream) Close() error                { return nil } // the process is ending

// ruleDoc is the documentation of a rule, as `buttress rule CODE` prints it.
func ruleDoc(code string) (string, bool) {
	var out bytes.Buffer
	cmd := newRuleCmd()
	cmd.SetOut(&out)
	cmd.SetErr(io.Discard)
	cmd.SetArgs([]string{code})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err != nil {
		return "", false
	}
	return out.String(), true
}

// reloadsProject reports whether saving a file changes what the server checks: the
// configurations buttress reads (its own, tach's, import-linter's, mypy's) and the baseline.
func reloadsProject(path string) bool {
	switch filepath.Base(path) {
	case "pyproject.toml", "buttress.toml", "tach.toml", ".importlinter", "setup.cfg", "tox.ini", "mypy.ini", ".mypy.ini", baseline.FileName:
		return true
	}
	return strings.HasSuffix(path, ".json") && strings.Contains(filepath.Base(path), "baseline")
}

// serverProject is a project loaded for the language server, kept from edit to edit.
type serverProject struct {
	w       io.Writer // warnings of the first analysis
	threads int
	cfg     *config.Config
	setup   *checkSetup
	ws      *workspace.Workspace
	root    string
	// bufs are the texts of the files the editor gave (rel -> text): the places and the
	// baseline read them as check reads a file given on standard input.
	bufs map[string]string
	// To load the project again when the editor shows a file it did not have (a new file):
	// how it was loaded, and the files that a new load did not take either (excluded by the
	// configuration, not Python), which are not worth another.
	pf      projectFlags
	dir     string
	outside map[string]bool
	// sups are the suppressions of the files analysed, as their own rules left them: each
	// analysis starts from a copy, so that a contract finding silenced in an earlier one (and
	// gone since) does not count as a use (SUP001).
	sups map[string]*analysis.Suppressions
}

// loadServerProject loads the project that holds dir as check loads it, with the cache;
// what check would print on the way goes to w.
func loadServerProject(w io.Writer, pf projectFlags, dir string) (*serverProject, error) {
	pf.server = true
	cfg, err := pf.loadConfig(w, dir)
	if err != nil {
		return nil, err
	}
	setup, err := newCheckSetup(w, cfg, selectFlags{})
	if err != nil {
		return nil, err
	}
	ws, _, err := pf.loadWorkspace(w, cfg, &scope{}, setup.workspaceOptions(), true)
	if err != nil {
		return nil, err
	}
	return &serverProject{w: w, threads: pf.threads, cfg: cfg, setup: setup, ws: ws, root: ws.Project.Root, bufs: map[string]string{},
		pf: pf, dir: dir, outside: map[string]bool{}, sups: map[string]*analysis.Suppressions{}}, nil
}

func (p *serverProject) Root() string { return p.root }

// reload loads the project again, for files created since it was loaded, and gives the new
// workspace the editor's texts. A file the new load does not take either is outside the
// project: not loaded for again. A load that fails keeps the project as it was.
func (p *serverProject) reload(unknown []string) {
	q, err := loadServerProject(io.Discard, p.pf, p.dir)
	if err != nil {
		fmt.Fprintf(p.w, "buttress server: loading the project again for %s: %v\n", unknown[0], err)
		for _, rel := range unknown {
			p.outside[rel] = true
		}
		return
	}
	for rel, text := range p.bufs {
		if !q.ws.Update(rel, []byte(text)) {
			delete(q.bufs, rel)
			continue
		}
		q.bufs[rel] = text
	}
	for rel := range p.outside {
		q.outside[rel] = true
	}
	for _, rel := range unknown {
		if _, ok := q.bufs[rel]; !ok {
			q.outside[rel] = true
		}
	}
	q.w = p.w
	*p = *q
}

// rel returns the path of a file relative to the project root, slash-separated; false for
// a file outside the project.
func (p *serverProject) rel(path string) (string, bool) {
	rel, err := filepath.Rel(p.root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// Analyze implements lsp.Analyzer: each changed file is summarised again (its rules run on
// the new text, its edges in the import graph replaced), then check's findings are gathered
// for the open files, contracts checked on the whole graph.
func (p *serverProject) Analyze(changed map[string][]byte, open []string) (map[string][]finding.Finding, error) {
	var unknown []string // files on disk that the project did not have when it was loaded
	for path, src := range changed {
		rel, ok := p.rel(path)
		if !ok {
			continue
		}
		if src == nil { // closed: back to the file on disk
			b, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			src = b
		}
		if p.ws.Update(rel, src) {
			p.bufs[rel] = string(src)
			delete(p.sups, rel) // the new summary's
		} else if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && !p.outside[rel] && isPython(rel) {
			unknown = append(unknown, rel)
			p.bufs[rel] = string(src)
		}
	}
	if len(unknown) > 0 {
		p.reload(unknown)
	}
	s := &scope{}
	for _, path := range open {
		if rel, ok := p.rel(path); ok {
			s.paths = append(s.paths, scopePath{arg: rel, rel: rel})
		}
	}
	out := map[string][]finding.Finding{}
	if len(s.paths) == 0 {
		return out, nil
	}
	for _, f := range p.ws.Files {
		if f.Suppressions == nil || !s.contains(f.Rel) {
			continue
		}
		if kept, ok := p.sups[f.Rel]; ok {
			f.Suppressions = kept.Clone()
		} else {
			p.sups[f.Rel] = f.Suppressions.Clone()
		}
	}
	pl := newPlaces(p.root)
	pl.overlay = p.bufs
	w := p.w
	p.w = io.Discard // the contracts' warnings once, not at every keystroke
	fs, _ := p.setup.findings(w, p.ws, s, pl, p.threads)
	fs, _, err := applyBaseline(p.cfg, s, fs, false, p.bufs, p.ws)
	if err != nil {
		return nil, err
	}
	for _, f := range fs {
		if f.Path == "" {
			continue
		}
		abs := filepath.Join(p.root, filepath.FromSlash(f.Path))
		out[abs] = append(out[abs], f)
	}
	return out, nil
}
