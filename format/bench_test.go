package format

import (
	"io"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
)

func BenchmarkRenderEntries(b *testing.B) {
	cat := catalog.Default()
	for _, bb := range []struct {
		name    string
		entries []catalog.Entry
	}{
		{"one", cat.Lookup("iMetal.0232")},
		{"all", cat.Entries()},
	} {
		for _, st := range Styles {
			b.Run(bb.name+"/"+string(st), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := Entries(io.Discard, bb.entries, Options{Style: st}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkRenderFindings(b *testing.B) {
	cat := catalog.Default()
	f := Finding{
		Diagnosis: cat.Diagnose("iMetal.0230", 404, "Subnet not found: ['5f1c', '7a2b']"),
		RequestID: "0a1b2c3d4e5f", Request: "POST /v1/servers", Shape: "json", Input: "app.log", Offset: 1234,
	}
	findings := make([]Finding, 25)
	for i := range findings {
		findings[i] = f
	}
	for _, st := range Styles {
		b.Run(string(st), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Findings(io.Discard, findings, Options{Style: st}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
