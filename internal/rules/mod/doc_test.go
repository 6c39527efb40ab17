package mod

import (
	"testing"
)

// TestCheckMax: every threshold rule checks its max, and a negative one is an error naming
// the key.
func TestCheckMax(t *testing.T) {
	for _, r := range Rules() {
		m, ok := r.Options.(*Max)
		if !ok {
			continue
		}
		if r.Check == nil {
			t.Errorf("%s (%s) has a max and no Check", r.Code, r.Name)
			continue
		}
		if key, err := r.Check(m); key != "" || err != nil {
			t.Errorf("%s: the default max %d is refused: %s %v", r.Code, m.Max, key, err)
		}
		if key, err := r.Check(&Max{Max: 0}); key != "" || err != nil {
			t.Errorf("%s: max = 0 is refused: %s %v", r.Code, key, err)
		}
		key, err := r.Check(&Max{Max: -1})
		if key != "max" || err == nil || err.Error() != "max = -1: a threshold cannot be negative: give 0 or more (a finding is for a value above it)" {
			t.Errorf("%s: max = -1 gives %q, %v", r.Code, key, err)
		}
	}
}
