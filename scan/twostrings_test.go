package scan

import "testing"

// TestTwoStrings checks that twoStrings returns its arguments as they are,
// in one allocation when both are non-empty.
func TestTwoStrings(t *testing.T) {
	for _, c := range [][2]string{{"", ""}, {"msg", ""}, {"", "id"}, {"Subnet not found: [subnet-1]", "0f3c"}, {"é\x00", "\xff"}} {
		a, b := twoStrings([]byte(c[0]), []byte(c[1]))
		if a != c[0] || b != c[1] {
			t.Errorf("twoStrings(%q, %q) = %q, %q", c[0], c[1], a, b)
		}
	}
	m, r := []byte("Instances not found: [i-1]"), []byte("4479b1c2917575f5")
	if n := testing.AllocsPerRun(100, func() { twoStrings(m, r) }); n != 1 {
		t.Errorf("twoStrings made %v allocations, want 1", n)
	}
}
