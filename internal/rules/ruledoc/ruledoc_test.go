package ruledoc_test

import (
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/rules"
	"github.com/buttresspy/buttress/internal/rules/ruledoc"
)

func TestMarkdown(t *testing.T) {
	for _, r := range rules.All() {
		page := string(ruledoc.Markdown(r))
		for _, want := range []string{ruledoc.Header, "# " + r.Code + " " + r.Name + "\n", "## Why\n", "## Reported\n", "## Better\n", "## Silencing\n"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page has no %q", r.Code, want)
			}
		}
		if strings.Count(page, "```")%2 != 0 {
			t.Errorf("%s: a code block is not closed", r.Code)
		}
		if r.Contract() && !strings.Contains(page, "## Reported\n\n```toml\n") {
			t.Errorf("%s: a contract's example is its configuration, in TOML", r.Code)
		}
		for _, o := range r.OptionDocs() {
			row := "| `" + o.Key + "` | " + o.Type + " | `" + o.Default + "` |"
			if !strings.Contains(page, row) {
				t.Errorf("%s: no row %q in the options", r.Code, row)
			}
		}
	}
	mod := string(ruledoc.Markdown(rules.Lookup("MOD001")))
	if !strings.Contains(mod, "```toml\n[tool.buttress.rules.too-complex]\nmax = 10\n```") {
		t.Errorf("MOD001: no example of its options:\n%s", mod)
	}
}

func TestIndex(t *testing.T) {
	all := rules.All()
	index := string(ruledoc.Index(all))
	for _, r := range all {
		if !strings.Contains(index, "| ["+r.Code+"]("+r.Code+".md) | "+r.Name+" |") {
			t.Errorf("the index does not link %s", r.Code)
		}
	}
}
