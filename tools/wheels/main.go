// Command wheels builds buttress's Python wheels: one per platform, each carrying the static
// binary cross-compiled for it, so that `pip install buttress` and `uvx buttress` work as they
// do for Ruff.
//
//	go run ./tools/wheels --out DIR [--target TAGS]...
//
// It builds the binary for each platform (CGO_ENABLED=0, -trimpath, no VCS stamp,
// no symbol table) and writes DIR/buttress-VERSION-py3-none-PLATFORM.whl. The version comes
// from internal/version, the rest of the metadata from metadata.go and README.md. Building
// twice from the same sources with the same Go gives byte-identical wheels: every zip entry
// has the same time, SOURCE_DATE_EPOCH when it is set, else 1980-01-01.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/buttresspy/buttress/internal/version"
)

func main() {
	out := flag.String("out", "", "the directory to write the wheels into (created if missing)")
	var only []string
	flag.Func("target", "build only the wheel whose platform tag set contains this tag (repeatable): manylinux_2_17_x86_64, win_arm64, ...; default: every wheel", func(s string) error {
		only = append(only, s)
		return nil
	})
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./tools/wheels --out DIR [--target TAG]...\n\nBuilds buttress's wheels, one per platform:\n")
		for _, t := range targets {
			fmt.Fprintf(flag.CommandLine.Output(), "  %s\n", t.fileName())
		}
		fmt.Fprintln(flag.CommandLine.Output())
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	ts, err := selectTargets(only)
	if err != nil {
		fmt.Fprintf(os.Stderr, "wheels: %v\n", err)
		os.Exit(2)
	}
	modified, err := zipTime()
	if err != nil {
		fmt.Fprintf(os.Stderr, "wheels: %v\n", err)
		os.Exit(2)
	}
	paths, err := build(*out, ts, modified, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "wheels: %v\n", err)
		os.Exit(1)
	}
	for _, p := range paths {
		fmt.Println(p)
	}
}

// selectTargets returns the targets whose platform tags include one of the tags asked for,
// or every target when none is.
func selectTargets(only []string) ([]target, error) {
	if len(only) == 0 {
		return targets, nil
	}
	var ts []target
	for _, o := range only {
		found := false
		for _, t := range targets {
			for _, p := range t.Platforms {
				if p == o {
					ts = append(ts, t)
					found = true
					break
				}
			}
		}
		if !found {
			var known []string
			for _, t := range targets {
				known = append(known, t.Platforms[0])
			}
			return nil, fmt.Errorf("--target %s: no such wheel (known: %s)", o, strings.Join(known, ", "))
		}
	}
	return ts, nil
}

// zipTime is the time every zip entry carries: SOURCE_DATE_EPOCH's when it is set (the
// reproducible-builds convention; a zip cannot go below 1980), else 1980-01-01 UTC.
func zipTime() (time.Time, error) {
	min := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return min, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: not a number of seconds", s)
	}
	t := time.Unix(n, 0).UTC()
	if t.Before(min) {
		t = min
	}
	return t, nil
}

// moduleRoot is the root of the buttress module, where README.md and cmd/buttress are.
func moduleRoot() (string, error) {
	b, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/buttresspy/buttress").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("go list -m: %v: %s (run it from the buttress repository)", err, strings.TrimSpace(string(ee.Stderr)))
		}
		return "", fmt.Errorf("go list -m: %v", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// build writes the wheels of the targets into dir and returns their paths. A binary is built
// once per Go platform (manylinux and musllinux share theirs).
func build(dir string, ts []target, modified time.Time, log *os.File) ([]string, error) {
	if err := checkVersion(version.Version); err != nil {
		return nil, err
	}
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "buttress-wheels-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	binaries := map[string][]byte{}
	var paths []string
	for _, t := range ts {
		key := t.GOOS + "/" + t.GOARCH
		bin, ok := binaries[key]
		if !ok {
			if log != nil {
				fmt.Fprintf(log, "building buttress for %s\n", key)
			}
			bin, err = buildBinary(root, t, filepath.Join(tmp, t.GOOS+"-"+t.GOARCH+"-"+t.exe()))
			if err != nil {
				return nil, err
			}
			binaries[key] = bin
		}
		whl, err := buildWheel(t, bin, string(readme), modified)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, t.fileName())
		if err := os.WriteFile(p, whl, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// buildFlags are the flags of a reproducible build: no file system paths (-trimpath), no VCS
// stamp (a checkout's untracked files would change it), and no symbol table or DWARF (-s -w:
// a third smaller; panics still print their stack). The Go build ID stays: it is a digest of
// the build's inputs, the same from build to build, and it is what the cache's identity reads
// (cache.Identity); a binary without one is hashed whole at every run (19 MB: 11 ms of CPU
// in each warm check of an 850k-line project).
var buildFlags = []string{"-trimpath", "-buildvcs=false", "-ldflags=-s -w"}

// buildBinary cross-compiles cmd/buttress for the target into path and returns its bytes.
// The environment's GOFLAGS, GOPROXY and so on pass through; the target's variables and the
// baseline instruction sets (GOAMD64=v1, GOARM64=v8.0) are set here.
func buildBinary(root string, t target, path string) ([]byte, error) {
	args := append([]string{"build"}, buildFlags...)
	args = append(args, "-o", path, "./cmd/buttress")
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.GOOS, "GOARCH="+t.GOARCH, "GOAMD64=v1", "GOARM64=v8.0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build for %s/%s: %v\n%s", t.GOOS, t.GOARCH, err, out)
	}
	return os.ReadFile(path)
}
