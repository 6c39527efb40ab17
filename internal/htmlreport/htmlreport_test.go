package htmlreport

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"
)

// TestVendoredFiles checks the committed copies of the libraries against the hashes pinned in
// vendor.go: `go run ./tools/vendorjs` remakes them from the npm packages byte for byte.
func TestVendoredFiles(t *testing.T) {
	for _, f := range Vendored {
		data, err := vendorFS.ReadFile("assets/vendor/" + f.To)
		if err != nil {
			t.Fatalf("%s: %v (run go run ./tools/vendorjs)", f.To, err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != f.SHA256 {
			t.Errorf("assets/vendor/%s (%s@%s %s): SHA-256 %s, pinned %s: run go run ./tools/vendorjs", f.To, f.Package, f.Version, f.From, got, f.SHA256)
		}
	}
}

// TestWriteSelfContained checks that the page holds everything and asks the network for
// nothing: no src or href leaves the page, and its content security policy forbids it.
func TestWriteSelfContained(t *testing.T) {
	d := &Data{Project: "p</script><script>alert(1)</script>", Version: "test",
		Modules:  []Module{{Name: "a", Path: "a.py"}, {Name: "b", Path: "b.py"}},
		Edges:    []Edge{{From: 0, To: 1, Count: 2, Path: "a.py", Line: 1}},
		Findings: []Finding{{Code: "ARCH001", Rule: "layer-violation", Path: "a.py", Line: 1, Message: "</script> & <b>", Module: 0}},
		Rules:    map[string]Rule{"ARCH001": {Name: "layer-violation"}},
	}
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "</script>"); n != 4 {
		t.Errorf("%d </script> in the page, want 4 (two libraries, the data, the page's script): the data must not end its element", n)
	}
	if strings.Contains(page, "<script>alert") {
		t.Errorf("the project name is not escaped")
	}
	if m := regexp.MustCompile(`(?i)<(script|link|img|iframe)[^>]+(src|href)=`).FindString(page); m != "" {
		t.Errorf("the page loads something from outside: %s", m)
	}
	if !strings.Contains(page, "default-src 'none'") {
		t.Errorf("no content security policy that keeps the page off the network")
	}
	for _, want := range []string{`id="graph-svg"`, `id="findings-table"`, `id="treemap"`, `id="hotspots-table"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
