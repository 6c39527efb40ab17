package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/gitrepo"
	"github.com/buttresspy/buttress/internal/htmlreport"
	"github.com/buttresspy/buttress/internal/imports"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/workspace"
)

// churnMonths is how far back the hotspots count changes.
const churnMonths = 6

func newReportCmd() *cobra.Command {
	var pf projectFlags
	var out string
	var noGit bool
	var historyFile string
	cmd := &cobra.Command{
		Use:   "report [PATH] -o FILE",
		Short: "Write the project's architecture as one self-contained HTML file (graph, findings, coverage, hotspots)",
		Long: `Write one HTML file that shows the project at PATH (default: the current directory):

  - the package graph: packages as boxes that open and close, edges weighted by their
    imports, the layers of the layers contracts as bands in their declared order, the
    imports that break a contract in red (click one for its findings and chain), import
    cycles highlighted, a search box, and "why does A import B" by clicking two boxes;
  - the findings of ` + "`buttress check`" + ` (same rules, contracts and baseline), by rule, package
    and file, with each rule's documentation;
  - annotation coverage per package as a treemap;
  - hotspots: complexity times churn, the lines changed over the last 6 months of git
    history when the project is in a git repository.

Everything is inline (styles, data, scripts): the file needs no network, so it can be kept
as a CI artifact or attached to a pull request. Exit code 0 when the file is written,
whatever the findings; 2 on a usage or configuration error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("-o FILE is required: the HTML file to write (for example -o buttress-report.html)")
			}
			if err := pf.validate(); err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			cfg, scope, err := pf.loadConfigFor(stderr, args)
			if err != nil {
				return err
			}
			a, err := analyse(stderr, &pf, cfg, scope, progress(stderr))
			if err != nil {
				return err
			}
			ws, cs, fs := a.ws, a.contracts, a.findings
			shown, hidden, err := applyBaseline(cfg, scope, fs, false, nil, ws)
			if err != nil {
				return err
			}
			d := reportData(ws, cs, fs, shown, hidden != nil)
			if hidden != nil {
				d.Baseline = hidden.File
			}
			if !noGit {
				addChurn(stderr, d, ws)
			}
			d.Trends = historyTrends(stderr, cfg, historyFile)
			return writeReport(out, d)
		},
	}
	pf.add(cmd)
	cmd.Flags().StringVarP(&out, "output", "o", "", "the HTML file to write (required; - for standard output)")
	cmd.Flags().StringVar(&historyFile, "history", "", "draw the trends from this history database (default: history.sqlite in the cache directory, when buttress history build made it)")
	cmd.Flags().BoolVar(&noGit, "no-git", false, "leave churn out of the hotspots (do not read the git history)")
	return cmd
}

// analysed is a project read and checked as check does it, with the metrics.
type analysed struct {
	ws        *workspace.Workspace
	pl        *places
	contracts []contracts.Contract
	findings  []finding.Finding // every finding, baseline or not, sorted
}

// analyse loads the project of cfg with the metrics and gathers the findings of check: the
// per-file rules, syntax errors, contracts and unused suppressions, with the configured
// selection. Loading problems are reported on stderr.
func analyse(stderr io.Writer, pf *projectFlags, cfg *config.Config, scope *scope, prog func(total int, done *atomic.Int64) func()) (*analysed, error) {
	selection := configSelection(cfg)
	configured, err := analysis.Configure(selection, rules.All(), ruleOptions{cfg})
	if err != nil {
		return nil, err
	}
	selection.ResolveScopes(rules.All())
	cs, err := loadContracts(cfg)
	if err != nil {
		return nil, err
	}
	on, err := reportedRulesOn(selection)
	if err != nil {
		return nil, err
	}
	ws, pl, err := pf.loadWorkspace(stderr, cfg, scope, workspace.Options{
		Rules: configured, Ignored: selection.IgnoresIn, IgnoredID: selection.Fingerprint(), IgnoredGenerated: selection.IgnoredInGenerated,
		Metrics: true, Progress: prog,
	}, true)
	if err != nil {
		return nil, err
	}
	var fs []finding.Finding
	if on[analysis.SyntaxRule.Code] {
		fs = syntaxFindings(ws, scope, selection, pl)
	}
	for _, f := range ws.Files {
		for _, fd := range f.Findings {
			if !selection.IgnoredIn(fd.Path, fd.Code, fd.Rule) {
				fs = append(fs, fd)
			}
		}
	}
	if len(cs) > 0 {
		fs = append(fs, contractFindings(stderr, cs, ws, on, analysis.NewRuleSet(configured), selection, scope, pf.threads, pl)...)
	}
	fs = append(fs, unusedSuppressions(ws, configured, selection, scope)...)
	finding.Sort(fs)
	return &analysed{ws: ws, pl: pl, contracts: cs, findings: fs}, nil
}

// writeReport writes the page to path, through a temporary file so that a failed run leaves
// no half-written report behind.
func writeReport(path string, d *htmlreport.Data) error {
	if path == "-" {
		return htmlreport.Write(os.Stdout, d)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".buttress-report-*.html")
	if err != nil {
		return fmt.Errorf("-o %s: cannot write there: %v", path, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name())
	if err := htmlreport.Write(tmp, d); err != nil {
		tmp.Close()
		return fmt.Errorf("-o %s: %v", path, unwrapPathError(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("-o %s: %v", path, unwrapPathError(err))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("-o %s: %v", path, unwrapPathError(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("-o %s: %v", path, unwrapPathError(err))
	}
	return nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

// reportData gathers the page's data from the loaded project. fs are all the findings, shown
// those not in the baseline (the same as fs when there is none).
func reportData(ws *workspace.Workspace, cs []contracts.Contract, fs, shown []finding.Finding, hasBaseline bool) *htmlreport.Data {
	g := ws.ImportGraph()
	d := &htmlreport.Data{Project: projectName(ws), Version: Version, Rules: map[string]htmlreport.Rule{}}
	index := make(map[string]int, len(g.Modules))
	files := map[string]int{} // path -> module index
	for i, m := range g.Modules {
		index[m.Name] = i
		d.Modules = append(d.Modules, htmlreport.Module{Name: m.Name, Path: m.Path, Package: m.Package})
		if m.Path != "" {
			files[m.Path] = i
		}
	}
	for _, f := range ws.Files {
		i, ok := index[f.Module]
		if !ok || f.Module == "" || f.Metrics == nil || f.Stub {
			continue
		}
		m := &d.Modules[i]
		m.Lines = f.Metrics.Lines
		var c counts
		for _, fn := range f.Metrics.Functions {
			c.add(fn)
			m.Functions++
			if fn.AnnotatedParams == fn.AnnotatableParams && returnAnnotated(fn) {
				m.Annotated++
			}
			m.Complex += fn.Cyclomatic
			m.MaxCx = max(m.MaxCx, fn.Cyclomatic)
		}
		m.Slots, m.SlotsAnn = c.Params+c.Returns, c.ParamsAnn+c.ReturnsAnn
	}
	// One edge per pair of modules, first-party only, counting the import statements.
	type pair struct{ from, to int }
	at := map[pair]int{}
	for _, e := range g.Edges {
		if e.Category != imports.FirstParty {
			continue
		}
		from, ok1 := index[e.Importer]
		to, ok2 := index[e.Imported]
		if !ok1 || !ok2 || from == to {
			continue
		}
		p := pair{from, to}
		if k, ok := at[p]; ok {
			d.Edges[k].Count++
			continue
		}
		at[p] = len(d.Edges)
		d.Edges = append(d.Edges, htmlreport.Edge{From: from, To: to, Count: 1, Path: e.Path, Line: e.Line})
	}
	for _, c := range g.Cycles(imports.Kinds(imports.KindModule)) {
		var set []int
		for _, m := range c.Modules {
			if i, ok := index[m]; ok {
				set = append(set, i)
			}
		}
		if len(set) > 1 {
			d.Cycles = append(d.Cycles, set)
		}
	}
	for _, c := range cs {
		l, ok := c.Spec.(*contracts.Layers)
		if !ok {
			continue
		}
		ls := htmlreport.Layers{Contract: c.Name, Containers: l.Containers}
		for _, layer := range l.Layers {
			ls.Layers = append(ls.Layers, layer.Modules)
		}
		d.Layers = append(d.Layers, ls)
	}
	isNew := map[string]bool{}
	if hasBaseline {
		for _, f := range shown {
			isNew[findingKey(&f)] = true
		}
	}
	for _, f := range fs {
		mod := -1
		if i, ok := files[f.Path]; ok {
			mod = i
		}
		hf := htmlreport.Finding{Code: f.Code, Rule: f.Rule, Path: f.Path, Line: f.Line, Col: f.Col, Message: f.Message, Symbol: f.Symbol, Module: mod, New: isNew[findingKey(&f)]}
		for _, n := range f.Notes {
			hf.Notes = append(hf.Notes, htmlreport.Note{Path: n.Path, Line: n.Line, Message: n.Message})
		}
		d.Findings = append(d.Findings, hf)
		if _, ok := d.Rules[f.Code]; !ok {
			d.Rules[f.Code] = reportRuleDoc(f.Code, f.Rule)
		}
	}
	return d
}

func findingKey(f *finding.Finding) string {
	return fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s", f.Path, f.Line, f.Col, f.Code, f.Message)
}

// reportRuleDoc is the documentation of the rule with the code, as `buttress rule CODE` shows it, for the report.
func reportRuleDoc(code, name string) htmlreport.Rule {
	r := rules.Lookup(code)
	if r == nil {
		for _, c := range contracts.Rules() {
			if c.Code == code {
				r = c
			}
		}
	}
	if r == nil {
		return htmlreport.Rule{Name: name}
	}
	return htmlreport.Rule{Name: r.Name, Summary: r.Summary, Help: r.Rationale, Bad: r.Bad, Good: r.Good, URL: analysis.DocsURLOf(r.Code)}
}

// projectName is the project's name: its root directory's.
func projectName(ws *workspace.Workspace) string {
	return filepath.Base(ws.Project.Root)
}

// addChurn counts each module's changes over the last months, when the project is in a git
// repository; otherwise the hotspots rank by complexity alone, and the page says why.
func addChurn(stderr io.Writer, d *htmlreport.Data, ws *workspace.Workspace) {
	repo, err := gitrepo.Open(ws.Project.Root)
	if err != nil {
		if !gitrepo.IsKind(err, gitrepo.NotRepo) {
			fmt.Fprintf(stderr, "buttress: hotspots without churn: %v\n", err)
		}
		return
	}
	since := time.Now().AddDate(0, -churnMonths, 0)
	churn, err := repo.Churn(since, ws.Project.Root)
	if err != nil {
		fmt.Fprintf(stderr, "buttress: hotspots without churn: %v\n", err)
		return
	}
	d.Churn = true
	d.ChurnFrom = since.UTC().Format("2006-01-02")
	for i := range d.Modules {
		m := &d.Modules[i]
		if c, ok := churn[m.Path]; ok {
			m.Churn, m.Commits = c.Lines, c.Commits
		}
	}
}
