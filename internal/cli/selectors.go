package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/rules"
)

// checkSelectors checks the rule selectors of the configuration (select, extend-select,
// ignore, per-file-ignores, the scopes' ignore) and of the flags, before the flags are
// folded in: an error about the configuration names its file, line and key, one about a flag
// names the flag. The configuration's are checked even when --select replaces its select.
func checkSelectors(cfg *config.Config, sel analysis.Selection, flags map[string][]string) error {
	all := rules.All()
	sel.Locate = func(e *analysis.SelectorError) error {
		key := e.List
		if e.Glob != "" {
			key += "." + strconv.Quote(e.Glob)
		}
		what := e.Msg
		if e.Index >= 0 {
			key += fmt.Sprintf("[%d]", e.Index)
			list := e.Glob
			if list == "" {
				list = e.List[strings.LastIndexByte(e.List, '.')+1:]
			}
			what = fmt.Sprintf("%q element %d: %s", list, e.Index+1, selectorProblem(e.Value, all))
		}
		if !cfg.IsSet(key) {
			return nil // not from the file (cannot happen: the selection is the file's)
		}
		return cfg.Errorf(key, "%s", what)
	}
	errs := []error{sel.Check(all)}
	for _, name := range []string{"select", "extend-select", "ignore"} {
		for _, s := range flags[name] {
			if !analysis.Designates(s, all) {
				errs = append(errs, fmt.Errorf("--%s: %s", name, selectorProblem(s, all)))
			}
		}
	}
	return errors.Join(errs...)
}

// selectorProblem says that s designates no rule, with a "did you mean" when a code or name
// is close.
func selectorProblem(s string, all []*analysis.Rule) string {
	var candidates []string
	for _, r := range all {
		candidates = append(candidates, r.Code, r.Name)
	}
	msg := fmt.Sprintf("%q is not a rule code, prefix or name", s)
	if near := config.Suggest(s, candidates); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return msg + ": `buttress rules` lists them"
}
