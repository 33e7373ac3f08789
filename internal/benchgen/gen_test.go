package main

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/scan"
)

func gen(t testing.TB, kind Kind, seed uint64, size int64) ([]byte, Counts) {
	t.Helper()
	var b bytes.Buffer
	c, err := generate(&b, kind, seed, size)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), c
}

func TestDeterministic(t *testing.T) {
	for _, kind := range []Kind{Sparse, Dense} {
		t.Run(string(kind), func(t *testing.T) {
			a, ca := gen(t, kind, 1, 1<<20)
			b, cb := gen(t, kind, 1, 1<<20)
			if !bytes.Equal(a, b) {
				t.Error("two runs with seed 1 wrote different logs")
			}
			if !maps.Equal(ca.Codes, cb.Codes) {
				t.Errorf("two runs with seed 1 counted differently: %v and %v", ca.Codes, cb.Codes)
			}
			if c, _ := gen(t, kind, 2, 1<<20); bytes.Equal(a, c) {
				t.Error("seeds 1 and 2 wrote the same log")
			}
			// A smaller file is the beginning of a larger one, up to the filler line.
			small, _ := gen(t, kind, 1, 64<<10)
			cut := bytes.LastIndexByte(small[:len(small)-1], '\n') + 1
			if !bytes.HasPrefix(a, small[:cut]) {
				t.Error("the 64 KiB log is not a prefix of the 1 MiB one")
			}
		})
	}
}

func TestExactSize(t *testing.T) {
	for _, size := range []int64{0, 1, 2, 100, 1000, 4096, 1 << 20, 1<<20 + 7} {
		for _, kind := range []Kind{Sparse, Dense} {
			b, c := gen(t, kind, 1, size)
			if int64(len(b)) != size || c.Size != size {
				t.Errorf("%s, size %d: wrote %d bytes, counted %d", kind, size, len(b), c.Size)
			}
			if size > 0 && b[len(b)-1] != '\n' {
				t.Errorf("%s, size %d: last line not terminated", kind, size)
			}
			if n := bytes.Count(b, []byte("\n")); n != c.Lines {
				t.Errorf("%s, size %d: %d lines, counted %d", kind, size, n, c.Lines)
			}
		}
	}
}

// codeRE is the pattern of the benchmark's baseline, rg -o 'error_code"?:\s*"?[A-Za-z]+\.[0-9]+':
// it must find exactly the generated errors, or the baseline would not do the same work.
var codeRE = regexp.MustCompile(`error_code"?:\s*"?([A-Za-z]+\.[0-9]+)`)

func TestErrorLines(t *testing.T) {
	for _, tc := range []struct {
		kind     Kind
		min, max float64 // fraction of lines that carry an error
	}{
		{Sparse, 0.008, 0.012},
		{Dense, 0.999, 1},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			b, c := gen(t, tc.kind, 7, 4<<20)
			found := make(map[string]int)
			errLines := 0
			for line := range strings.Lines(string(b)) {
				m := codeRE.FindAllStringSubmatch(line, -1)
				if len(m) > 1 {
					t.Fatalf("more than one code in line %q", line)
				}
				if len(m) == 1 {
					found[m[0][1]]++
					errLines++
				}
			}
			if !maps.Equal(found, c.Codes) {
				t.Errorf("codes in the log %v, counted %v", found, c.Codes)
			}
			if errLines != c.ErrorLines {
				t.Errorf("%d error lines in the log, counted %d", errLines, c.ErrorLines)
			}
			if f := float64(c.ErrorLines) / float64(c.Lines); f < tc.min || f > tc.max {
				t.Errorf("%d of %d lines carry an error (%.4f), want between %.3f and %.3f", c.ErrorLines, c.Lines, f, tc.min, tc.max)
			}
			if len(c.Codes) != len(codes) {
				t.Errorf("%d codes written, want all %d", len(c.Codes), len(codes))
			}
		})
	}
}

