//go:build !unix

package cli

import "errors"

var errUnsupported = errors.New("named pipes and sockets are not supported here: guard the command with [unix]")

func mkfifo(string) error   { return errUnsupported }
func mksocket(string) error { return errUnsupported }
