package cli

import (
	"github.com/rogpeppe/go-internal/testscript"
)

// Commands for the scripts that make what a txtar archive cannot hold:
//
//	mkfifo NAME...    make named pipes
//	mksocket NAME...  make Unix sockets (no one listens on them)
//
// Guard them with [unix]. To run buttress without root's power to read anything, scripts use
// the program nodac (nodac_test.go).
func withFSCmds(cmds map[string]func(ts *testscript.TestScript, neg bool, args []string)) map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds["mkfifo"] = func(ts *testscript.TestScript, neg bool, args []string) {
		makeNodes(ts, neg, args, mkfifo)
	}
	cmds["mksocket"] = func(ts *testscript.TestScript, neg bool, args []string) {
		makeNodes(ts, neg, args, mksocket)
	}
	return cmds
}

func makeNodes(ts *testscript.TestScript, neg bool, args []string, mk func(string) error) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: mkfifo|mksocket NAME...")
	}
	for _, name := range args {
		if err := mk(ts.MkAbs(name)); err != nil {
			ts.Fatalf("%s: %v", name, err)
		}
	}
}
