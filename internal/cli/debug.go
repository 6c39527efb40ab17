package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/gctune"
	"github.com/buttresspy/buttress/internal/python/astjson"
	"github.com/buttresspy/buttress/internal/python/parser"
	"github.com/buttresspy/buttress/internal/report"
	"github.com/buttresspy/buttress/internal/summary"
)

func newDebugCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "debug",
		Short: "Inspect buttress's view of Python files (syntax trees, parser speed)",
	}
	cmd.AddCommand(newDebugASTCmd(), newDebugParseCmd())
	return cmd
}

func newDebugASTCmd() *cobra.Command {
	var asJSON bool
	var target string
	cmd := &cobra.Command{
		Use:   "ast --json FILE...",
		Short: "Write the syntax tree of each file as canonical AST JSON, one line per file",
		Long: "Write the syntax tree of each file as one JSON object per line, in the canonical form of\n" +
			"docs/ast-json.md in the repository: the tree CPython's ast.parse builds, with syntax errors listed.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !asJSON {
				return fmt.Errorf("debug ast: only --json output exists so far; add --json")
			}
			v, err := parseVersion(target)
			if err != nil {
				return err
			}
			out := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			defer out.Flush()
			for _, path := range args {
				src, err := readRegular(path)
				var res *parser.Result
				if err != nil {
					// No tree: the spec writes "ast": null for a file that cannot be read.
					res = &parser.Result{Errors: []*parser.Error{{Msg: "cannot read file: " + err.Error()}}}
				} else {
					res = parser.Parse(src, parser.Options{TargetVersion: v})
				}
				// Written as it goes: the JSON is many times the size of the source.
				if err := astjson.WriteFile(out, path, res); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "write canonical AST JSON (JSON Lines)")
	cmd.Flags().StringVar(&target, "target-version", "3.13", "report syntax newer than this Python version")
	return cmd
}

// parseVersion reads "3.13" (or "py313") into a parser.Version.
func parseVersion(s string) (parser.Version, error) {
	t := strings.TrimPrefix(strings.ToLower(s), "py")
	var major, minor int
	if _, err := fmt.Sscanf(t, "%d.%d", &major, &minor); err != nil || major != 3 || minor < 8 || minor > 14 {
		if len(t) == 3 && t[0] == '3' {
			if _, err := fmt.Sscanf(t[1:], "%d", &minor); err == nil && minor >= 8 && minor <= 14 {
				return parser.Version(300 + minor), nil
			}
		}
		return 0, fmt.Errorf("target version %q is not one buttress knows: use 3.8 to 3.14", s)
	}
	return parser.Version(major*100 + minor), nil
}

