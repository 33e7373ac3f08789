package catalog

import (
	"sync"
	"testing"
)

// BenchmarkLoad decodes and indexes the embedded catalog, as the first call of Default does in
// every process.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadDefault = sync.OnceValues(loadEmbedded)
		if Default().Len() == 0 {
			b.Fatal("empty")
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	cat := Default()
	for _, code := range []string{"iMetal.0232", "232", "apigw-201"} {
		b.Run(code, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(cat.Lookup(code)) == 0 {
					b.Fatal("not found")
				}
			}
		})
	}
}

// BenchmarkDiagnose diagnoses errors as parse finds them, once per finding.
func BenchmarkDiagnose(b *testing.B) {
	cat := Default()
	for _, bb := range []struct {
		name, code string
		status     int
		msg        string
	}{
		{"ids", "iMetal.0230", 404, "Subnet not found: ['5f1c', '7a2b']"},
		{"value", "iMetal.0001", 400, "A request parameter contains invalid or unsupported value: flavorRef"},
		{"variants", "APIGW.0201", 504, "Backend timeout."},
		{"detail", "APIGW.0301", 401, "Incorrect IAM authentication information: decrypt token fail"},
		{"spelling", "imetal-232", 400, "Insufficient IP addresses in subnet"},
		{"unknown", "AS.0001", 400, "Quota exceeded"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d := cat.Diagnose(bb.code, bb.status, bb.msg)
				if d.Code == "" {
					b.Fatal("no code")
				}
			}
		})
	}
}
