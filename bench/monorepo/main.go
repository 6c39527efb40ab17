// Command monorepo makes the synthetic monorepos of the scaling benchmark (bench/run.sh,
// docs/performance.md): N renamed copies of a site-packages directory side by side, for each
// N asked, so that buttress can be timed on 1, 2, 4 and 8 times the same code.
//
//	go run ./bench/monorepo -src "$(python3.11 -c 'import site; print(site.getsitepackages()[0])')" -out /tmp/buttress-monorepo -copies 1,2,4,8
//
// makes /tmp/buttress-monorepo/1, /2, /4 and /8. Copy 1 is the original; in copy k the
// top-level packages and modules are renamed NAME_ck, and so are the imports of them (the
// first name of `from NAME...` and of each `import NAME...`), so that every copy is a
// distinct set of modules importing each other as the original does. Only .py and .pyi files
// are copied; the copies are made once under OUT/pool and hard-linked into each monorepo.
// Nothing is written outside OUT; run it on a file system with room for max(copies) times
// the source (about 150 MB a copy for the 3.11 site-packages).
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	src := flag.String("src", "", "the site-packages (or any) directory to copy")
	out := flag.String("out", "", "the directory to make the monorepos in (created)")
	copies := flag.String("copies", "1,2,4,8", "numbers of copies, one monorepo each")
	flag.Parse()
	if *src == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "monorepo: give -src DIR and -out DIR")
		os.Exit(2)
	}
	var ns []int
	most := 0
	for _, s := range strings.Split(*copies, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "monorepo: -copies %q: give positive numbers separated by commas\n", *copies)
			os.Exit(2)
		}
		ns = append(ns, n)
		most = max(most, n)
	}
	if err := run(*src, *out, ns, most); err != nil {
		fmt.Fprintln(os.Stderr, "monorepo:", err)
		os.Exit(1)
	}
}

var (
	identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	fromLine   = regexp.MustCompile(`^(\s*from\s+)([A-Za-z_][A-Za-z0-9_]*)`)
	importLine = regexp.MustCompile(`^(\s*import\s+)(.*)$`)
	importItem = regexp.MustCompile(`(^|,)(\s*)([A-Za-z_][A-Za-z0-9_]*)`)
)

func run(src, out string, ns []int, most int) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	// The top-level names to rename: packages (directories named as identifiers) and modules.
	top := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() && identifier.MatchString(name) && name != "__pycache__":
			top[name] = true
		case !e.IsDir() && (strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".pyi")):
			if stem := strings.TrimSuffix(strings.TrimSuffix(name, ".pyi"), ".py"); identifier.MatchString(stem) {
				top[stem] = true
			}
		}
	}
	pool := filepath.Join(out, "pool")
	for k := 1; k <= most; k++ {
		dst := filepath.Join(pool, strconv.Itoa(k))
		if _, err := os.Stat(dst); err == nil {
			continue // made by an earlier run
		}
		if err := copyTree(src, dst+".tmp", top, k); err != nil {
			return err
		}
		if err := os.Rename(dst+".tmp", dst); err != nil {
			return err
		}
	}
	for _, n := range ns {
		dst := filepath.Join(out, strconv.Itoa(n))
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
		for k := 1; k <= n; k++ {
			if err := linkTree(filepath.Join(pool, strconv.Itoa(k)), dst); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d copies\n", dst, n)
	}
	return nil
}

// rename returns the name of a top-level package or module in copy k.
func rename(name string, top map[string]bool, k int) string {
	if k == 1 || !top[name] {
		return name
	}
	return name + "_c" + strconv.Itoa(k)
}

// copyTree copies the .py and .pyi files of src into dst as copy k.
func copyTree(src, dst string, top map[string]bool, k int) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(rel, ".py") && !strings.HasSuffix(rel, ".pyi") {
			return nil
		}
		parts := strings.Split(rel, string(filepath.Separator))
		first := parts[0]
		if len(parts) == 1 {
			ext := filepath.Ext(first)
			parts[0] = rename(strings.TrimSuffix(first, ext), top, k) + ext
		} else {
			parts[0] = rename(first, top, k)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if k > 1 {
			b = renameImports(b, top, k)
		}
		target := filepath.Join(append([]string{dst}, parts...)...)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// renameImports renames the top-level names imported by the file's import lines.
func renameImports(b []byte, top map[string]bool, k int) []byte {
	lines := strings.SplitAfter(string(b), "\n")
	for i, line := range lines {
		if m := fromLine.FindStringSubmatchIndex(line); m != nil {
			name := line[m[4]:m[5]]
			lines[i] = line[:m[4]] + rename(name, top, k) + line[m[5]:]
			continue
		}
		if m := importLine.FindStringSubmatchIndex(line); m != nil {
			rest := importItem.ReplaceAllStringFunc(line[m[4]:m[5]], func(item string) string {
				sub := importItem.FindStringSubmatch(item)
				return sub[1] + sub[2] + rename(sub[3], top, k)
			})
			lines[i] = line[:m[4]] + rest + line[m[5]:]
		}
	}
	return []byte(strings.Join(lines, ""))
}

// linkTree hard-links every file under src into dst, making the directories.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return os.Link(path, target)
	})
}
