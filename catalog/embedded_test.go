package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestEmbeddedMatchesData keeps embedded.go, what the binary holds, equal to data/*.json,
// what people edit: each file is decoded as a user catalog would be, unknown keys refused.
func TestEmbeddedMatchesData(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("data", "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no data/*.json: %v", err)
	}
	var want []Entry
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		entries, err := Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want = append(want, entries...)
	}
	if len(embedded) != len(want) {
		t.Fatalf("embedded.go has %d entries, data/*.json %d: run go generate ./catalog", len(embedded), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(embedded[i], want[i]) {
			t.Errorf("embedded.go differs from data/*.json at entry %d (%s): run go generate ./catalog\n got %+v\nwant %+v", i+1, want[i].Code, embedded[i], want[i])
		}
	}
}
