//go:build ignore

// gen_names writes unicode_names.txt, the table of Unicode character names and
// name aliases that \N{...} escapes accept, exactly as CPython 3.13 sees them.
//
// The table is produced by CPython 3.13 itself (its unicodedata module is
// Unicode 15.1.0), so that it matches the interpreter bit for bit:
//
//   - every code point that unicodedata.name knows, except the Hangul
//     syllables and CJK unified ideographs, whose names are algorithmic and
//     handled in code (see names.go);
//   - every formal name alias (NameAliases.txt) CPython stores. CPython does not
//     list them through a public API, but its "namereplace" error handler
//     reveals the private-use code points (U+F0000...) it keeps them under, and
//     unicodedata.lookup resolves them.
//
// Named sequences are left out: \N{...} does not accept them.
//
// Run it with `go generate` in this directory; it needs pyenv's CPython 3.13.0.
// The output is "NAME<TAB>HEX<LF>" lines sorted by name (byte order, which
// LookupName's binary search relies on).
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const script = `
import sys, unicodedata
assert sys.version_info[:2] == (3, 13), sys.version
assert unicodedata.unidata_version == "15.1.0", unicodedata.unidata_version
names = {}
for c in range(0x110000):
    n = unicodedata.name(chr(c), None)
    if n is None or n.startswith("HANGUL SYLLABLE ") or n.startswith("CJK UNIFIED IDEOGRAPH-"):
        continue
    assert n not in names, n
    names[n] = c
for c in range(0xF0000, 0xF0200):
    r = chr(c).encode("ascii", "namereplace")
    if not r.startswith(b"\\N{"):
        continue
    n = r[3:-1].decode("ascii")
    v = unicodedata.lookup(n)
    assert len(v) == 1 and n not in names, n
    names[n] = ord(v)
sys.stdout.write("".join("%s\t%X\n" % (n, c) for n, c in sorted(names.items())))
`

func main() {
	root, err := exec.Command("pyenv", "root").Output()
	if err != nil {
		log.Fatalf("pyenv root: %v", err)
	}
	python := filepath.Join(strings.TrimSpace(string(root)), "versions", "3.13.0", "bin", "python")
	cmd := exec.Command(python, "-c", script)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("%s: %v", python, err)
	}
	if err := os.WriteFile("unicode_names.txt", out, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("unicode_names.txt: %d names, %d bytes\n", bytes.Count(out, []byte("\n")), len(out))
}
