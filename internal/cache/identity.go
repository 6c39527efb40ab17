package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"os"
	"sync"
)

// Identity returns what tells this build of buttress from any other, for the cache's
// header: the version, and the Go build ID of the running executable. The build ID is a
// digest of every input of the build, so that a development build whose version string has
// not changed still never reads the entries of another build. It is read from the first
// 64 KB of the executable (an ELF note, or the marker the Go linker puts at the start of
// the text of other formats); when it cannot be found, the whole executable is hashed, and
// when that cannot be read either, the version alone is used.
func Identity(version string) []byte {
	h := sha256.New()
	h.Write([]byte("buttress cache identity\x00"))
	h.Write([]byte(version))
	h.Write([]byte{0})
	h.Write(buildID())
	return h.Sum(nil)
}

var buildID = sync.OnceValue(func() []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, BuildIDHead)
	n, _ := io.ReadFull(f, head)
	if id := findBuildID(head[:n]); id != nil {
		return id
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil
	}
	return append([]byte("sha256:"), h.Sum(nil)...)
})

// BuildIDHead is how much of the executable Identity reads for its build ID.
const BuildIDHead = 64 << 10

// BuildID returns the Go build ID that Identity finds in head, the first BuildIDHead bytes of
// an executable; nil when there is none (the executable is then hashed whole at every run).
func BuildID(head []byte) []byte { return findBuildID(head) }

// findBuildID finds the Go build ID in the first bytes of an executable.
func findBuildID(b []byte) []byte {
	// An ELF note: name size 4, description size, type 4 (Go's build ID), name "Go\0\0",
	// then the ID; in the byte order of the file.
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		var pat [12]byte
		order.PutUint32(pat[0:], 4)
		order.PutUint32(pat[4:], 4)
		copy(pat[8:], "Go\x00\x00")
		// pat is name size and type around the description size: search for type and name,
		// then check the name size before them.
		tail := pat[4:]
		for i := 0; ; {
			j := bytes.Index(b[i:], tail)
			if j < 0 {
				break
			}
			at := i + j
			if at >= 8 && order.Uint32(b[at-8:]) == 4 {
				size := int(order.Uint32(b[at-4:]))
				start := at + len(tail)
				if size > 0 && size <= 1024 && start+size <= len(b) {
					return append([]byte("elf:"), b[start:start+size]...)
				}
			}
			i = at + 1
		}
	}
	// The marker of other formats: \xff Go build ID: "ID"\n \xff
	const marker = "\xff Go build ID: \""
	if i := bytes.Index(b, []byte(marker)); i >= 0 {
		rest := b[i+len(marker):]
		if j := bytes.IndexByte(rest, '"'); j > 0 && j <= 1024 {
			return append([]byte("text:"), rest[:j]...)
		}
	}
	return nil
}
