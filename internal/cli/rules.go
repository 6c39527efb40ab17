package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/rules/ruledoc"
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
			fmt.Fprintf(w, "%s (%s): %s\n\n%s\n\n", r.Code, r.Name, r.Summary, ruledoc.Default(r))
			fmt.Fprintf(w, "Why\n\n%s\n\n", wrap(r.Rationale, 90, "  "))
			fmt.Fprintf(w, "Reported\n\n%s\n", indent(r.Bad, "    "))
			fmt.Fprintf(w, "Better\n\n%s\n", indent(r.Good, "    "))
			if opts := r.OptionDocs(); len(opts) > 0 {
				fmt.Fprintf(w, "Options\n\n%s\n\n", wrap(ruledoc.OptionsWhere(r), 90, "  "))
				for _, o := range opts {
					fmt.Fprintf(w, "  %s = %s  (%s)\n%s\n", o.Key, o.Default, o.Type, wrap(o.Doc, 90, "      "))
				}
				fmt.Fprintln(w)
			}
			if s := ruledoc.NotIn(r); s != "" {
				fmt.Fprintf(w, "%s\n\n", wrap(s, 90, ""))
			}
			if r.Precision != "" {
				fmt.Fprintf(w, "Precision\n\n%s\n\n", wrap(r.Precision, 90, "  "))
			}
			if s := ruledoc.Equivalents(r); s != "" {
				fmt.Fprintf(w, "%s\n\n", wrap(s, 90, ""))
			}
			fmt.Fprintf(w, "%s\n", ruledoc.Silence(r))
			fmt.Fprintf(w, "\nDocumentation: %s\n", analysis.DocsURLOf(r.Code))
			return nil
		},
	}
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
