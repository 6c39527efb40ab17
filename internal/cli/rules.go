package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/rules"
)

func newRulesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List every rule: code, name, whether it is on by default, and what it finds",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			for _, r := range rules.All() {
				on := "   "
				if r.Default {
					on = "on "
				}
				fmt.Fprintf(w, "%-7s  %s %-28s %s\n", r.Code, on, r.Name, r.Summary)
			}
			return nil
		},
	}
}

func newRuleCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rule CODE|NAME",
		Short: "Explain one rule, with an example of what it reports and how to fix it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := rules.Lookup(args[0])
			if r == nil {
				r = rules.Lookup(strings.ToUpper(args[0]))
			}
			if r == nil {
				return fmt.Errorf("no rule %q: `buttress rules` lists them", args[0])
			}
			w := cmd.OutOrStdout()
			def := "off by default (enable it with select or extend-select)"
			switch {
			case r.Project && r.Family() == "ARCH":
				def = "on whenever contracts are declared: a select that leaves it out does not turn it off, only ignore does"
			case r.Code == analysis.SyntaxRule.Code:
				def = "on by default: a select that leaves it out does not turn it off, only ignore does"
			case r.Default:
				def = "on by default"
			}
			fmt.Fprintf(w, "%s (%s): %s\n\n%s\n\n", r.Code, r.Name, r.Summary, def)
			fmt.Fprintf(w, "Why\n\n%s\n\n", wrap(r.Rationale, 90, "  "))
			fmt.Fprintf(w, "Reported\n\n%s\n", indent(r.Bad, "    "))
			fmt.Fprintf(w, "Better\n\n%s\n", indent(r.Good, "    "))
			if len(r.NotIn) > 0 {
				var what, tables []string
				for _, sc := range r.NotIn {
					what = append(what, scopeNames[sc])
					tables = append(tables, "[tool.buttress."+sc+"]")
				}
				fmt.Fprintf(w, "%s\n\n", wrap(fmt.Sprintf("Not run on %s unless the `ignore` of %s says otherwise.", joinAnd(what), joinAnd(tables)), 90, ""))
			}
			if r.Precision != "" {
				fmt.Fprintf(w, "Precision\n\n%s\n\n", wrap(r.Precision, 90, "  "))
			}
			if len(r.Equivalents) > 0 {
				fmt.Fprintf(w, "%s\n\n", wrap(fmt.Sprintf("Ruff and flake8 report it as %s: a `# noqa: %s` on the line silences it too.", joinAnd(r.Equivalents), r.Equivalents[0]), 90, ""))
			}
			if r.Code == analysis.SyntaxRule.Code {
				fmt.Fprintf(w, "Turn it off for some files with per-file-ignores, or everywhere with ignore = [\"%s\"].\n", r.Code)
			} else {
				fmt.Fprintf(w, "Silence one finding with `# buttress: ignore[%s]  reason` on its line.\n", r.Code)
			}
			return nil
		},
	}
}

// scopeNames say what the files of each scope are, for people.
var scopeNames = map[string]string{
	analysis.ScopeTests:      "test files",
	analysis.ScopeMigrations: "migrations",
	analysis.ScopeVendored:   "vendored code",
	analysis.ScopeGenerated:  "generated code",
}

// joinAnd joins words as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n") + "\n"
}

// wrap folds text at width, each line indented.
func wrap(text string, width int, prefix string) string {
	var b strings.Builder
	line := prefix
	for _, word := range strings.Fields(text) {
		if len(line)+len(word)+1 > width && line != prefix {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = prefix
		}
		line += word + " "
	}
	b.WriteString(strings.TrimRight(line, " "))
	return b.String()
}
