package config

import (
	"fmt"
	"strconv"
	"strings"
)

// FileSize is a size in bytes, written in the configuration as a string with a unit: "20MB",
// "512KB", "1GB", "1000000B". The unit is required (a bare "20" would be 20 bytes, and skip
// every file). The units are binary (a KB is 1,024 bytes, an MB 1,048,576); KiB, MiB and GiB,
// and K, M and G, mean the same.
type FileSize int64

// DefaultMaxFileSize is the size above which a file is reported and not read: 25 times the
// largest file of the standard library (pydoc_data/topics.py, 0.8 MB), 5 times the largest of
// a 10,000-file site-packages (4 MB of AWS policies in moto), while the worst file that large
// (one-word statements, about 50 bytes of memory per byte) still parses in about a GB.
const DefaultMaxFileSize FileSize = 20 << 20

// MaxMaxFileSize is the largest max-file-size: positions in a file are 32-bit offsets.
const MaxMaxFileSize FileSize = 1 << 30

var sizeUnits = map[string]FileSize{
	"b": 1,
	"k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
	"m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
	"g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
}

// UnmarshalText reads a size such as "20MB".
func (s *FileSize) UnmarshalText(b []byte) error {
	text := strings.TrimSpace(string(b))
	i := 0
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	unit, ok := sizeUnits[strings.ToLower(strings.TrimSpace(text[i:]))]
	n, err := strconv.ParseInt(text[:i], 10, 64)
	if i == 0 || !ok || err != nil {
		return fmt.Errorf("%q is not a size: write a whole number and a unit (B, KB, MB or GB), such as \"20MB\"", string(b))
	}
	if n == 0 || n > int64(MaxMaxFileSize/unit) {
		return fmt.Errorf("%q is out of range: give a size from 1 byte to 1GB (the default is 20MB)", string(b))
	}
	*s = FileSize(n) * unit
	return nil
}

// String writes the size with the largest unit that divides it: "20MB", "1536KB", "1000B".
func (s FileSize) String() string {
	switch {
	case s >= 1<<30 && s%(1<<30) == 0:
		return strconv.FormatInt(int64(s>>30), 10) + "GB"
	case s >= 1<<20 && s%(1<<20) == 0:
		return strconv.FormatInt(int64(s>>20), 10) + "MB"
	case s >= 1<<10 && s%(1<<10) == 0:
		return strconv.FormatInt(int64(s>>10), 10) + "KB"
	}
	return strconv.FormatInt(int64(s), 10) + "B"
}
