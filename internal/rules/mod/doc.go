// Package mod holds the MOD rules: modular code, small enough to understand and change. The
// thresholds are options, in [tool.buttress.rules.<name>]: `max = N`.
package mod

import (
	"fmt"
	"strings"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/metrics"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{TooComplex, TooCognitive, TooManyStatements, TooManyParameters, TooDeeplyNested, GlobalStatement, ModuleTooLong, TooManyMethods, DeepInheritance, TooManyAttributes}
}

// Max is the option of the threshold rules: findings are for values above it.
type Max struct {
	Max int `toml:"max" doc:"the largest value allowed: a finding is for a value above it (0 or more)"`
}

func limit(p *analysis.Pass) int { return p.Options.(*Max).Max }

// checkMax checks a configured threshold: a negative one makes no sense (every value would be
// above it), and is most likely a typo for a positive one.
func checkMax(opts any) (string, error) {
	if m := opts.(*Max).Max; m < 0 {
		return "max", fmt.Errorf("max = %d: a threshold cannot be negative: give 0 or more (a finding is for a value above it)", m)
	}
	return "", nil
}

// fileMetrics computes the file's metrics once for all the MOD rules, in the room of the
// file before (metrics.Computer): nothing of them is kept beyond the file's rules.
func fileMetrics(p *analysis.Pass) *metrics.Module {
	return p.Shared("metrics", func() any {
		c := p.Kept("metrics", func() any { return new(metrics.Computer) }).(*metrics.Computer)
		return c.Compute(p.Tree, p.Lines, p.Src)
	}).(*metrics.Module)
}

// reportFunction reports a finding on a function's `def name`.
func reportFunction(p *analysis.Pass, f *metrics.Function, msg string) {
	start := p.Lines.LineStart(f.Line) + f.Col
	name := f.Name[strings.LastIndexByte(f.Name, '.')+1:]
	end := start
	// Cover `def name` (or `async def name`) on the def line.
	if j := strings.Index(p.Src[start:min(len(p.Src), start+200)], name); j >= 0 {
		end = start + j + len(name)
	}
	p.ReportRange(start, end, msg)
}
