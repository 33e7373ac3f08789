package catalog_test

import (
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/scan"
)

// TestExampleBodiesParse runs every entry's example error body through the parser and expects
// the entry's own code back, diagnosed as that very entry (the variant, for codes with several).
func TestExampleBodiesParse(t *testing.T) {
	cat := catalog.Default()
	for _, e := range cat.Entries() {
		t.Run(e.Code+"/"+e.Message, func(t *testing.T) {
			if e.Explanation == nil || e.Explanation.Example == "" {
				t.Fatal("no example body")
			}
			found := scan.All([]byte(e.Explanation.Example))
			if len(found) != 1 {
				t.Fatalf("parser found %d errors in the example, want 1: %q", len(found), e.Explanation.Example)
			}
			f := found[0]
			d := cat.Diagnose(f.Code, f.HTTPStatus, f.Message)
			if d.Code != e.Code {
				t.Fatalf("example yields code %q, want %q", d.Code, e.Code)
			}
			if d.Entry == nil || d.Entry.Status != e.Status || d.Entry.Message != e.Message {
				t.Errorf("example is diagnosed as %+v, want this entry (status %d, %q)", d.Entry, e.Status, e.Message)
			}
			if _, ok := e.Match(f.Message); !ok {
				t.Errorf("example message %q does not match the template %q", f.Message, e.Message)
			}
		})
	}
}
