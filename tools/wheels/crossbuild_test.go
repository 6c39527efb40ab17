package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestTypechecksOnEveryTarget type-checks cmd/buttress and everything it imports, from
// source, for every wheel's GOOS/GOARCH: a Unix-only call (syscall.Kill) in a file without
// a build constraint breaks the Windows wheels, and only the release workflow builds them.
// Type-checking finds that in seconds (go/packages, from source) where cross-compiling takes
// minutes.
func TestTypechecksOnEveryTarget(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	// One architecture per other OS: build constraints in buttress are by OS (Linux, the
	// host, is built by every other test).
	for _, key := range []string{"windows/amd64", "darwin/arm64"} {
		goos, goarch, _ := strings.Cut(key, "/")
		t.Run(strings.ReplaceAll(key, "/", "-"), func(t *testing.T) {
			cfg := &packages.Config{
				Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedTypes | packages.NeedSyntax,
				Dir:  root,
				Env:  append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch),
			}
			pkgs, err := packages.Load(cfg, "./cmd/buttress")
			if err != nil {
				t.Fatal(err)
			}
			var errs []string
			packages.Visit(pkgs, nil, func(p *packages.Package) {
				for _, e := range p.Errors {
					errs = append(errs, fmt.Sprintf("%s: %s", p.PkgPath, e))
				}
			})
			if len(errs) > 0 {
				t.Errorf("cmd/buttress does not build for %s:\n%s", key, strings.Join(errs, "\n"))
			}
		})
	}
}
