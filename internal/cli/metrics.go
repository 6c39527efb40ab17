package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/metrics"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/summary"
	"github.com/buttresspy/buttress/internal/workspace"
)

func newMetricsCmd() *cobra.Command {
	var pf projectFlags
	var format string
	var packages bool
	cmd := &cobra.Command{
		Use:   "metrics [PATH...]",
		Short: "Print the metrics of every function and module in the files and directories at PATH",
		Long: `Print, for every function and method, its qualified name, path, line, cyclomatic
complexity (as mccabe computes it), cognitive complexity (as SonarSource defines it),
statements (as pylint counts them), parameters (without self/cls), nesting depth, and whether
its parameters and return are annotated; and for every module its lines and totals.

With --packages, for every package instead: Robert C. Martin's package metrics on the real
import graph: afferent coupling (Ca, the modules outside that import it), efferent coupling
(Ce, the modules outside it imports), instability I = Ce/(Ca+Ce), abstractness A (abstract
classes over classes) and the distance from the main sequence D = |A + I - 1|.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(cmd, format, []string{"text", "json"}); err != nil {
				return err
			}
			if err := pf.validate(); err != nil {
				return err
			}
			if packages {
				return packageMetrics(cmd, &pf, args, format)
			}
			ws, _, pl, err := pf.loadScoped(cmd.ErrOrStderr(), args, workspace.Options{Metrics: true})
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), metricsJSON(ws, pl))
			}
			writeMetricsText(cmd.OutOrStdout(), ws, pl)
			return nil
		},
	}
	pf.add(cmd)
	addFormatFlag(cmd, &format, "text", "output format: text or json")
	cmd.Flags().BoolVar(&packages, "packages", false, "per package: coupling (Ca, Ce), instability, abstractness and distance from the main sequence")
	return cmd
}

type functionJSON struct {
	Name            string `json:"name"`
	Path            string `json:"path"`
	Path64          string `json:"path_base64,omitempty"`
	Line            int    `json:"line"`
	Cyclomatic      int    `json:"cyclomatic"`
	Cognitive       int    `json:"cognitive"`
	Statements      int    `json:"statements"`
	Parameters      int    `json:"parameters"`
	Nesting         int    `json:"nesting"`
	Lines           int    `json:"lines"`
	ParamsAnnotated bool   `json:"parameters_annotated"`
	ReturnAnnotated bool   `json:"return_annotated"`
}

type moduleJSON struct {
	Module     string         `json:"module"`
	Path       string         `json:"path"`
	Path64     string         `json:"path_base64,omitempty"`
	Lines      int            `json:"lines"`
	Functions  int            `json:"functions"`
	Classes    int            `json:"classes"`
	Cyclomatic int            `json:"cyclomatic_total"`
	Cognitive  int            `json:"cognitive_total"`
	Statements int            `json:"statements_total"`
	Items      []functionJSON `json:"functions_metrics"`
}

// measured returns the files that have metrics (parsed .py files), in path order.
func measured(ws *workspace.Workspace) []*summary.File {
	var out []*summary.File
	for _, f := range ws.Files {
		if f.Metrics != nil && !f.Stub {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rel < out[j].Rel })
	return out
}

func metricsJSON(ws *workspace.Workspace, pl *places) any {
	mods := []moduleJSON{}
	for _, f := range measured(ws) {
		path := pl.path(f.Rel)
		m := moduleJSON{Module: f.Module, Path: path, Path64: report.PathBase64(path), Lines: f.Metrics.Lines, Functions: len(f.Metrics.Functions), Classes: f.Metrics.Classes, Items: []functionJSON{}}
		for _, fn := range f.Metrics.Functions {
			m.Cyclomatic += fn.Cyclomatic
			m.Cognitive += fn.Cognitive
			m.Statements += fn.Statements
			m.Items = append(m.Items, functionJSON{
				Name: fn.Name, Path: path, Path64: report.PathBase64(path), Line: fn.Line, Cyclomatic: fn.Cyclomatic, Cognitive: fn.Cognitive,
				Statements: fn.Statements, Parameters: fn.ParametersNoSelf, Nesting: fn.Nesting, Lines: fn.Lines,
				ParamsAnnotated: fn.AnnotatedParams == fn.AnnotatableParams, ReturnAnnotated: returnAnnotated(fn),
			})
		}
		mods = append(mods, m)
	}
	return struct {
		Version int          `json:"version"`
		Modules []moduleJSON `json:"modules"`
	}{1, mods}
}

// returnAnnotated: __init__ needs no return annotation (it returns None by definition).
func returnAnnotated(fn metrics.Function) bool {
	return fn.ReturnAnnotated || strings.HasSuffix(fn.Name, "__init__")
}

func writeMetricsText(w io.Writer, ws *workspace.Workspace, pl *places) {
	fmt.Fprintf(w, "%-60s %5s %5s %5s %5s %5s %5s %s\n", "function", "cyclo", "cogn", "stmts", "params", "nest", "lines", "annotated")
	for _, f := range measured(ws) {
		fmt.Fprintf(w, "%s (%s, %s, %s)\n", pl.text(f.Rel), plural(f.Metrics.Lines, "line"), plural(len(f.Metrics.Functions), "function"), plural(f.Metrics.Classes, "class"))
		for _, fn := range f.Metrics.Functions {
			ann := "no"
			if fn.AnnotatedParams == fn.AnnotatableParams && returnAnnotated(fn) {
				ann = "yes"
			}
			name := fmt.Sprintf("  %s:%d %s", report.TextPath(f.Rel[strings.LastIndexByte(f.Rel, '/')+1:]), fn.Line, fn.Name)
			fmt.Fprintf(w, "%-60s %5d %5d %5d %6d %4d %5d %s\n", name, fn.Cyclomatic, fn.Cognitive, fn.Statements, fn.ParametersNoSelf, fn.Nesting, fn.Lines, ann)
		}
	}
}
