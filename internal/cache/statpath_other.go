//go:build (linux && !(amd64 || arm64)) || darwin

package cache

import "syscall"

// statPath is syscall.Stat (statpath_linux.go avoids its allocation where it can).
func statPath(path string, st *syscall.Stat_t) error { return syscall.Stat(path, st) }
