// Command buttress reads a Python codebase without importing it and makes its structure
// explicit and enforceable.
package main

import (
	"os"
	"runtime/debug"

	"github.com/buttresspy/buttress/internal/cli"
)

func main() {
	// buttress parses every file once and drops each tree as soon as it is summarised: the
	// heap is mostly short-lived garbage. Collecting less often saves a good part of the CPU
	// time; a soft limit keeps memory bounded on huge trees (what is live stays far below it:
	// 140 MB for 200,000 modules). GOGC and GOMEMLIMIT still win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
