//go:build linux

package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() { scriptCmds["pty"] = ptyCmd }

// openPTY opens a pseudo-terminal: the master side, which the test reads and types on, and
// the terminal a program runs on.
func openPTY() (master, term *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		master.Close()
		return nil, nil, fmt.Errorf("unlocking the pseudo-terminal: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		master.Close()
		return nil, nil, fmt.Errorf("numbering the pseudo-terminal: %v", e)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, term, nil
}

// ptyCmd is the script command
//
//	pty [-ctrl-c|-term] [-after REGEXP] [-wait DURATION] PROGRAM [ARGS...]
//
// It runs PROGRAM on a pseudo-terminal of its own (its standard input, output and error, and
// its controlling terminal, as in an interactive shell), with TERM=xterm and the script's
// NO_COLOR and FORCE_COLOR. With -ctrl-c it
// types Ctrl-C on the terminal once the output matches REGEXP (at once without -after; the terminal sends SIGINT to
// the program, as a person would); with -term it sends SIGTERM then; -wait waits that long
// more first. The program must then end within 5 seconds. What the terminal showed (stdout and stderr together, with the
// terminal's "\r\n") is the command's stdout, followed by a last line "status: ..." (as
// os/exec says it: "exit status 1", "signal: interrupt") and, after a signal, "stopped: in
// time" when the program ended within the 5 seconds.
func ptyCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: pty [-ctrl-c|-term] [-after REGEXP] [-wait DURATION] PROGRAM [ARGS...]")
	}
	var send string
	var wait time.Duration
	var after *regexp.Regexp // nil: at once
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-ctrl-c", "-term":
			send = args[0]
			args = args[1:]
		case "-wait":
			if len(args) < 2 {
				ts.Fatalf("pty: -wait needs a duration")
			}
			d, err := time.ParseDuration(args[1])
			ts.Check(err)
			wait = d
			args = args[2:]
		case "-after":
			if len(args) < 2 {
				ts.Fatalf("pty: -after needs a regular expression")
			}
			after = regexp.MustCompile(args[1])
			args = args[2:]
		default:
			ts.Fatalf("pty: unknown flag %s", args[0])
		}
	}
	if len(args) == 0 {
		ts.Fatalf("usage: pty [-ctrl-c|-term] [-after REGEXP] [-wait DURATION] PROGRAM [ARGS...]")
	}
	path, err := exec.LookPath(args[0])
	ts.Check(err)
	master, term, err := openPTY()
	ts.Check(err)
	defer master.Close()
	cmd := exec.Command(path, args[1:]...)
	cmd.Dir = ts.MkAbs(".")
	// The colour variables are the script's (env NO_COLOR=1), not those of the shell that
	// runs the tests.
	cmd.Env = append(os.Environ(), "TERM=xterm", "HOME="+ts.Getenv("HOME"), "TMPDIR="+ts.Getenv("TMPDIR"),
		"NO_COLOR="+ts.Getenv("NO_COLOR"), "FORCE_COLOR="+ts.Getenv("FORCE_COLOR"))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = term, term, term
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	ts.Check(cmd.Start())
	term.Close()

	var mu sync.Mutex
	var shown bytes.Buffer
	matched := make(chan struct{})
	once := after == nil
	if once {
		close(matched)
	}
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			mu.Lock()
			shown.Write(buf[:n])
			if !once && after.Match(shown.Bytes()) {
				once = true
				close(matched)
			}
			mu.Unlock()
			if err != nil {
				return // EIO once the program and its terminal are gone
			}
		}
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	var status error
	stopped := ""
	if send == "" {
		select {
		case status = <-exited:
		case <-time.After(60 * time.Second):
			_ = cmd.Process.Kill()
			ts.Fatalf("pty: %s did not end within 60 seconds", args[0])
		}
	} else {
		select {
		case status = <-exited:
			mu.Lock()
			ts.Fatalf("pty: %s ended (%v) before its output matched %q:\n%s", args[0], status, after, shown.String())
		case <-matched:
			time.Sleep(wait)
		case <-time.After(60 * time.Second):
			_ = cmd.Process.Kill()
			mu.Lock()
			ts.Fatalf("pty: the output of %s did not match %q within 60 seconds:\n%s", args[0], after, shown.String())
		}
		if send == "-ctrl-c" {
			_, err = master.Write([]byte{3})
			ts.Check(err)
		} else {
			ts.Check(cmd.Process.Signal(syscall.SIGTERM))
		}
		select {
		case status = <-exited:
			stopped = "stopped: in time\n"
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			status = <-exited
			stopped = "stopped: NOT within 5 seconds\n"
		}
	}
	select {
	case <-readDone:
	case <-time.After(5 * time.Second):
	}
	mu.Lock()
	defer mu.Unlock()
	what := "exit status 0"
	if status != nil {
		var ee *exec.ExitError
		if !errors.As(status, &ee) {
			ts.Fatalf("pty: %v", status)
		}
		what = status.Error()
	}
	fmt.Fprintf(ts.Stdout(), "%sstatus: %s\n%s", shown.String(), what, stopped)
}
