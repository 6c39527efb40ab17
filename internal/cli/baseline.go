package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/baseline"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/workspace"
)

// The ways --write-baseline writes the baseline.
const (
	writeShrink = "shrink" // --write-baseline: a new baseline holds everything; an existing one only shrinks
	writeAll    = "all"    // --write-baseline=all: the baseline holds everything found now
)

// baselineFlags are check's and coverage's baseline flags.
type baselineFlags struct {
	write string // "", writeShrink or writeAll
	skip  bool   // --no-baseline
}

func (b *baselineFlags) add(cmd *cobra.Command, what string) {
	cmd.Flags().StringVar(&b.write, "write-baseline", "", "record "+what+" in the baseline file and exit 0; an existing baseline only shrinks (=all records everything anew)")
	cmd.Flags().Lookup("write-baseline").NoOptDefVal = writeShrink
	cmd.Flags().BoolVar(&b.skip, "no-baseline", false, "ignore the baseline file: show everything")
}

// validate checks the flags' values before the project is read.
func (b *baselineFlags) validate() error {
	switch b.write {
	case "", writeShrink, writeAll:
	default:
		return fmt.Errorf("--write-baseline=%s: leave the value out (a new baseline, or an existing one shrunk to what is still found), or give =all (everything found now)", b.write)
	}
	if b.write != "" && b.skip {
		return fmt.Errorf("--write-baseline and --no-baseline together: choose one")
	}
	return nil
}

// baselinePath returns where the project's baseline file is, and how to show it.
func baselinePath(cfg *config.Config) (path, shown string) {
	path = filepath.Join(cfg.Root, baseline.FileName)
	if cfg.Baseline != "" {
		path = filepath.Join(cfg.Root, filepath.FromSlash(cfg.Baseline))
	}
	return path, newPlaces(cfg.Root).path(path)
}

// sourceLines returns a baseline.Lines that takes the lines the summaries of ws kept
// (summary.Excerpt: those of each finding) and reads the other files once each, those of
// overlay (read from standard input) from there. A file is split at "\n" alone, as the
// baseline's keys were first made: an excerpt serves only when its lines are the same (Plain;
// the keys leave out every space, the "\r" of a "\r\n" too).
func sourceLines(root string, overlay map[string]string, ws *workspace.Workspace) baseline.Lines {
	files := map[string][]string{}
	xs := excerpts(ws)
	return func(path string, line int) string {
		if x := xs[path]; x != nil && x.Plain {
			if text, _, known := x.Line(line); known {
				return text
			}
		}
		lines, ok := files[path]
		if !ok {
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
			if src, ok := overlay[path]; ok {
				data, err = []byte(src), nil
			}
			if err == nil {
				lines = strings.Split(string(data), "\n")
			}
			files[path] = lines
		}
		if line < 1 || line > len(lines) {
			return ""
		}
		return lines[line-1]
	}
}

// applyBaseline hides the findings of the files in scope that the project's baseline holds.
// It returns the findings to show and what was hidden, nil when there is no baseline (or with
// --no-baseline).
func applyBaseline(cfg *config.Config, s *scope, fs []finding.Finding, skip bool, overlay map[string]string, ws *workspace.Workspace) ([]finding.Finding, *report.BaselineSummary, error) {
	if skip {
		return fs, nil, nil
	}
	path, shown := baselinePath(cfg)
	b, err := baseline.Read(path, shown)
	if err != nil || b == nil {
		return fs, nil, err
	}
	// Only the entries of the files checked: those of the others are not "gone".
	inScope := &baseline.Baseline{Coverage: b.Coverage}
	for _, e := range b.Findings {
		if s.contains(e.Path) || containsPath(fs, e.Path) {
			inScope.Findings = append(inScope.Findings, e)
		}
	}
	res := inScope.Apply(fs, sourceLines(cfg.Root, overlay, ws))
	return res.Shown, &report.BaselineSummary{File: shown, Hidden: res.Hidden, Gone: res.Gone}, nil
}

func containsPath(fs []finding.Finding, path string) bool {
	for i := range fs {
		if fs[i].Path == path {
			return true
		}
	}
	return false
}

// writeBaseline records findings in the project's baseline: everything when there is none or
// with =all, else only what the existing baseline holds and is still found. The entries of
// files outside the scope (a check of some files) are kept as they are.
func writeBaseline(w io.Writer, cfg *config.Config, s *scope, fs []finding.Finding, mode string, ws *workspace.Workspace) error {
	path, shown := baselinePath(cfg)
	old, err := baseline.Read(path, shown)
	if err != nil {
		return err
	}
	current := baseline.Entries(fs, sourceLines(cfg.Root, nil, ws))
	b := &baseline.Baseline{Recorded: true, Findings: current}
	if old != nil {
		b.Coverage = old.Coverage
	}
	kept, removed := 0, 0
	if old != nil && old.Recorded {
		var inScope, outside []baseline.Entry
		for _, e := range old.Findings {
			if s.contains(e.Path) || containsEntry(current, e.Path) {
				inScope = append(inScope, e)
			} else {
				outside = append(outside, e)
			}
		}
		if mode != writeAll {
			b.Findings = baseline.Shrink(inScope, current)
		}
		b.Findings = append(b.Findings, outside...)
		kept = total(b.Findings)
		removed = max(0, total(old.Findings)-kept)
	}
	if err := b.Write(path); err != nil {
		return fmt.Errorf("%s: cannot write the baseline: %v", shown, err)
	}
	n := total(b.Findings)
	switch {
	case old == nil || !old.Recorded || mode == writeAll:
		fmt.Fprintf(w, "Wrote %s: %s frozen; check shows only new ones.\n", shown, plural(n, "problem"))
	default:
		fmt.Fprintf(w, "Wrote %s: %s frozen, %d fixed since and removed; new problems are not added (--write-baseline=all adds them).\n", shown, plural(n, "problem"), removed)
	}
	return nil
}

func containsEntry(es []baseline.Entry, path string) bool {
	for _, e := range es {
		if e.Path == path {
			return true
		}
	}
	return false
}

func total(es []baseline.Entry) int {
	n := 0
	for _, e := range es {
		n += e.Count
	}
	return n
}
