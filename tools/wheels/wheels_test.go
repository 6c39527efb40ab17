package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/cache"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/version"
)

func TestVersionIsPEP440(t *testing.T) {
	if err := checkVersion(version.Version); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"1.0", "0.1.0", "2.0.0rc1", "0.1.0.dev0", "1.2.post3", "1.0a1.dev2"} {
		if err := checkVersion(v); err != nil {
			t.Errorf("%s: %v", v, err)
		}
	}
	for _, v := range []string{"0.1.0-dev", "v1.0", "1.0.0-rc1", "01.0", "1.0+local", "1.0.RC1", ""} {
		if checkVersion(v) == nil {
			t.Errorf("%q passed as a normalized PEP 440 version", v)
		}
	}
}

func TestMetadata(t *testing.T) {
	readme := "# buttress\n\nSee [contracts](docs/contracts.md), [here](#set-up), [site](https://example.org/x) and ![logo](./docs/logo.png).\n"
	m := metadata(readme)
	head, body, ok := strings.Cut(m, "\n\n")
	if !ok {
		t.Fatalf("no blank line between the headers and the description:\n%s", m)
	}
	for _, want := range []string{
		"Metadata-Version: 2.1", "Name: buttress", "Version: " + version.Version,
		"Requires-Python: >=3.8", "Description-Content-Type: text/markdown; charset=UTF-8; variant=GFM",
		"Project-URL: Repository, https://github.com/buttresspy/buttress",
	} {
		if !strings.Contains(head+"\n", want+"\n") {
			t.Errorf("METADATA lacks %q:\n%s", want, head)
		}
	}
	for _, line := range strings.Split(head, "\n") {
		if !regexp.MustCompile(`^[A-Z][A-Za-z-]*: \S`).MatchString(line) {
			t.Errorf("METADATA header line %q is not \"Field: value\"", line)
		}
	}
	base := "https://github.com/buttresspy/buttress/blob/v" + version.Version + "/"
	for _, want := range []string{"[contracts](" + base + "docs/contracts.md)", "[here](#set-up)", "[site](https://example.org/x)", "![logo](" + base + "docs/logo.png)"} {
		if !strings.Contains(body, want) {
			t.Errorf("description lacks %q:\n%s", want, body)
		}
	}
}

// TestFileNames checks each wheel's name against PEP 427's pattern and that no two targets
// share one.
func TestFileNames(t *testing.T) {
	re := regexp.MustCompile(`^buttress-[0-9][0-9a-z.]*-py3-none-[a-z0-9_]+(\.[a-z0-9_]+)*\.whl$`)
	seen := map[string]bool{}
	for _, tg := range targets {
		n := tg.fileName()
		if !re.MatchString(n) {
			t.Errorf("%s does not match %s", n, re)
		}
		if seen[n] {
			t.Errorf("two targets make %s", n)
		}
		seen[n] = true
	}
	if len(seen) != 8 {
		t.Errorf("%d wheels, want 8: manylinux and musllinux x86_64 and aarch64, macOS x86_64 and arm64, Windows amd64 and arm64", len(seen))
	}
}

