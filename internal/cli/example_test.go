package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestExampleShopFlaws runs `buttress check` on examples/shop, as the README's first command
// does, and compares what it reports with the list of deliberate flaws in the example's
// README: every finding must be on a line the list names, and every line the list names must
// be reported (as a finding, or as a note of one, such as the second import of a cycle).
func TestExampleShopFlaws(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "shop")
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "## Deliberate flaws")
	if i < 0 {
		t.Fatal("examples/shop/README.md has no \"## Deliberate flaws\" section")
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("`((?:src|tests)/[^`:]+\\.py):(\\d+)`").FindAllStringSubmatch(text[i:], -1) {
		listed[m[1]+":"+m[2]] = true
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"check", "--no-cache", "--format", "json", dir}, &out, &errOut); code != ExitFindings {
		t.Fatalf("exit %d, want %d (findings)\n%s", code, ExitFindings, errOut.String())
	}
	var doc struct {
		Findings []struct {
			Code, Path, Message string
			Line                int
			Notes               []struct {
				Path string
				Line int
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	// Paths are relative to the current directory, this package's: the README's are relative
	// to the example's root.
	prefix := filepath.ToSlash(dir) + "/"
	inExample := func(path string) string {
		if !strings.HasPrefix(path, prefix) {
			t.Errorf("%s: not a path relative to the current directory, into %s", path, prefix)
		}
		return strings.TrimPrefix(path, prefix)
	}
	reported := map[string]bool{}
	families := map[string]bool{}
	for _, f := range doc.Findings {
		at := fmt.Sprintf("%s:%d", inExample(f.Path), f.Line)
		reported[at] = true
		families[strings.TrimRight(f.Code, "0123456789")] = true
		if !listed[at] {
			t.Errorf("%s: %s %s: not a deliberate flaw of the README (a false positive, or the README is out of date)", at, f.Code, f.Message)
		}
		for _, n := range f.Notes {
			reported[fmt.Sprintf("%s:%d", inExample(n.Path), n.Line)] = true
		}
	}
	t.Logf("%d findings on %d lines; the README lists %d lines", len(doc.Findings), len(reported), len(listed))
	var missed []string
	for at := range listed {
		if !reported[at] {
			missed = append(missed, at)
		}
	}
	sort.Strings(missed)
	for _, at := range missed {
		t.Errorf("%s: a deliberate flaw of the README that buttress does not report", at)
	}
	for _, fam := range []string{"TYP", "ERR", "MOD", "PAT", "ARCH"} {
		if !families[fam] {
			t.Errorf("no %s finding on examples/shop: every family needs a deliberate flaw there", fam)
		}
	}
}
