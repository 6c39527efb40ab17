package main

import "testing"

func TestMemProfiling(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"check", "."}, false},
		{[]string{"check", "--memprofile", "m.pprof", "."}, true},
		{[]string{"--memprofile=m.pprof", "graph"}, true},
		{[]string{"check", "--", "--memprofile"}, false},
		{[]string{"check", "--memprofiles"}, false},
	} {
		if got := memProfiling(c.args); got != c.want {
			t.Errorf("memProfiling(%q) = %t, want %t", c.args, got, c.want)
		}
	}
}
