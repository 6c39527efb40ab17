package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/buttresspy/buttress/internal/version"
)

// project is the Python distribution's metadata: the one place it lives, besides the version
// (internal/version) and the long description (README.md at the repository root).
var project = struct {
	Name           string
	Summary        string
	RequiresPython string
	// License is empty while the project has not chosen one (the repository has no LICENSE
	// file): the wheels then carry no License field rather than a guess.
	License     string
	Keywords    []string
	Classifiers []string
	URLs        [][2]string // label, URL
	Repository  string      // the README's relative links are made absolute below it
}{
	Name:           "buttress",
	Summary:        "Make the structure of a Python codebase explicit and enforceable: the import graph, architecture contracts and rules, from one fast binary that never imports your code",
	RequiresPython: ">=3.8",
	Keywords:       []string{"architecture", "import-graph", "contracts", "linter", "static-analysis"},
	Classifiers: []string{
		"Development Status :: 3 - Alpha",
		"Environment :: Console",
		"Intended Audience :: Developers",
		"Programming Language :: Python :: 3",
		"Programming Language :: Python :: 3 :: Only",
		"Topic :: Software Development :: Quality Assurance",
	},
	URLs: [][2]string{
		{"Homepage", "https://github.com/buttresspy/buttress"},
		{"Documentation", "https://github.com/buttresspy/buttress#readme"},
		{"Repository", "https://github.com/buttresspy/buttress"},
		{"Issues", "https://github.com/buttresspy/buttress/issues"},
	},
	Repository: "https://github.com/buttresspy/buttress",
}

// pep440 is PEP 440's normalized form, without epochs and local versions (which a release
// on the package index cannot have).
var pep440 = regexp.MustCompile(`^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$`)

// checkVersion refuses a version the wheels cannot carry as it is.
func checkVersion(v string) error {
	if !pep440.MatchString(v) {
		return fmt.Errorf("version %q (internal/version) is not a normalized PEP 440 version such as 0.1.0, 0.2.0rc1 or 0.1.0.dev0", v)
	}
	return nil
}

// distName is the distribution's name as it is written in wheel file names and the
// .dist-info and .data directories (PEP 427: runs of -_. become _).
func distName() string {
	return regexp.MustCompile(`[-_.]+`).ReplaceAllString(strings.ToLower(project.Name), "_")
}

// relativeLink is a Markdown link or image whose target is a path in the repository.
var relativeLink = regexp.MustCompile(`(\]\()([^)\s#][^)\s]*)(\))`)

// metadata is the METADATA file (core metadata 2.1, which every pip since 2018 and Debian's
// twine read) with the README, its relative links made absolute at the release's tag, as the
// long description.
func metadata(readme string) string {
	var b strings.Builder
	field := func(k, v string) {
		if strings.ContainsAny(v, "\r\n") {
			panic(fmt.Sprintf("metadata field %s spans lines: %q", k, v))
		}
		fmt.Fprintf(&b, "%s: %s\n", k, v)
	}
	field("Metadata-Version", "2.1")
	field("Name", project.Name)
	field("Version", version.Version)
	field("Summary", project.Summary)
	field("Keywords", strings.Join(project.Keywords, ","))
	if project.License != "" {
		field("License", project.License)
	}
	for _, c := range project.Classifiers {
		field("Classifier", c)
	}
	field("Requires-Python", project.RequiresPython)
	for _, u := range project.URLs {
		field("Project-URL", u[0]+", "+u[1])
	}
	field("Description-Content-Type", "text/markdown; charset=UTF-8; variant=GFM")
	b.WriteString("\n")
	base := project.Repository + "/blob/v" + version.Version + "/"
	b.WriteString(relativeLink.ReplaceAllStringFunc(readme, func(m string) string {
		p := relativeLink.FindStringSubmatch(m)
		if strings.Contains(p[2], "://") || strings.HasPrefix(p[2], "mailto:") {
			return m
		}
		return p[1] + base + strings.TrimPrefix(p[2], "./") + p[3]
	}))
	return b.String()
}
