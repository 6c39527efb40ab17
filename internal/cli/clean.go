package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/cache"
	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/workspace"
)

func newCleanCmd() *cobra.Command {
	var pf projectFlags
	cmd := &cobra.Command{
		Use:   "clean [DIR]",
		Short: "Remove the project's cache of file summaries",
		Long: `Remove the cache of the project at DIR (default: the current directory): the summaries of its
files that buttress keeps between runs, so that a run after an edit reads only the files that
changed. The next run reads every file again.

The cache is .buttress_cache at the project root, or the cache-dir of [tool.buttress]
(relative to the root), or $BUTTRESS_CACHE_DIR (relative to the current directory). Only the
files buttress wrote there for this project are removed (a directory outside the project may
hold the caches of others), then the directory if nothing else is left in it.
--no-cache, on the commands that read a project, runs without reading or writing the cache.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			cfg, err := pf.loadConfig(cmd.ErrOrStderr(), dir)
			if err != nil {
				return err
			}
			cacheDir, err := cache.Dir(cfg.Root, cfg.CacheDir)
			if err != nil {
				return err
			}
			c, err := cache.Clean(cacheDir, cfg.Root)
			if err != nil {
				return fmt.Errorf("cannot remove the cache at %s: %v", showAbs(cacheDir), err)
			}
			reportClean(cmd.OutOrStdout(), showAbs(cacheDir), c)
			return nil
		},
	}
	cmd.Flags().StringVar(&pf.config, "config", "", "read this configuration file instead of searching for pyproject.toml or buttress.toml")
	return cmd
}

func reportClean(w io.Writer, dir string, c cache.Cleaned) {
	switch {
	case !c.Existed:
		fmt.Fprintf(w, "no cache at %s: nothing to remove\n", dir)
	case c.Dir:
		fmt.Fprintf(w, "removed %s (%s, %s)\n", dir, plural(c.Files, "file"), size(c.Bytes))
	case c.Others > 0:
		fmt.Fprintf(w, "removed %s (%s) of this project from %s; left the caches of other projects there (%s)\n",
			plural(c.Files, "file"), size(c.Bytes), dir, plural(c.Others, "file"))
	default:
		fmt.Fprintf(w, "removed %s (%s) from %s; left the directory, which holds files buttress did not write: %s\n",
			plural(c.Files, "file"), size(c.Bytes), dir, strings.Join(c.Left, ", "))
	}
}

// size shows a number of bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return plural(int(n), "byte")
}

// useCache sets the cache of a run: none with --no-cache.
func (f *projectFlags) useCache(cfg *config.Config, opts *workspace.Options) error {
	if f.noCache {
		return nil
	}
	dir, err := cache.Dir(cfg.Root, cfg.CacheDir)
	if err != nil {
		return err
	}
	opts.CacheDir, opts.Version, opts.MapCache = dir, Version, !f.server
	return nil
}

// showNotices prints what the cache had to say, one line each.
func showNotices(w io.Writer, ws *workspace.Workspace) {
	showCacheNotices(w, ws.Notices)
}

// showCacheNotices prints what the cache has to say, one line each.
func showCacheNotices(w io.Writer, notices []cache.Notice) {
	for _, n := range notices {
		fmt.Fprintf(w, "buttress: cache %s %s\n", showAbs(n.Path), n.Msg)
	}
}
