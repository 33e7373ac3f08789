// Command benchgen writes the synthetic application logs that scripts/bench.sh times
// `imetal-err parse` on, deterministically: the same flags give a byte-identical file. Beside
// the log it writes FILE.counts.json, the number of error responses per code (and, for a
// mixed log, per shape), and with -verify it checks the JSON of
// `imetal-err parse --summary -o json` against such a file.
//
//	go run ./internal/benchgen -kind sparse -size 256MiB -seed 1 -o FILE
//	imetal-err parse --summary -o json FILE | go run ./internal/benchgen -verify FILE.counts.json
//
// -verify exits 0 when the counts match, 3 when they match those of some of a mixed log's
// shapes exactly and none of the others (shapes the scanner does not read yet), 1 otherwise.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/bits"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		if errors.Is(err, errShapesUnread) {
			os.Exit(3)
		}
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("benchgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", "sparse", "sparse (1 line in 100 carries an error), dense (every line does) or mixed (3 records in 4 do, in the shapes of real clients)")
	sizeFlag := fs.String("size", "8MiB", "exact size of the log: bytes, or with a unit (KiB, MiB, GiB, kB, MB, GB)")
	seed := fs.Uint64("seed", 1, "seed of the random choices")
	out := fs.String("o", "-", "the log file to write, with FILE.counts.json beside it; - writes the log to standard output and the counts to standard error")
	verify := fs.String("verify", "", "read the JSON of `imetal-err parse --summary -o json` from standard input and compare its counts with this counts file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *verify != "" {
		return verifyCounts(*verify, stdin, stderr)
	}
	if k := Kind(*kind); k != Sparse && k != Dense && k != Mixed {
		return fmt.Errorf("-kind %q: want sparse, dense or mixed", *kind)
	}
	size, err := parseSize(*sizeFlag)
	if err != nil {
		return fmt.Errorf("-size: %w", err)
	}

	if *out == "-" {
		counts, err := generate(stdout, Kind(*kind), *seed, size)
		if err != nil {
			return err
		}
		return writeCounts(stderr, counts)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	counts, err := generate(f, Kind(*kind), *seed, size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	cf, err := os.Create(*out + ".counts.json")
	if err != nil {
		return err
	}
	err = writeCounts(cf, counts)
	if cerr := cf.Close(); err == nil {
		err = cerr
	}
	return err
}

func writeCounts(w io.Writer, c Counts) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// errShapesUnread says that a summary counts exactly the responses of some shapes of a mixed
// log and none of the others'.
var errShapesUnread = errors.New("the summary counts only some shapes of the mixed log")

// verifyCounts compares the counts per code of a summary (a JSON array of objects with "code"
// and "count") with those of a counts file, and reports every difference; for a mixed log whose
// shapes are not all counted, it names those that are not.
func verifyCounts(countsFile string, summary io.Reader, stderr io.Writer) error {
	b, err := os.ReadFile(countsFile)
	if err != nil {
		return err
	}
	var want Counts
	if err := json.Unmarshal(b, &want); err != nil {
		return fmt.Errorf("%s: %w", countsFile, err)
	}
	var rows []struct {
		Code  string `json:"code"`
		Count int    `json:"count"`
	}
	if err := json.NewDecoder(summary).Decode(&rows); err != nil {
		return fmt.Errorf("reading the summary: %w", err)
	}
	got := make(map[string]int, len(rows))
	for _, r := range rows {
		got[r.Code] += r.Count
	}
	var diffs []string
	all := maps.Clone(got)
	for code := range want.Codes {
		all[code] = 0
	}
	for _, code := range slices.Sorted(maps.Keys(all)) {
		if w, g := want.Codes[code], got[code]; w != g {
			diffs = append(diffs, fmt.Sprintf("%s: generated %d, summary %d", code, w, g))
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	if unread, ok := unreadShapes(want.Shapes, got); ok {
		var names []string
		for _, s := range unread {
			n := 0
			for _, c := range want.Shapes[s] {
				n += c
			}
			names = append(names, fmt.Sprintf("%s (%d)", s, n))
		}
		held := 0 // shapes that hold responses
		for _, perCode := range want.Shapes {
			if len(perCode) > 0 {
				held++
			}
		}
		fmt.Fprintf(stderr, "the summary counts every response of %d of the %d shapes, none of: %s\n",
			held-len(unread), held, strings.Join(names, ", "))
		return errShapesUnread
	}
	fmt.Fprintln(stderr, strings.Join(diffs, "\n"))
	return errors.New("summary counts differ from the generated ones")
}

// unreadShapes looks for the largest set of shapes whose counts add up to got exactly, and
// returns the other shapes, sorted; ok is false when no set does.
func unreadShapes(shapes map[string]map[string]int, got map[string]int) (unread []string, ok bool) {
	names := slices.Sorted(maps.Keys(shapes))
	if len(names) == 0 || len(names) > 20 {
		return nil, false
	}
	best := -1
	for mask := 0; mask < 1<<len(names); mask++ {
		sum := make(map[string]int)
		for i, name := range names {
			if mask&(1<<i) != 0 {
				for code, n := range shapes[name] {
					sum[code] += n
				}
			}
		}
		maps.DeleteFunc(sum, func(_ string, n int) bool { return n == 0 })
		if maps.Equal(sum, got) && (best < 0 || bits.OnesCount(uint(mask)) > bits.OnesCount(uint(best))) {
			best = mask
		}
	}
	if best < 0 {
		return nil, false
	}
	for i, name := range names {
		if best&(1<<i) == 0 {
			unread = append(unread, name)
		}
	}
	return unread, true
}

var units = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

// parseSize reads "256MiB", "64MB", "1000" or "1000B".
func parseSize(s string) (int64, error) {
	num, mult := s, int64(1)
	for _, u := range units {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, mult = n, u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n < 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("%q is not a size such as 256MiB", s)
	}
	return n * mult, nil
}
