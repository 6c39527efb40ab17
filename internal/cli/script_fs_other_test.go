//go:build !unix

package cli

func mkfifo(string) error   { return errUnsupported }
func mksocket(string) error { return errUnsupported }
