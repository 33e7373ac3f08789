package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/cmd"
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

var kinds = []Kind{Sparse, Dense, Mixed}

func TestDeterministic(t *testing.T) {
	for _, kind := range kinds {
		t.Run(string(kind), func(t *testing.T) {
			a, ca := gen(t, kind, 1, 1<<20)
			b, cb := gen(t, kind, 1, 1<<20)
			if !bytes.Equal(a, b) {
				t.Error("two runs with seed 1 wrote different logs")
			}
			if !maps.Equal(ca.Codes, cb.Codes) || !maps.EqualFunc(ca.Shapes, cb.Shapes, maps.Equal) {
				t.Errorf("two runs with seed 1 counted differently: %+v and %+v", ca, cb)
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
		for _, kind := range kinds {
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

// codeRE and mixedRE are the patterns of the benchmark's baselines, rg -o PATTERN, for the
// sparse and dense logs and for the mixed one: each must find exactly the generated errors, or
// the baseline would not do the same work. scripts/bench.sh spells them the same for rg,
// without the group around the code.
var (
	codeRE  = regexp.MustCompile(`error_code"?:\s*"?([A-Za-z]+\.[0-9]+)`)
	mixedRE = regexp.MustCompile(`[Ee]rror_?[Cc]ode\\?["\x27]?\s*[:=]\s*\\?["\x27]?([A-Za-z]+\.[0-9]+)`)
)

func TestErrorLines(t *testing.T) {
	for _, tc := range []struct {
		kind     Kind
		re       *regexp.Regexp
		min, max float64 // fraction of lines that carry an error
	}{
		{Sparse, codeRE, 0.008, 0.012},
		{Dense, codeRE, 0.999, 1},
		{Mixed, mixedRE, 0.2, 0.35},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			b, c := gen(t, tc.kind, 7, 4<<20)
			found := make(map[string]int)
			errLines := 0
			for line := range strings.Lines(string(b)) {
				m := tc.re.FindAllStringSubmatch(line, -1)
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

func TestMixedShapes(t *testing.T) {
	_, c := gen(t, Mixed, 7, 4<<20)
	sum := make(map[string]int)
	for _, s := range shapes {
		perCode, ok := c.Shapes[s.name]
		if !ok {
			t.Errorf("no counts for shape %s", s.name)
		}
		n := 0
		for code, k := range perCode {
			sum[code] += k
			n += k
		}
		if n < c.ErrorLines*s.weight/(2*totalWeight()) {
			t.Errorf("shape %s: %d of %d responses, fewer than half its weight's share", s.name, n, c.ErrorLines)
		}
	}
	if len(c.Shapes) != len(shapes) {
		t.Errorf("counts for %d shapes, want %d", len(c.Shapes), len(shapes))
	}
	if !maps.Equal(sum, c.Codes) {
		t.Errorf("the shapes' counts add up to %v, the codes' are %v", sum, c.Codes)
	}
}

func totalWeight() int {
	n := 0
	for _, s := range shapes {
		n += s.weight
	}
	return n
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

// readToday are the shapes of the mixed log that the scanner reads, every response counted once,
// today. A shape not listed must still be read not at all: when one is read in full, the test
// fails until it is listed, so that the list only grows for real (issue 10 adds the others).
var readToday = []string{"slog-json", "zap-json", "slog-text-body", "go-sdk-v", "python-sdk-str", "curl-i", "curl-v",
	"logfmt", "go-sdk-sharpv", "python-dict", "node-sdk-stack", "node-sdk-inline", "node-sdk-json"}

// summaryOf runs `imetal-err parse --summary -o json FILE` on b, written to a file as the
// benchmark does (so that a large log is mapped and scanned in parallel segments), and returns
// its standard output.
func summaryOf(t *testing.T, b []byte) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "log")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if rc := cmd.Main([]string{"parse", "--summary", "-o", "json", path}, strings.NewReader(""), &out, &errOut); rc != 0 && rc != 3 {
		t.Fatalf("parse --summary exited %d: %s", rc, errOut.String())
	}
	return out.Bytes()
}

// verifySummary is `benchgen -verify` of summary against c.
func verifySummary(t *testing.T, c Counts, summary []byte) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "log.counts.json")
	var cb bytes.Buffer
	if err := writeCounts(&cb, c); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, cb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	err := run([]string{"-verify", path}, bytes.NewReader(summary), io.Discard, &stderr)
	return stderr.String(), err
}

// TestSummaryCountsEachShape checks, shape by shape, the counts that `parse --summary -o json`
// reports on a mixed log of that shape only (and of the plain records between).
func TestSummaryCountsEachShape(t *testing.T) {
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			var b bytes.Buffer
			c, err := generateShapes(&b, Mixed, 11, 256<<10, []shape{s})
			if err != nil {
				t.Fatal(err)
			}
			msg, err := verifySummary(t, c, summaryOf(t, b.Bytes()))
			switch {
			case slices.Contains(readToday, s.name):
				if err != nil {
					t.Errorf("%v:\n%s", err, msg)
				}
			case err == nil:
				t.Errorf("parse counts every response of %s now: add it to readToday", s.name)
			case errors.Is(err, errShapesUnread):
				t.Logf("not read yet: %s", msg)
			default:
				t.Errorf("%s is counted in part (neither read nor left alone): %v\n%s", s.name, err, msg)
			}
		})
	}
}

// TestSummaryCountsMixed checks the whole mixed log as scripts/bench.sh does, large enough for
// several parallel segments: the summary counts every response of the shapes read today, and
// -verify names the others.
func TestSummaryCountsMixed(t *testing.T) {
	b, c := gen(t, Mixed, 1, 9<<20)
	msg, err := verifySummary(t, c, summaryOf(t, b))
	var unread []string
	for _, s := range shapes {
		if !slices.Contains(readToday, s.name) {
			unread = append(unread, s.name)
		}
	}
	if len(unread) == 0 {
		if err != nil {
			t.Errorf("%v:\n%s", err, msg)
		}
		return
	}
	if !errors.Is(err, errShapesUnread) {
		t.Fatalf("-verify: %v, want %v:\n%s", err, errShapesUnread, msg)
	}
	for _, name := range unread {
		if !strings.Contains(msg, name+" (") {
			t.Errorf("-verify does not name %s as not read:\n%s", name, msg)
		}
	}
	for _, name := range readToday {
		if strings.Contains(msg, name+" (") {
			t.Errorf("-verify names %s, which is read, as not read:\n%s", name, msg)
		}
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

// TestVerifyMixed checks -verify on a mixed log's counts: it names the shapes a summary leaves
// out entirely, and rejects one that counts a shape in part.
func TestVerifyMixed(t *testing.T) {
	c := Counts{Kind: Mixed, Codes: map[string]int{"iMetal.0230": 5, "APIGW.0308": 3}, Shapes: map[string]map[string]int{
		"curl-i":        {"iMetal.0230": 2, "APIGW.0308": 1},
		"logfmt":        {"iMetal.0230": 3},
		"python-dict":   {"APIGW.0308": 2},
		"node-sdk-json": {},
	}}
	summary := func(counts map[string]int) []byte {
		var rows []map[string]any
		for code, n := range counts {
			rows = append(rows, map[string]any{"code": code, "count": n})
		}
		b, _ := json.Marshal(rows)
		return b
	}
	for _, tc := range []struct {
		got    map[string]int
		err    error // nil, errShapesUnread, or errAny
		unread string
	}{
		{map[string]int{"iMetal.0230": 5, "APIGW.0308": 3}, nil, ""},
		{map[string]int{"iMetal.0230": 2, "APIGW.0308": 1}, errShapesUnread, "none of: logfmt (3), python-dict (2)"},
		{map[string]int{"iMetal.0230": 3, "APIGW.0308": 2}, errShapesUnread, "none of: curl-i (3)"},
		{map[string]int{}, errShapesUnread, "0 of the 3 shapes, none of: curl-i (3), logfmt (3), python-dict (2)"},
		{map[string]int{"iMetal.0230": 4, "APIGW.0308": 3}, errAny, "iMetal.0230: generated 5, summary 4"},
		{map[string]int{"iMetal.0230": 5, "APIGW.0308": 3, "iMetal.0999": 1}, errAny, "iMetal.0999: generated 0, summary 1"},
	} {
		msg, err := verifySummary(t, c, summary(tc.got))
		switch {
		case tc.err == nil && err != nil, tc.err != nil && err == nil:
			t.Errorf("%v: -verify says %v, want %v:\n%s", tc.got, err, tc.err, msg)
		case tc.err == errShapesUnread && !errors.Is(err, errShapesUnread),
			tc.err == errAny && errors.Is(err, errShapesUnread):
			t.Errorf("%v: -verify says %v, want %v:\n%s", tc.got, err, tc.err, msg)
		case !strings.Contains(msg, tc.unread):
			t.Errorf("%v: -verify says\n%s\nwant it to say %q", tc.got, msg, tc.unread)
		}
	}
}

var errAny = errors.New("any error but errShapesUnread")

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
	for _, kind := range kinds {
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