func newDebugParseCmd() *cobra.Command {
	var threads int
	var showErrors bool
	cmd := &cobra.Command{
		Use:   "parse [--threads N] PATH...",
		Short: "Parse every .py file under the paths and report files, bytes, errors and speed",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if threads < 0 {
				return fmt.Errorf("--threads %d: give a number of parallel parsers, or 0 for one per core", threads)
			}
			// It keeps a few MB between files: the 32 MiB floor gives it the same CPU as the
			// 64 MiB of main.go, with 98 MB peak RSS on the 3.13 stdlib instead of 180-200.
			gctune.SetFloor(32 << 20)
			files, err := collectPyFiles(args)
			if err != nil {
				return err
			}
			if threads <= 0 {
				threads = runtime.GOMAXPROCS(0)
			}
			type result struct {
				path string
				errs []*parser.Error
			}
			// Each parser reads its next file and parses it: the figure is what a user's run
			// costs, reading included, and only the files being parsed are in memory (reading all
			// first kept the whole tree's source alive, which the collector then scanned again and
			// again, and grew the heap by as much in fresh pages).
			var next atomic.Int64
			var withErrors atomic.Int64
			var total atomic.Int64
			results := make([]result, len(files))
			readErrs := make([]string, len(files))
			var wg sync.WaitGroup
			start := time.Now()
			for w := 0; w < threads; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var buf []byte // each file is read into the buffer of the one before
					// and parsed into the nodes of the one before: only the errors are kept.
					var arena parser.Arena
					for {
						i := int(next.Add(1) - 1)
						if i >= len(files) {
							return
						}
						src, err := summary.ReadSourceInto(files[i], &buf)
						if errors.Is(err, summary.ErrNotRegular) {
							err = notRegular(files[i])
						}
						if err != nil {
							readErrs[i] = fmt.Sprintf("%s: cannot read: %v", report.TextPath(files[i]), err)
							continue
						}
						total.Add(int64(len(src)))
						// src shares buf, which the next file's reading reuses: the tree is
						// dropped before then.
						arena.Reset()
						res := parser.ParseString(src, parser.Options{Arena: &arena})
						if len(res.Errors) > 0 {
							withErrors.Add(1)
							if showErrors {
								results[i] = result{files[i], res.Errors}
								buf = nil // the errors are kept: they may share the bytes
							}
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start).Seconds()
			stderr := cmd.ErrOrStderr()
			unreadable := 0
			for _, e := range readErrs {
				if e != "" {
					fmt.Fprintln(stderr, e)
					unreadable++
				}
			}
			if showErrors {
				for _, r := range results {
					if len(r.errs) > 0 {
						e := r.errs[0]
						fmt.Fprintf(cmd.OutOrStdout(), "%s:%d:%d: %s\n", report.TextPath(r.path), e.Line, e.Col+1, e.Msg)
					}
				}
			}
			mbps := 0.0
			if elapsed > 0 {
				mbps = float64(total.Load()) / 1e6 / elapsed
			}
			fmt.Fprintf(cmd.OutOrStdout(), "files: %d  bytes: %d  files with errors: %d  unreadable: %d  seconds: %.3f  MB/s: %.1f  threads: %d\n",
				len(files), total.Load(), withErrors.Load(), unreadable, elapsed, mbps, threads)
			return nil
		},
	}
	cmd.Flags().IntVar(&threads, "threads", 0, "parallel parsers (default: one per core)")
	cmd.Flags().BoolVar(&showErrors, "errors", false, "also print the first syntax error of each file")
	return cmd
}

// readRegular reads a file named on the command line, but only a regular file: a named pipe
// would block the run, and a device never end.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegularError(fi)
	}
	return os.ReadFile(path)
}

// notRegular says what the file at path is instead of a regular file.
func notRegular(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return notRegularError(fi)
}

// notRegularError says what a file that is not a regular file is.
func notRegularError(fi os.FileInfo) error {
	if fi.IsDir() {
		return fmt.Errorf("is a directory")
	}
	what := "not a regular file"
	switch {
	case fi.Mode()&os.ModeNamedPipe != 0:
		what += " (a named pipe)"
	case fi.Mode()&os.ModeSocket != 0:
		what += " (a socket)"
	case fi.Mode()&os.ModeDevice != 0:
		what += " (a device)"
	}
	return errors.New(what)
}

// collectPyFiles returns the .py files named or found under the paths, sorted.
func collectPyFiles(paths []string) ([]string, error) {
	var files []string
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", root, err)
		}
		if !info.IsDir() {
			files = append(files, root)
			continue
		}
		// As filepath.WalkDir would, a root that is a link to a directory is not followed.
		if info, err := os.Lstat(root); err != nil || !info.IsDir() {
			continue
		}
		files = walkPyFiles(filepath.Clean(root), files)
	}
	sort.Strings(files)
	return files, nil
}

// walkPyFiles appends the regular .py files under dir (a clean path) to files, the paths
// those of filepath.WalkDir. It is WalkDir without its per-entry costs: a path is made only
// for the directories and the .py files (WalkDir cleaned one for every entry, 1.2% of the
// instructions of a `debug parse` of the 3.13 standard library), and a directory's entries
// are not sorted (the files are, once, at the end).
func walkPyFiles(dir string, files []string) []string {
	f, err := os.Open(dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "buttress: %s: %v (skipped)\n", dir, err)
		return files
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		fmt.Fprintf(os.Stderr, "buttress: %s: %v (skipped)\n", dir, err)
	}
	prefix := dir + string(filepath.Separator)
	switch {
	case dir == ".":
		prefix = ""
	case strings.HasSuffix(dir, string(filepath.Separator)): // the root directory
		prefix = dir
	}
	for _, e := range entries {
		name := e.Name()
		switch t := e.Type(); {
		case t.IsDir():
			files = walkPyFiles(prefix+name, files)
		case t.IsRegular() && strings.HasSuffix(name, ".py"):
			files = append(files, prefix+name)
		}
	}
	return files
}
