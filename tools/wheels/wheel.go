package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/buttresspy/buttress/internal/version"
)

// target is one wheel: the Go platform its binary is built for, and the wheel's platform
// tags (PEP 425; the first names the file's tag set, joined with dots as PEP 425 compresses
// them). The binary is static (CGO_ENABLED=0): it needs no libc, so manylinux and musllinux
// wheels carry the same binary; their floors are Go's own: Linux 3.2 or later (manylinux2014
// is the oldest policy above it), macOS 12 Monterey or later.
type target struct {
	GOOS, GOARCH string
	Platforms    []string
}

var targets = []target{
	{"linux", "amd64", []string{"manylinux_2_17_x86_64", "manylinux2014_x86_64"}},
	{"linux", "arm64", []string{"manylinux_2_17_aarch64", "manylinux2014_aarch64"}},
	{"linux", "amd64", []string{"musllinux_1_2_x86_64"}},
	{"linux", "arm64", []string{"musllinux_1_2_aarch64"}},
	{"darwin", "amd64", []string{"macosx_12_0_x86_64"}},
	{"darwin", "arm64", []string{"macosx_12_0_arm64"}},
	{"windows", "amd64", []string{"win_amd64"}},
	{"windows", "arm64", []string{"win_arm64"}},
}

// tagSet is the target's compressed tag set, as in the wheel's file name.
func (t target) tagSet() string { return "py3-none-" + strings.Join(t.Platforms, ".") }

// fileName is the wheel's file name (PEP 427).
func (t target) fileName() string {
	return distName() + "-" + version.Version + "-" + t.tagSet() + ".whl"
}

// exe is the binary's name on the target.
func (t target) exe() string {
	if t.GOOS == "windows" {
		return "buttress.exe"
	}
	return "buttress"
}

//go:embed python/buttress/*.py
var pythonPackage embed.FS

// member is one file of a wheel.
type member struct {
	name string
	data []byte
	mode fs.FileMode
}

// wheelMembers lists the wheel's files in the order they are written: the Python package
// that finds the binary, the binary as a script of the .data directory (pip and uv install it
// into the environment's bin or Scripts directory, executable, as they do Ruff's), then the
// .dist-info directory, RECORD last (PEP 427 asks for .dist-info at the end).
func wheelMembers(t target, binary []byte, readme string) ([]member, error) {
	var ms []member
	pys, err := fs.Glob(pythonPackage, "python/buttress/*.py")
	if err != nil {
		return nil, err
	}
	for _, p := range pys { // fs.Glob returns them sorted
		b, err := pythonPackage.ReadFile(p)
		if err != nil {
			return nil, err
		}
		ms = append(ms, member{strings.TrimPrefix(p, "python/"), b, 0o644})
	}
	dist := distName() + "-" + version.Version
	ms = append(ms, member{dist + ".data/scripts/" + t.exe(), binary, 0o755})
	var wheel strings.Builder
	fmt.Fprintf(&wheel, "Wheel-Version: 1.0\nGenerator: buttress tools/wheels (%s)\nRoot-Is-Purelib: false\n", version.Version)
	for _, p := range t.Platforms {
		fmt.Fprintf(&wheel, "Tag: py3-none-%s\n", p)
	}
	ms = append(ms,
		member{dist + ".dist-info/METADATA", []byte(metadata(readme)), 0o644},
		member{dist + ".dist-info/WHEEL", []byte(wheel.String()), 0o644},
	)
	var record strings.Builder
	for _, m := range ms {
		sum := sha256.Sum256(m.data)
		fmt.Fprintf(&record, "%s,sha256=%s,%d\n", m.name, base64.RawURLEncoding.EncodeToString(sum[:]), len(m.data))
	}
	recordName := dist + ".dist-info/RECORD"
	fmt.Fprintf(&record, "%s,,\n", recordName)
	ms = append(ms, member{recordName, []byte(record.String()), 0o644})
	return ms, nil
}

// writeZip writes the members as a zip archive, every one with the same time and Deflate at
// its best compression, so the same members give the same bytes.
func writeZip(w io.Writer, ms []member, modified time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, m := range ms {
		h := &zip.FileHeader{Name: m.name, Method: zip.Deflate, Modified: modified.UTC()}
		h.SetMode(m.mode)
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(m.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// buildWheel returns the bytes of the target's wheel.
func buildWheel(t target, binary []byte, readme string, modified time.Time) ([]byte, error) {
	ms, err := wheelMembers(t, binary, readme)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := writeZip(&buf, ms, modified); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
