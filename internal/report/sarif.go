package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/buttresspy/buttress/internal/finding"
)

// SARIF constants (see the package doc).
const (
	sarifToolName       = "buttress"
	sarifInformationURI = "https://github.com/buttresspy/buttress"
	sarifSrcRoot        = "%SRCROOT%"
	sarifLevel          = "error"
	sarifFingerprintKey = "buttress/v1"
)

func writeSARIF(buf *bytes.Buffer, fs []finding.Finding, o Options) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	run := sarif.NewRunWithInformationURI(sarifToolName, sarifInformationURI)
	if o.ToolVersion != "" {
		run.Tool.Driver.WithVersion(o.ToolVersion)
	}
	run.WithColumnKind("unicodeCodePoints")
	base := sarifBase(o)
	if base != "" {
		run.WithOriginalUriBaseIds(map[string]*sarif.ArtifactLocation{
			sarifSrcRoot: sarif.NewArtifactLocation().WithUri(fileURI(base)),
		})
	}
	artifact := func(path string) *sarif.ArtifactLocation { return artifactOf(path, o.Root, base) }

	rules := ruleTable(fs, o)
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.Code] = i
		run.Tool.Driver.AddRule(sarifRule(r))
	}

	seen := map[string]int{}       // fingerprint hash → results so far
	lineCounts := map[string]int{} // path → lines, for whole-file regions
	for i := range fs {
		f := &fs[i]
		msg := f.Message
		if msg == "" {
			msg = f.Code
		}
		res := sarif.NewRuleResult(f.Code).
			WithRuleIndex(index[f.Code]).
			WithLevel(sarifLevel).
			WithMessage(sarif.NewTextMessage(msg))
		if f.Path != "" {
			pl := sarif.NewPhysicalLocation().WithArtifactLocation(artifact(f.Path))
			if s := spanOf(f); s.line == 0 {
				pl.WithRegion(wholeFile(f.Path, o.Source, lineCounts))
			} else {
				r := sarif.NewRegion().WithStartLine(s.line).WithStartColumn(s.col)
				if s.endLine > 0 {
					r.WithEndLine(s.endLine)
					if s.endCol > 0 {
						r.WithEndColumn(s.endCol)
					}
				}
				pl.WithRegion(r)
			}
			res.AddLocation(sarif.NewLocationWithPhysicalLocation(pl))
		}
		for j, n := range f.Notes {
			loc := sarif.NewLocation().WithId(j + 1).WithMessage(sarif.NewTextMessage(n.Message))
			if n.Path != "" {
				pl := sarif.NewPhysicalLocation().WithArtifactLocation(artifact(n.Path))
				if n.Line > 0 {
					pl.WithRegion(sarif.NewRegion().WithStartLine(n.Line).WithStartColumn(max(n.Col, 1)))
				}
				loc.WithPhysicalLocation(pl)
			}
			res.AddRelatedLocation(loc)
		}
		h := fingerprint(f)
		seen[h]++
		res.WithPartialFingerPrints(map[string]any{sarifFingerprintKey: fmt.Sprintf("%s:%d", h, seen[h])})
		run.AddResult(res)
	}
	log.AddRun(run)
	if err := log.PrettyWrite(buf); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

// sarifRule is the reportingDescriptor of a rule.
func sarifRule(r finding.Rule) *sarif.ReportingDescriptor {
	short := r.Summary
	if short == "" {
		short = r.Name
	}
	if short == "" {
		short = r.Code
	}
	d := sarif.NewRule(r.Code).
		WithDescription(short).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel))
	if r.Name != "" {
		d.WithName(r.Name)
	}
	// GitHub code scanning requires fullDescription and help of every rule.
	help := strings.TrimSpace(r.HelpText)
	if help == "" {
		help = short
	}
	d.WithFullDescription(sarif.NewMultiformatMessageString(help))
	d.WithTextHelp(help)
	if r.HelpURI != "" {
		d.WithHelpURI(r.HelpURI)
	}
	fam := r.Family
	if fam == "" {
		fam = family(r.Code)
	}
	if fam != "" {
		d.WithProperties(sarif.Properties{"tags": []string{fam}})
	}
	return d
}

// wholeFile is the region of a finding about a whole file: its lines from the first to the
// last, or the first line alone when source cannot read the file (GitHub code scanning needs
// a startLine to show a result).
func wholeFile(path string, source func(string) (string, bool), counts map[string]int) *sarif.Region {
	n, ok := counts[path]
	if !ok {
		if source != nil {
			if src, ok := source(path); ok {
				ls := splitLines(src)
				n = len(ls)
				if n > 1 && ls[n-1] == "" {
					n-- // the text ends in a line break, not in an empty line
				}
			}
		}
		counts[path] = n
	}
	r := sarif.NewRegion().WithStartLine(1)
	if n > 1 {
		r.WithEndLine(n)
	}
	return r
}

// sarifBase is the directory "%SRCROOT%" stands for: the deepest directory holding both the
// current directory and the project root when both are known, so that the relative URIs need
// no ".." and read as paths from the repository root when buttress runs there (as GitHub code
// scanning reads them); else the project root; "" when unknown.
func sarifBase(o Options) string {
	if o.Root != "" && o.Cwd != "" {
		return CommonDir(o.Cwd, o.Root)
	}
	return o.Root
}

// artifactOf is the artifactLocation of a finding's path (relative to root, or absolute): a
// URI relative to base, with uriBaseId "%SRCROOT%"; an absolute file: URI for a path outside
// base.
func artifactOf(path, root, base string) *sarif.ArtifactLocation {
	if root == "" || base == "" {
		return sarif.NewSimpleArtifactLocation(escapePath(path, false)).WithUriBaseId(sarifSrcRoot)
	}
	abs := filepath.FromSlash(path)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(root, abs)
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return sarif.NewSimpleArtifactLocation(fileURIOf(abs))
	}
	return sarif.NewSimpleArtifactLocation(escapePath(filepath.ToSlash(rel), false)).WithUriBaseId(sarifSrcRoot)
}

// fileURI is the file: URI of an absolute directory, ending in a slash as SARIF requires of
// originalUriBaseIds.
func fileURI(dir string) string {
	u := fileURIOf(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// fileURIOf is the file: URI of an absolute path.
func fileURIOf(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path: C:/x → /C:/x
	}
	return "file://" + escapePath(p, true)
}

// escapePath percent-encodes a slash-separated path for a URI reference, keeping RFC 3986's
// unreserved characters, sub-delimiters, "@" and "/". A colon is kept only when allowColon is
// set: in a relative reference, a colon in the first segment would read as a scheme.
func escapePath(p string, allowColon bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0, c == ':' && allowColon:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// fingerprint is a stable hash of what identifies a finding across commits: its code, path and
// message, but not its line.
func fingerprint(f *finding.Finding) string {
	h := sha256.New()
	for _, s := range []string{f.Code, f.Path, f.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
