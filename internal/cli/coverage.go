package cli

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/baseline"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/metrics"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/workspace"
)

// counts are annotation coverage counts.
type counts struct {
	Functions      int `json:"functions"`
	FullyAnnotated int `json:"fully_annotated"`
	Params         int `json:"parameters"`
	ParamsAnn      int `json:"parameters_annotated"`
	Returns        int `json:"returns"`
	ReturnsAnn     int `json:"returns_annotated"`
}

func (c *counts) add(fn metrics.Function) {
	c.Functions++
	c.Params += fn.AnnotatableParams
	c.ParamsAnn += fn.AnnotatedParams
	c.Returns++
	if returnAnnotated(fn) {
		c.ReturnsAnn++
	}
	if fn.AnnotatedParams == fn.AnnotatableParams && returnAnnotated(fn) {
		c.FullyAnnotated++
	}
}

func (c *counts) merge(o counts) {
	c.Functions += o.Functions
	c.FullyAnnotated += o.FullyAnnotated
	c.Params += o.Params
	c.ParamsAnn += o.ParamsAnn
	c.Returns += o.Returns
	c.ReturnsAnn += o.ReturnsAnn
}

// Percent is the share of annotatable slots (parameters and returns) that are annotated; 100
// when there is nothing to annotate.
func (c counts) Percent() float64 {
	total := c.Params + c.Returns
	if total == 0 {
		return 100
	}
	return 100 * float64(c.ParamsAnn+c.ReturnsAnn) / float64(total)
}

type coverageRow struct {
	Name    string  `json:"name"`
	Name64  string  `json:"name_base64,omitempty"` // a path that is not UTF-8 (report.PathBase64)
	Kind    string  `json:"kind"`                  // "module", "package" or "total"
	All     counts  `json:"all"`
	Public  counts  `json:"public"`
	Percent float64 `json:"percent"`
}

// isPublicName: no part of the qualified name is private (dunder names are public).
func isPublicName(qual string) bool {
	for _, part := range strings.Split(qual, ".") {
		if part == "<locals>" {
			return false
		}
		if strings.HasPrefix(part, "_") && !(strings.HasPrefix(part, "__") && strings.HasSuffix(part, "__")) {
			return false
		}
	}
	return true
}

