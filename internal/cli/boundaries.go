package cli

import (
	"fmt"
	"io"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/contracts"
	"github.com/buttresspy/buttress/internal/rules/bnd"
	"github.com/buttresspy/buttress/internal/workspace"
)

// setBoundaries gives the BND rules the boundary and domain modules: the top-level keys
// boundaries and domain, each a list of module expressions as contracts write them (an
// expression that is not one is an error at its line); when boundaries is not set, the top
// layer of the first layers contract (with its containers) stands for it. The entry points
// pyproject.toml declares are handed on too: BND001 and BND002 look at them wherever they are.
func setBoundaries(w io.Writer, cfg *config.Config, cs []contracts.Contract, configured []analysis.Configured) error {
	for _, key := range []struct {
		name string
		list []string
	}{{"boundaries", cfg.Boundaries}, {"domain", cfg.Domain}} {
		if v := cfg.IsSet(key.name); v && len(key.list) == 0 {
			return cfg.Errorf(key.name, "%q must list at least one module expression (\"app.api\", \"app.*.views\"), or be left out", key.name)
		}
		for i, e := range key.list {
			if err := contracts.ValidExpression(e); err != nil {
				return cfg.Errorf(fmt.Sprintf("%s[%d]", key.name, i), "%s: %v (a module expression: dotted names, \"*\" for one segment, \"**\" for one or more)", key.name, err)
			}
		}
	}
	boundaries := cfg.Boundaries
	if !cfg.IsSet("boundaries") {
		boundaries = topLayer(cs)
	}
	bnd.SetModules(configured, boundaries, cfg.Domain)
	bnd.SetScripts(configured, bnd.Scripts(cfg.Root))
	if len(boundaries) == 0 {
		for _, c := range configured {
			if c.Family() == "BND" && c.Code == bnd.InfrastructureException.Code {
				fmt.Fprintf(w, "warning: %s (%s) is selected but no boundary modules are known: set boundaries = [\"app.api\", ...] or declare a layers contract (BND001 and BND002 find routes, views and commands by themselves; BND003 needs the modules)\n", c.Code, c.Name)
				break
			}
		}
	}
	return nil
}

// topLayer returns the modules of the top layer of the first layers contract, as expressions
// (below each container when it has containers); nil when there is none.
func topLayer(cs []contracts.Contract) []string {
	for _, c := range cs {
		l, ok := c.Spec.(*contracts.Layers)
		if !ok || len(l.Layers) == 0 {
			continue
		}
		var out []string
		for _, m := range l.Layers[0].Modules {
			if len(l.Containers) == 0 {
				out = append(out, m)
			}
			for _, ct := range l.Containers {
				out = append(out, ct+"."+m)
			}
		}
		return out
	}
	return nil
}

// warnUnmatchedBoundaries warns, when a BND rule runs, about each expression of boundaries
// and domain that matches no module of the project: a typo there silences the rules.
func warnUnmatchedBoundaries(w io.Writer, cfg *config.Config, configured []analysis.Configured, ws *workspace.Workspace) {
	selected := false
	for _, c := range configured {
		selected = selected || c.Family() == "BND"
	}
	if !selected {
		return
	}
	for _, key := range []struct {
		name string
		list []string
	}{{"boundaries", cfg.Boundaries}, {"domain", cfg.Domain}} {
		for i, e := range key.list {
			found := false
			for _, f := range ws.Files {
				if bnd.Matches([]string{e}, f.Module) {
					found = true
					break
				}
			}
			if !found {
				at := cfg.Errorf(fmt.Sprintf("%s[%d]", key.name, i), "%s: %q matches no module of the project: the BND rules see nothing there", key.name, e)
				fmt.Fprintf(w, "warning: %v\n", at)
			}
		}
	}
}
