package analysis

import (
	"regexp"
	"testing"
)

// generatedRE is what generatedComment matches, as the regular expression it replaced.
var generatedRE = regexp.MustCompile(`(?i)@generated|do not edit|auto-?generated|automatically generated|generated (?:by|from|with) `)

// TestGeneratedComment checks generatedComment against the regular expression, on comments
// built from the marks' pieces in every case, and on what a fuzzer makes of them.
func TestGeneratedComment(t *testing.T) {
	for _, c := range generatedCorpus() {
		if got, want := generatedComment(c), generatedRE.MatchString(c); got != want {
			t.Errorf("generatedComment(%q) = %v, the regexp says %v", c, got, want)
		}
	}
}

func generatedCorpus() []string {
	pieces := []string{"# ", "@", "Generated", "GENERATED", "generated", "gEnErAtEd", "auto", "Auto-", "automatically ", "do not edit", "Do Not Edit", "DO NOT EDIT", " by ", "by ", "from ", " with", "with ", "\u212a", "\u017f", "é", "-", " ", "ge nerated", "generate"}
	var out []string
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				out = append(out, a+b+c, "# "+a+b+c)
			}
		}
	}
	return out
}

func FuzzGeneratedComment(f *testing.F) {
	for _, c := range generatedCorpus()[:200] {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		if got, want := generatedComment(c), generatedRE.MatchString(c); got != want {
			t.Errorf("generatedComment(%q) = %v, the regexp says %v", c, got, want)
		}
	})
}