func newCoverageCmd() *cobra.Command {
	var pf projectFlags
	var bf baselineFlags
	var format string
	var failUnder float64
	cmd := &cobra.Command{
		Use:   "coverage [PATH...]",
		Short: "Annotation coverage per module and package, for all and for public functions",
		Long: `Report how much of the project is annotated: per module and per package, the functions
fully annotated, the parameters annotated (self and cls not counted) and the returns annotated
(__init__ counts as annotated), for all functions and for public ones (no private part in
their qualified name). The percentage is annotated parameters and returns over all of them.

With --fail-under PCT (0 to 100), exit 1 when the percentage of the files measured is below
PCT: a ratchet for CI. It never passes when there is no function to measure.

The baseline holds a ratchet per module: --write-baseline records each module's percentage in
the baseline file (buttress-baseline.json, shared with check), and then coverage exits 1 when a
module falls below its record. Written again, a record only rises (=all records the current
values); a module new since is not held until it is recorded.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, []string{"text", "json"}); err != nil {
				return err
			}
			if err := pf.validate(); err != nil {
				return err
			}
			if err := bf.validate(); err != nil {
				return err
			}
			ratchet := cmd.Flags().Changed("fail-under")
			if ratchet && !(failUnder >= 0 && failUnder <= 100) { // NaN fails both
				return fmt.Errorf("--fail-under %v: give a percentage from 0 to 100", failUnder)
			}
			ws, _, pl, err := pf.loadScoped(cmd.ErrOrStderr(), args, workspace.Options{Metrics: true})
			if err != nil {
				return err
			}
			rows, total := coverageRows(ws, pl)
			if bf.write != "" {
				return writeCoverageBaseline(cmd.ErrOrStderr(), ws.Config, rows, bf.write == writeAll)
			}
			drops, err := coverageDrops(ws.Config, rows, bf.skip)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				if err := writeJSON(out, struct {
					Version int           `json:"version"`
					Rows    []coverageRow `json:"rows"`
					Total   coverageRow   `json:"total"`
				}{1, rows, total}); err != nil {
					return err
				}
			} else {
				writeCoverageText(out, rows, total)
			}
			for _, d := range drops {
				fmt.Fprintf(cmd.ErrOrStderr(), "buttress: %s: annotation coverage %.1f%% is below its baseline record, %.1f%%: annotate what was lost, or record the new value with --write-baseline=all\n", report.TextPath(d.Module), d.Now, d.Recorded)
			}
			switch {
			case len(drops) > 0:
				return exitError{ExitFindings}
			case ratchet && total.All.Functions == 0:
				fmt.Fprintf(cmd.ErrOrStderr(), "buttress: no function to measure in the files analysed (0 of 0 annotated): --fail-under %g cannot pass; give coverage the paths of the code\n", failUnder)
				return exitError{ExitFindings}
			case ratchet && total.Percent < failUnder:
				fmt.Fprintf(cmd.ErrOrStderr(), "buttress: annotation coverage %.1f%% is below --fail-under %g%%\n", total.Percent, failUnder)
				return exitError{ExitFindings}
			}
			return nil
		},
	}
	pf.add(cmd)
	bf.add(cmd, "each module's coverage")
	addFormatFlag(cmd, &format, "text", "output format: text or json")
	cmd.Flags().Float64Var(&failUnder, "fail-under", 0, "exit 1 when the total coverage percentage is below this (0 to 100)")
	return cmd
}

func coverageRows(ws *workspace.Workspace, pl *places) ([]coverageRow, coverageRow) {
	modules := map[string]*coverageRow{}
	packages := map[string]*coverageRow{}
	total := coverageRow{Name: "TOTAL", Kind: "total"}
	for _, f := range measured(ws) {
		name := f.Module
		if name == "" {
			name = pl.path(f.Rel)
		}
		r := &coverageRow{Name: name, Name64: report.PathBase64(name), Kind: "module"}
		for _, fn := range f.Metrics.Functions {
			r.All.add(fn)
			if isPublicName(fn.Name) {
				r.Public.add(fn)
			}
		}
		modules[name] = r
		total.All.merge(r.All)
		total.Public.merge(r.Public)
		// Every package above the module gets its counts.
		for i := len(name) - 1; i > 0 && f.Module != ""; i-- {
			if name[i] != '.' {
				continue
			}
			pkg := name[:i]
			p := packages[pkg]
			if p == nil {
				p = &coverageRow{Name: pkg, Kind: "package"}
				packages[pkg] = p
			}
			p.All.merge(r.All)
			p.Public.merge(r.Public)
		}
	}
	var rows []coverageRow
	for _, r := range packages {
		r.Percent = r.All.Percent()
		rows = append(rows, *r)
	}
	for _, r := range modules {
		r.Percent = r.All.Percent()
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Name != rows[j].Name {
			return rows[i].Name < rows[j].Name
		}
		return rows[i].Kind > rows[j].Kind // a package's total before its __init__ module
	})
	total.Percent = total.All.Percent()
	return rows, total
}

func writeCoverageText(w io.Writer, rows []coverageRow, total coverageRow) {
	fmt.Fprintf(w, "%-50s %12s %12s %12s %7s  %s\n", "module / package", "functions", "parameters", "returns", "cover", "public")
	line := func(r coverageRow) {
		name := report.TextPath(r.Name)
		if r.Kind == "package" {
			name += "/"
		}
		fmt.Fprintf(w, "%-50s %5d/%-6d %5d/%-6d %5d/%-6d %6.1f%%  %5.1f%%\n", name,
			r.All.FullyAnnotated, r.All.Functions, r.All.ParamsAnn, r.All.Params, r.All.ReturnsAnn, r.All.Returns,
			r.All.Percent(), r.Public.Percent())
	}
	for _, r := range rows {
		line(r)
	}
	line(total)
}

// moduleCoverage returns the percentage of each module of the rows that has functions.
func moduleCoverage(rows []coverageRow) map[string]float64 {
	out := map[string]float64{}
	for _, r := range rows {
		if r.Kind == "module" && r.All.Functions > 0 {
			out[r.Name] = math.Floor(r.Percent*100) / 100 // two decimals, so that the file stays readable
		}
	}
	return out
}

// coverageDrops returns the modules whose coverage fell below the baseline's record.
func coverageDrops(cfg *config.Config, rows []coverageRow, skip bool) ([]baseline.Drop, error) {
	if skip {
		return nil, nil
	}
	path, shown := baselinePath(cfg)
	b, err := baseline.Read(path, shown)
	if err != nil {
		return nil, err
	}
	return b.Fallen(moduleCoverage(rows)), nil
}

// writeCoverageBaseline records each module's coverage in the baseline, keeping its findings.
// A record only rises unless reset. Modules outside the rows (a coverage of some paths) keep
// theirs.
func writeCoverageBaseline(w io.Writer, cfg *config.Config, rows []coverageRow, reset bool) error {
	path, shown := baselinePath(cfg)
	b, err := baseline.Read(path, shown)
	if err != nil {
		return err
	}
	if b == nil {
		b = &baseline.Baseline{}
	}
	current := moduleCoverage(rows)
	recorded := baseline.RecordCoverage(b.Coverage, current, reset)
	for m, v := range b.Coverage {
		if _, measured := current[m]; !measured {
			recorded[m] = v
		}
	}
	b.Coverage = recorded
	if err := b.Write(path); err != nil {
		return fmt.Errorf("%s: cannot write the baseline: %v", shown, err)
	}
	fmt.Fprintf(w, "Wrote %s: the coverage of %s recorded; coverage fails when one falls below its record.\n", shown, plural(len(current), "module"))
	return nil
}