// checkWheel opens a wheel and checks what a wheel installer relies on: the files and their
// order, RECORD (every other file with its sha256 and size, itself without), WHEEL's tags,
// the binary's executable mode, the fixed time of every entry.
func checkWheel(t *testing.T, tg target, whl []byte, wantBinary []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(whl), int64(len(whl)))
	if err != nil {
		t.Fatal(err)
	}
	dist := "buttress-" + version.Version
	var names []string
	content := map[string][]byte{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		content[f.Name] = b
		if f.Name == dist+".data/scripts/"+tg.exe() {
			if f.Mode() != 0o755 {
				t.Errorf("%s: mode %v, want -rwxr-xr-x (pip installs it executable only then)", f.Name, f.Mode())
			}
		} else if f.Mode() != 0o644 {
			t.Errorf("%s: mode %v, want -rw-r--r--", f.Name, f.Mode())
		}
	}
	want := []string{"buttress/__init__.py", "buttress/__main__.py", dist + ".data/scripts/" + tg.exe(), dist + ".dist-info/METADATA", dist + ".dist-info/WHEEL", dist + ".dist-info/RECORD"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("wheel members:\n%v\nwant\n%v", names, want)
	}
	if wantBinary != nil && !bytes.Equal(content[want[2]], wantBinary) {
		t.Errorf("the binary in the wheel is not the one built")
	}

	recorded := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(string(content[dist+".dist-info/RECORD"]), "\n"), "\n") {
		parts := strings.Split(line, ",")
		if len(parts) != 3 {
			t.Fatalf("RECORD line %q: want path,hash,size", line)
		}
		recorded[parts[0]] = true
		if parts[0] == dist+".dist-info/RECORD" {
			if parts[1] != "" || parts[2] != "" {
				t.Errorf("RECORD lists itself with a hash: %q", line)
			}
			continue
		}
		b, ok := content[parts[0]]
		if !ok {
			t.Errorf("RECORD lists %s, which the wheel lacks", parts[0])
			continue
		}
		sum := sha256.Sum256(b)
		if h := "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:]); parts[1] != h || parts[2] != fmt.Sprint(len(b)) {
			t.Errorf("RECORD line %q, want %s,%s,%d", line, parts[0], h, len(b))
		}
	}
	for _, n := range names {
		if !recorded[n] {
			t.Errorf("RECORD lacks %s", n)
		}
	}
	wheel := string(content[dist+".dist-info/WHEEL"])
	for _, p := range tg.Platforms {
		if !strings.Contains(wheel, "\nTag: py3-none-"+p+"\n") {
			t.Errorf("WHEEL lacks the tag py3-none-%s:\n%s", p, wheel)
		}
	}
	if !strings.Contains(wheel, "Root-Is-Purelib: false\n") || !strings.HasPrefix(wheel, "Wheel-Version: 1.0\n") {
		t.Errorf("WHEEL:\n%s", wheel)
	}
}

// TestWheelLayout assembles every target's wheel around a stand-in binary: the layout, and
// the same bytes twice.
func TestWheelLayout(t *testing.T) {
	bin := []byte("\x7fELF stand-in")
	when := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	for _, tg := range targets {
		a, err := buildWheel(tg, bin, "# buttress\n", when)
		if err != nil {
			t.Fatal(err)
		}
		b, err := buildWheel(tg, bin, "# buttress\n", when)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", tg.fileName())
		}
		checkWheel(t, tg, a, bin)
	}
}

// hostTarget is the manylinux target of the machine the tests run on.
func hostTarget(t *testing.T) target {
	if runtime.GOOS != "linux" {
		t.Skipf("the wheel install test runs on Linux (this is %s)", runtime.GOOS)
	}
	for _, tg := range targets {
		if tg.GOOS == "linux" && tg.GOARCH == runtime.GOARCH && strings.HasPrefix(tg.Platforms[0], "manylinux") {
			return tg
		}
	}
	t.Skipf("no wheel for linux/%s", runtime.GOARCH)
	return target{}
}

var hostWheel struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// buildHostWheel builds the host's manylinux wheel with the real binary once for the tests
// that need it (the first cross-compilation with -trimpath compiles everything: about two
// minutes on two cores; then the build cache has it).
func buildHostWheel(t *testing.T, tg target) string {
	hostWheel.once.Do(func() {
		hostWheel.dir, hostWheel.err = os.MkdirTemp("", "buttress-wheel-test-")
		if hostWheel.err != nil {
			return
		}
		var paths []string
		paths, hostWheel.err = build(hostWheel.dir, []target{tg}, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), nil)
		if hostWheel.err == nil {
			hostWheel.path = paths[0]
		}
	})
	if hostWheel.err != nil {
		t.Fatal(hostWheel.err)
	}
	return hostWheel.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if hostWheel.dir != "" {
		os.RemoveAll(hostWheel.dir)
	}
	os.Exit(code)
}

