package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/pkgmetrics"
	"github.com/buttresspy/buttress/internal/workspace"
)

// packageMetrics runs `metrics --packages`: Martin's package metrics from the whole project's
// graph (a package's coupling depends on every module around it, whatever PATH names), shown
// for the packages that hold a file under the paths.
func packageMetrics(cmd *cobra.Command, pf *projectFlags, args []string, format string) error {
	w := cmd.ErrOrStderr()
	cfg, s, err := pf.loadConfigFor(w, args)
	if err != nil {
		return err
	}
	ws, _, err := pf.loadWorkspace(w, cfg, &scope{}, workspace.Options{Metrics: true}, false)
	if err != nil {
		return err
	}
	pkgs, files := pkgmetrics.FromWorkspace(ws)
	shown := pkgs[:0:0]
	for _, p := range pkgs {
		if anyInScope(s, files[p.Name]) {
			shown = append(shown, p)
		}
	}
	if format == "json" {
		return writeJSON(cmd.OutOrStdout(), struct {
			Version  int                  `json:"version"`
			Packages []pkgmetrics.Package `json:"packages"`
		}{1, shown})
	}
	writePackageMetricsText(cmd.OutOrStdout(), shown)
	return nil
}

func anyInScope(s *scope, rels []string) bool {
	for _, r := range rels {
		if s.contains(r) {
			return true
		}
	}
	return false
}

func writePackageMetricsText(w io.Writer, pkgs []pkgmetrics.Package) {
	fmt.Fprintf(w, "%-50s %7s %7s %8s %6s %6s %6s %6s %6s\n", "package", "modules", "classes", "abstract", "Ca", "Ce", "I", "A", "D")
	for _, p := range pkgs {
		i, d := "-", "-"
		if p.Instability != nil {
			i, d = fmt.Sprintf("%.2f", *p.Instability), fmt.Sprintf("%.2f", *p.Distance)
		}
		fmt.Fprintf(w, "%-50s %7d %7d %8d %6d %6d %6s %6.2f %6s\n", p.Name, p.Modules, p.Classes, p.Abstract, p.Ca, p.Ce, i, p.Abstractness, d)
	}
}
