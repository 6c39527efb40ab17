// Package ruledoc writes what a rule's documentation says, from the rule itself (its
// analysis.Rule: summary, rationale, examples, options and their defaults), for `buttress
// rule` and for the rule's page in docs/rules, which tools/ruledocs generates: one source for
// both, so that they cannot disagree.
package ruledoc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
)

// Default says when the rule runs.
func Default(r *analysis.Rule) string {
	switch {
	case r.Contract():
		return "on whenever contracts are declared: a select that leaves it out does not turn it off, only ignore does"
	case r.Code == analysis.SyntaxRule.Code:
		return "on by default: a select that leaves it out does not turn it off, only ignore does"
	case r.Default:
		return "on by default"
	}
	return "off by default (enable it with select or extend-select)"
}

// ScopeNames say what the files of each scope are, for people.
var ScopeNames = map[string]string{
	analysis.ScopeTests:      "test files",
	analysis.ScopeMigrations: "migrations",
	analysis.ScopeVendored:   "vendored code",
	analysis.ScopeGenerated:  "generated code",
}

// NotIn says in which scopes the rule does not run, "" when it runs everywhere.
func NotIn(r *analysis.Rule) string {
	if len(r.NotIn) == 0 {
		return ""
	}
	var what, tables []string
	for _, sc := range r.NotIn {
		what = append(what, ScopeNames[sc])
		tables = append(tables, "[tool.buttress."+sc+"]")
	}
	return fmt.Sprintf("Not run on %s unless the `ignore` of %s says otherwise.", JoinAnd(what), JoinAnd(tables))
}

// Equivalents says which Ruff and flake8 codes report the same, "" when none do.
func Equivalents(r *analysis.Rule) string {
	if len(r.Equivalents) == 0 {
		return ""
	}
	return fmt.Sprintf("Ruff and flake8 report it as %s: a `# noqa: %s` on the line silences it too.", JoinAnd(r.Equivalents), r.Equivalents[0])
}

// Silence says how to silence the rule.
func Silence(r *analysis.Rule) string {
	if r.Code == analysis.SyntaxRule.Code {
		return fmt.Sprintf("Turn it off for some files with per-file-ignores, or everywhere with ignore = [\"%s\"].", r.Code)
	}
	return fmt.Sprintf("Silence one finding with `# buttress: ignore[%s]  reason` on its line.", r.Code)
}

// OptionsWhere says where a rule's options are set.
func OptionsWhere(r *analysis.Rule) string {
	return fmt.Sprintf("Set in `[%s]` in pyproject.toml, or `[rules.%s]` in buttress.toml.", r.OptionTable(), r.Name)
}

// JoinAnd joins words as a sentence does: "a", "a and b", "a, b and c".
func JoinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Header is the first line of every generated page.
const Header = "<!-- Generated from the rules by `go run ./tools/ruledocs` (go generate ./internal/rules): do not edit. -->\n"

// Markdown is the rule's page in docs/rules.
func Markdown(r *analysis.Rule) []byte {
	var b bytes.Buffer
	b.WriteString(Header)
	fmt.Fprintf(&b, "\n# %s %s\n\n%s\n\n", r.Code, r.Name, r.Summary)
	fmt.Fprintf(&b, "%s.\n\n", capitalize(Default(r)))
	fmt.Fprintf(&b, "## Why\n\n%s\n\n", r.Rationale)
	lang := "python"
	if r.Contract() {
		lang = "toml" // a contract's examples are its configuration
	}
	fmt.Fprintf(&b, "## Reported\n\n```%s\n%s\n```\n\n", lang, strings.TrimRight(r.Bad, "\n"))
	fmt.Fprintf(&b, "## Better\n\n```%s\n%s\n```\n\n", lang, strings.TrimRight(r.Good, "\n"))
	if opts := r.OptionDocs(); len(opts) > 0 {
		fmt.Fprintf(&b, "## Options\n\n%s\n\n", OptionsWhere(r))
		b.WriteString("| Key | Type | Default | What it does |\n|---|---|---|---|\n")
		for _, o := range opts {
			fmt.Fprintf(&b, "| `%s` | %s | `%s` | %s |\n", o.Key, o.Type, o.Default, cell(o.Doc))
		}
		fmt.Fprintf(&b, "\n```toml\n[%s]\n", r.OptionTable())
		for _, o := range opts {
			fmt.Fprintf(&b, "%s = %s\n", o.Key, o.Default)
		}
		b.WriteString("```\n\n")
	}
	if s := NotIn(r); s != "" {
		fmt.Fprintf(&b, "## Scopes\n\n%s\n\n", s)
	}
	if r.Precision != "" {
		fmt.Fprintf(&b, "## Precision\n\n%s\n\n", r.Precision)
	}
	if s := Equivalents(r); s != "" {
		fmt.Fprintf(&b, "## Equivalents\n\n%s\n\n", s)
	}
	fmt.Fprintf(&b, "## Silencing\n\n%s\n", Silence(r))
	return b.Bytes()
}

// Index is docs/rules/README.md: every rule, with a link to its page.
func Index(rules []*analysis.Rule) []byte {
	var b bytes.Buffer
	b.WriteString(Header)
	b.WriteString("\n# Rules\n\nEvery rule of buttress, one page each. `buttress rule CODE` shows the same in a terminal; `buttress rules` lists them.\n\n")
	b.WriteString("| Code | Name | On by default | What it finds |\n|---|---|---|---|\n")
	for _, r := range rules {
		on := ""
		if r.Default {
			on = "yes"
		}
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s |\n", r.Code, r.Code, r.Name, on, cell(r.Summary))
	}
	return b.Bytes()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
