package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/buttresspy/buttress/internal/config"
)

// checkSourceRoots fails when a source root set in [tool.buttress] (source-roots) does not
// exist, is not a directory, or is a glob that matches no directory: the run would otherwise
// go on without those files, and name the modules of the rest wrongly. The error names the
// file, line and key. Source roots taken from tach's or import-linter's configuration are
// checked where they are taken (loadContracts).
func checkSourceRoots(cfg *config.Config) error {
	if !cfg.IsSet("source-roots") {
		return nil // the default (the root, and src when it exists) is always there
	}
	for i, root := range cfg.SourceRoots {
		if why := missingRoot(cfg.Root, root); why != "" {
			return cfg.Errorf(fmt.Sprintf("source-roots[%d]", i),
				"\"source-roots\": %q %s (source roots are relative to the project root, %s): fix the path or remove it",
				root, why, showAbs(cfg.Root))
		}
	}
	return nil
}

// checkToolRoots is checkSourceRoots for the source roots of another tool's configuration
// (file, relative to the project root, and key: "tach.toml", "source_roots").
func checkToolRoots(cfg *config.Config, roots []string, file, key string) error {
	for _, root := range roots {
		if why := missingRoot(cfg.Root, root); why != "" {
			return fmt.Errorf("%s: %s: %q %s (relative to the project root, %s), and buttress names modules from these source roots: fix the path or remove it",
				showAbs(filepath.Join(cfg.Root, filepath.FromSlash(file))), key, root, why, showAbs(cfg.Root))
		}
	}
	return nil
}

// missingRoot says what is wrong with a source root (relative to root, or absolute; a glob
// when it holds a wildcard), or "" when it names at least one directory inside the project.
func missingRoot(root, pattern string) string {
	if why := config.Outside(root, pattern); why != "" {
		return why // through a symbolic link: the readers refuse the rest
	}
	full := filepath.FromSlash(pattern)
	if !filepath.IsAbs(full) {
		full = filepath.Join(root, full)
	}
	if strings.ContainsAny(filepath.ToSlash(pattern), `*?[{\`) {
		matches, err := doublestar.FilepathGlob(full)
		if err != nil {
			return "is not a valid glob"
		}
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.IsDir() {
				return ""
			}
		}
		return "matches no directory"
	}
	fi, err := os.Stat(full)
	switch {
	case os.IsNotExist(err):
		return "does not exist"
	case err != nil:
		return fmt.Sprintf("cannot be read (%v)", err)
	case !fi.IsDir():
		return "is not a directory"
	}
	return ""
}