// TestHostWheelReproducible builds the host's wheel twice, binary included, and compares the
// bytes.
func TestHostWheelReproducible(t *testing.T) {
	tg := hostTarget(t)
	first := buildHostWheel(t, tg)
	dir := t.TempDir()
	paths, err := build(dir, []target{tg}, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("two builds of %s differ (%d and %d bytes)", tg.fileName(), len(a), len(b))
	}
	checkWheel(t, tg, a, nil)
	checkBuildID(t, tg, binaryOf(t, tg, a))
	t.Logf("%s: %d bytes", filepath.Base(first), len(a))
}

// binaryOf returns the binary in a wheel.
func binaryOf(t *testing.T, tg target, whl []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(whl), int64(len(whl)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("buttress-" + version.Version + ".data/scripts/" + tg.exe())
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	bin, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// checkBuildID checks that the cache's identity finds the Go build ID at the start of a
// built binary: without one, every run hashes the whole binary (cache.Identity).
func checkBuildID(t *testing.T, tg target, bin []byte) {
	t.Helper()
	if cache.BuildID(bin[:min(len(bin), cache.BuildIDHead)]) == nil {
		t.Errorf("%s: no Go build ID in the first %d bytes of its binary", tg.fileName(), cache.BuildIDHead)
	}
}

// run runs a command and returns its combined output and exit code; it fails the test when
// the command cannot start.
func run(t *testing.T, dir string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(out), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out), 0
}

// TestHostWheelChecked has Debian's twine (metadata, long description rendering) and
// wheel (unpacking, which checks every file against RECORD) read the host's wheel.
func TestHostWheelChecked(t *testing.T) {
	tg := hostTarget(t)
	twine := cpython.RequireProgram(t, "twine", "the Debian package twine checks the wheels' metadata")
	whl := buildHostWheel(t, tg)
	if out, code := run(t, "", twine, "check", "--strict", whl); code != 0 || !strings.Contains(out, "PASSED") {
		t.Errorf("twine check --strict: exit %d\n%s", code, out)
	}
	dir := t.TempDir()
	if out, code := run(t, "", "/usr/bin/python3", "-m", "wheel", "unpack", "--dest", dir, whl); code != 0 {
		t.Errorf("python3 -m wheel unpack (Debian's python3-wheel): exit %d\n%s", code, out)
	}
	// A wheel whose binary does not match RECORD must be refused: the check above means
	// something.
	bad, err := os.ReadFile(whl)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(bad), int64(len(bad)))
	if err != nil {
		t.Fatal(err)
	}
	var ms []member
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, "__main__.py") {
			b = append(b, "# tampered\n"...)
		}
		ms = append(ms, member{f.Name, b, f.Mode()})
	}
	var buf bytes.Buffer
	if err := writeZip(&buf, ms, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(t.TempDir(), filepath.Base(whl))
	if err := os.WriteFile(tampered, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := run(t, "", "/usr/bin/python3", "-m", "wheel", "unpack", "--dest", t.TempDir(), tampered); code == 0 {
		t.Errorf("python3 -m wheel unpack accepted a wheel whose __main__.py does not match RECORD:\n%s", out)
	}
}

// TestHostWheelInstalls installs the host's wheel offline into fresh venvs of the oldest
// CPython the wheel declares (3.8, with its old pip) and of 3.13, and runs both entry points
// on a copy of the example project: exit code 1, its findings.
func TestHostWheelInstalls(t *testing.T) {
	tg := hostTarget(t)
	whl := buildHostWheel(t, tg)
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	shop := filepath.Join(t.TempDir(), "shop")
	if err := os.CopyFS(shop, os.DirFS(filepath.Join(root, "examples", "shop"))); err != nil {
		t.Fatal(err)
	}
	for _, minor := range []string{"3.8", "3.13"} {
		t.Run(minor, func(t *testing.T) {
			t.Parallel()
			py := cpython.Require(t, minor)
			venv := filepath.Join(t.TempDir(), "venv")
			if out, code := run(t, "", py, "-m", "venv", venv); code != 0 {
				t.Fatalf("python -m venv: exit %d\n%s", code, out)
			}
			vpy := filepath.Join(venv, "bin", "python")
			if out, code := run(t, "", vpy, "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--find-links", filepath.Dir(whl), "buttress"); code != 0 {
				t.Fatalf("pip install --no-index --find-links DIR buttress: exit %d\n%s", code, out)
			}
			if out, _ := run(t, "", vpy, "-c", "import importlib.metadata as m; print(m.version('buttress'))"); strings.TrimSpace(out) != version.Version {
				t.Errorf("importlib.metadata.version('buttress') = %q, want %q", strings.TrimSpace(out), version.Version)
			}
			bin := filepath.Join(venv, "bin", "buttress")
			if out, code := run(t, "", bin, "version"); code != 0 || out != "buttress "+version.Version+"\n" {
				t.Errorf("buttress version: exit %d, %q", code, out)
			}
			// The example's deliberate flaws: exit code 1, and its import cycle among them.
			for _, argv := range [][]string{{bin, "check", "--no-cache", "."}, {vpy, "-m", "buttress", "check", "--no-cache", "."}} {
				out, code := run(t, shop, argv[0], argv[1:]...)
				if code != 1 || !strings.Contains(out, "shop/domain/orders.py") {
					t.Errorf("%s: exit %d, want 1 with the example's findings\n%s", strings.Join(argv[1:], " "), code, out)
				}
			}
		})
	}
}

// TestAllWheels builds every wheel (BUTTRESS_WHEELS_ALL=1: six cross-compilations, ten
// minutes and more from a cold build cache on two cores) and checks each: its layout and
// RECORD, that its binary is an executable for its platform's OS and architecture (read with
// debug/elf, debug/macho and debug/pe), and twine check --strict on them all.
func TestAllWheels(t *testing.T) {
	if os.Getenv("BUTTRESS_WHEELS_ALL") != "1" {
		t.Skip("set BUTTRESS_WHEELS_ALL=1 to build and check every wheel (the release workflow builds them all)")
	}
	dir := t.TempDir()
	paths, err := build(dir, targets, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, tg := range targets {
		whl, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		checkWheel(t, tg, whl, nil)
		bin := binaryOf(t, tg, whl)
		checkBuildID(t, tg, bin)
		if got := binaryPlatform(bin); got != tg.GOOS+"/"+tg.GOARCH {
			t.Errorf("%s: its binary is for %s, want %s/%s", tg.fileName(), got, tg.GOOS, tg.GOARCH)
		}
		t.Logf("%s: %d bytes (binary %d)", tg.fileName(), len(whl), len(bin))
	}
	if twine, err := exec.LookPath("twine"); err == nil {
		if out, code := run(t, "", twine, append([]string{"check", "--strict"}, paths...)...); code != 0 {
			t.Errorf("twine check --strict: exit %d\n%s", code, out)
		}
	}
}

// binaryPlatform says which GOOS/GOARCH an executable is for, from its headers.
func binaryPlatform(b []byte) string {
	r := bytes.NewReader(b)
	if f, err := elf.NewFile(r); err == nil {
		switch f.Machine {
		case elf.EM_X86_64:
			return "linux/amd64"
		case elf.EM_AARCH64:
			return "linux/arm64"
		}
		return "linux/" + f.Machine.String()
	}
	if f, err := macho.NewFile(r); err == nil {
		switch f.Cpu {
		case macho.CpuAmd64:
			return "darwin/amd64"
		case macho.CpuArm64:
			return "darwin/arm64"
		}
		return "darwin/" + f.Cpu.String()
	}
	if f, err := pe.NewFile(r); err == nil {
		switch f.Machine {
		case pe.IMAGE_FILE_MACHINE_AMD64:
			return "windows/amd64"
		case pe.IMAGE_FILE_MACHINE_ARM64:
			return "windows/arm64"
		}
		return fmt.Sprintf("windows/%#x", f.Machine)
	}
	return "unknown"
}
