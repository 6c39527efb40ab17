// Command vendorjs copies the JavaScript libraries of the HTML report (buttress report) from
// their npm packages into internal/htmlreport/assets/vendor, at the versions pinned in
// internal/htmlreport/vendor.go, and checks each copy against its pinned SHA-256.
//
// It runs `npm install` of exactly those versions (no install scripts) into a cache
// directory, $BUTTRESS_VENDORJS_DIR or the user cache's buttress/vendorjs, and copies the
// files. The copies are committed, so building buttress needs only Go; this program is how
// they were made and how to remake or upgrade them (change the versions and hashes, run it).
//
//	go run ./tools/vendorjs          # install, copy, check
//	go run ./tools/vendorjs -check   # only check the committed copies
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"github.com/buttresspy/buttress/internal/htmlreport"
)

func main() {
	check := flag.Bool("check", false, "only check the committed copies against the pinned hashes")
	flag.Parse()
	dest := filepath.Join("internal", "htmlreport", "assets", "vendor")
	if _, err := os.Stat(dest); err != nil {
		fail("run this from the repository root (no %s here)", dest)
	}
	if !*check {
		cache := os.Getenv("BUTTRESS_VENDORJS_DIR")
		if cache == "" {
			base, err := os.UserCacheDir()
			if err != nil {
				fail("no cache directory: set BUTTRESS_VENDORJS_DIR (%v)", err)
			}
			cache = filepath.Join(base, "buttress", "vendorjs")
		}
		if err := os.MkdirAll(cache, 0o755); err != nil {
			fail("%v", err)
		}
		seen := map[string]bool{}
		var specs []string
		for _, f := range htmlreport.Vendored {
			spec := f.Package + "@" + f.Version
			if !seen[spec] {
				seen[spec] = true
				specs = append(specs, spec)
			}
		}
		sort.Strings(specs)
		args := append([]string{"install", "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact", "--prefix", cache}, specs...)
		cmd := exec.Command("npm", args...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		fmt.Fprintf(os.Stderr, "npm %v\n", args)
		if err := cmd.Run(); err != nil {
			fail("npm install: %v", err)
		}
		for _, f := range htmlreport.Vendored {
			data, err := os.ReadFile(filepath.Join(cache, "node_modules", f.Package, filepath.FromSlash(f.From)))
			if err != nil {
				fail("%v", err)
			}
			if err := os.WriteFile(filepath.Join(dest, f.To), data, 0o644); err != nil {
				fail("%v", err)
			}
		}
	}
	bad := 0
	for _, f := range htmlreport.Vendored {
		data, err := os.ReadFile(filepath.Join(dest, f.To))
		if err != nil {
			fail("%v", err)
		}
		sum := sha256.Sum256(data)
		got := hex.EncodeToString(sum[:])
		if got != f.SHA256 {
			bad++
			fmt.Fprintf(os.Stderr, "%s (%s@%s %s): SHA-256 %s, pinned %s\n", f.To, f.Package, f.Version, f.From, got, f.SHA256)
			continue
		}
		fmt.Printf("%s  %s  (%s@%s %s, %d bytes)\n", got, f.To, f.Package, f.Version, f.From, len(data))
	}
	if bad > 0 {
		fail("%d file(s) differ from the pinned hashes in internal/htmlreport/vendor.go", bad)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "vendorjs: "+format+"\n", args...)
	os.Exit(1)
}
