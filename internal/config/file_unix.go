//go:build unix

package config

import (
	"os"
	"syscall"
)

// openFlags open a file for reading without waiting: should a named pipe take the place of
// the regular file between the check and the open, the open returns at once.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
