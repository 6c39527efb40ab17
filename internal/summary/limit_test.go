package summary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

// TestMaxFileSize checks that a file over the limit is not read but reported, with its size,
// the limit and the key to raise, and that a file at the limit is read.
func TestMaxFileSize(t *testing.T) {
	dir := t.TempDir()
	at := filepath.Join(dir, "at.py")
	over := filepath.Join(dir, "over.py")
	if err := os.WriteFile(at, []byte(strings.Repeat("a\n", 512)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(over, []byte(strings.Repeat("a\n", 513)), 0o644); err != nil {
		t.Fatal(err)
	}
	files := Summarize([]Input{{Path: at, Rel: "at.py"}, {Path: over, Rel: "over.py"}}, Options{MaxFileSize: 1024})
	if f := files[0]; f.TooLarge || f.ReadError != "" || f.Lines != 512 {
		t.Errorf("a file at the limit: too large %v, read error %q, %d lines", f.TooLarge, f.ReadError, f.Lines)
	}
	f := files[1]
	want := `not read: 1,026 bytes is over the limit of 1KB; to read it, set max-file-size = "1MB" in [tool.buttress] (pyproject.toml) or in buttress.toml`
	if !f.TooLarge || f.Size != 1026 || f.ReadError != want || f.Lines != 0 {
		t.Errorf("a file over the limit: too large %v, size %d, %d lines, read error\n%s\nwant\n%s", f.TooLarge, f.Size, f.Lines, f.ReadError, want)
	}
	if files := Summarize([]Input{{Path: over, Rel: "over.py"}}, Options{}); files[0].TooLarge || files[0].Lines != 513 {
		t.Errorf("without a limit, the file is read")
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{20 << 20: "20MB", 1536 << 10: "1536KB", 1000: "1000B", 52428800: "50MB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %s, want %s", n, got, want)
		}
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 52428800: "52,428,800", 1234567890: "1,234,567,890"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %s, want %s", n, got, want)
		}
	}
}

// TestReadIntoGrowing reads a file whose size was not known, or grew after it was taken.
func TestReadIntoGrowing(t *testing.T) {
	reader := func(text string) func([]byte) (int, error) {
		return func(b []byte) (int, error) {
			n := copy(b, text)
			text = text[n:]
			return n, nil
		}
	}
	long := strings.Repeat("x = 1\n", 1000)
	if got, err := readInto(0, 0, nil, reader(long)); got != long || err != nil {
		t.Errorf("size unknown: %d bytes, %v", len(got), err)
	}
	if got, err := readInto(10, 0, nil, reader(long)); got != long || err != nil {
		t.Errorf("grown from 10 bytes: %d bytes, %v", len(got), err)
	}
	_, err := readInto(10, 100, nil, reader(long))
	if big, ok := err.(*tooLargeError); !ok || !big.grew || !strings.Contains(err.Error(), "not read: more than ") {
		t.Errorf("grown past the limit: %v", err)
	}
}

// TestReadIntoCalls reads a file of a known size with one call when it comes whole, reads on
// when the calls return less (a short read is not the end unless the size is reached), and
// reuses a buffer it is given.
func TestReadIntoCalls(t *testing.T) {
	text := strings.Repeat("import os\n", 100)
	calls := 0
	reader := func(text string, most int) func([]byte) (int, error) {
		return func(b []byte) (int, error) {
			calls++
			n := copy(b[:min(len(b), most)], text)
			text = text[n:]
			return n, nil
		}
	}
	if got, err := readInto(int64(len(text)), 0, nil, reader(text, 1<<20)); got != text || err != nil || calls != 1 {
		t.Errorf("whole: %d bytes in %d calls, %v; want %d in 1", len(got), calls, err, len(text))
	}
	calls = 0
	if got, err := readInto(int64(len(text)), 0, nil, reader(text, 7)); got != text || err != nil {
		t.Errorf("seven bytes a call: %d bytes in %d calls, %v", len(got), calls, err)
	}
	calls = 0
	if got, err := readInto(int64(len(text)-10), 0, nil, reader(text, 1<<20)); got != text || err != nil {
		t.Errorf("grown by 10 bytes: %d bytes in %d calls, %v", len(got), calls, err)
	}
	buf := make([]byte, 0, 4096)
	got, err := readInto(int64(len(text)), 0, &buf, reader(text, 1<<20))
	if got != text || err != nil || &buf[:1][0] != unsafe.StringData(got) {
		t.Errorf("into a buffer: %d bytes, %v, shares the buffer: %v", len(got), err, err == nil && &buf[:1][0] == unsafe.StringData(got))
	}
	short := "x = 1\n"
	if got, err := readInto(int64(len(short)), 0, &buf, reader(short, 1<<20)); got != short || err != nil || cap(buf) != 4096 {
		t.Errorf("a shorter file into the same buffer: %q, %v, capacity %d", got, err, cap(buf))
	}
}
