//go:build !linux && !darwin

package cache

import "os"

// mapFile: files are read, not mapped, here (see map_unix.go).
func mapFile(f *os.File) []byte { return nil }

func unmapFile(b []byte) {}
