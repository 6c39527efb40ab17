package pathglob

import "testing"

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		glob, path string
		want       bool
	}{
		{"test_*.py", "a/b/test_x.py", true},
		{"test_*.py", "a/test_dir/x.py", false},
		{"tests/**", "tests/a/b.py", true},
		{"tests/**", "src/tests/b.py", false},
		{"**/tests/**", "src/tests/b.py", true},
		{"**/migrations/**", "app/migrations/0001_initial.py", true},
		{"conftest.py", "conftest.py", true},
	} {
		if got := Match([]string{c.glob}, c.path); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.glob, c.path, got, c.want)
		}
	}
}