func TestCodesAreInTheCatalog(t *testing.T) {
	cat := catalog.Default()
	for _, c := range codes {
		entries := cat.Lookup(c.code)
		if len(entries) == 0 {
			t.Errorf("%s is not in the catalog", c.code)
			continue
		}
		if canon, _ := cat.Canonical(c.code); canon != c.code {
			t.Errorf("%s is spelled %s in the catalog", c.code, canon)
		}
		ok := false
		for _, e := range entries {
			ok = ok || e.Status == c.status
		}
		if !ok {
			t.Errorf("%s: no catalog entry with status %d", c.code, c.status)
		}
	}
}

// TestScannerFindsEveryError checks the generator against the scanner the benchmark times:
// the counts per code that scan finds are the generated ones.
func TestScannerFindsEveryError(t *testing.T) {
	for _, kind := range []Kind{Sparse, Dense} {
		t.Run(string(kind), func(t *testing.T) {
			b, c := gen(t, kind, 3, 2<<20)
			got := make(map[string]int)
			s := scan.New(bytes.NewReader(b))
			for s.Scan() {
				got[s.Finding().Code]++
			}
			if err := s.Err(); err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, c.Codes) {
				t.Errorf("scan found %v, generated %v", got, c.Codes)
			}
		})
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "log")
	if err := run([]string{"-kind", "dense", "-size", "64KiB", "-seed", "5", "-o", out}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, wc := gen(t, Dense, 5, 64<<10)
	if !bytes.Equal(b, want) {
		t.Error("-o wrote another log than generate")
	}
	var c Counts
	cb, err := os.ReadFile(out + ".counts.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(cb, &c); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(c.Codes, wc.Codes) || c.Lines != wc.Lines || c.Kind != Dense || c.Seed != 5 {
		t.Errorf("counts file %+v, want %+v", c, wc)
	}

	// -verify accepts a summary with the same counts in any order, and rejects any other.
	var rows []map[string]any
	for code, n := range c.Codes {
		rows = append(rows, map[string]any{"code": code, "count": n, "known": true})
	}
	summary, _ := json.Marshal(rows)
	if err := run([]string{"-verify", out + ".counts.json"}, bytes.NewReader(summary), io.Discard, io.Discard); err != nil {
		t.Errorf("-verify of matching counts: %v", err)
	}
	rows[0]["count"] = rows[0]["count"].(int) + 1
	summary, _ = json.Marshal(append(rows, map[string]any{"code": "iMetal.9999", "count": 1}))
	var stderr bytes.Buffer
	if err := run([]string{"-verify", out + ".counts.json"}, bytes.NewReader(summary), io.Discard, &stderr); err == nil {
		t.Error("-verify of differing counts succeeded")
	}
	if !strings.Contains(stderr.String(), "iMetal.9999: generated 0, summary 1") {
		t.Errorf("-verify did not name the extra code:\n%s", stderr.String())
	}
}

func TestRunRejects(t *testing.T) {
	for _, args := range [][]string{
		{"-kind", "medium"},
		{"-size", "12 parsecs"},
		{"-size", "-1"},
		{"extra"},
	} {
		if err := run(args, nil, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"1000", 1000}, {"1000B", 1000}, {"4KiB", 4096}, {"256MiB", 256 << 20},
		{"2GiB", 2 << 30}, {"64MB", 64e6}, {"3kB", 3000}, {"1 MiB", 1 << 20},
	} {
		if got, err := parseSize(tc.in); err != nil || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "MiB", "1.5MiB", "-3", "ten", "99999999GiB"} {
		if got, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", in, got)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, kind := range []Kind{Sparse, Dense} {
		b.Run(string(kind), func(b *testing.B) {
			const size = 16 << 20
			b.SetBytes(size)
			for b.Loop() {
				if _, err := generate(io.Discard, kind, 1, size); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
