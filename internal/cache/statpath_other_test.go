//go:build (linux && !(amd64 || arm64)) || darwin

package cache

import "testing"

// checkRootClose: there is no descriptor here.
func checkRootClose(t *testing.T, r *rootDir) {
	if r != nil {
		t.Errorf("openRoot gave a root where no stat uses one")
	}
}
