package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
)

// TestREADMEExamples runs every console example of README.md with the real binary and checks
// that the output shown is the output it prints: a block starts with "$ imetal-err ARGS"
// (optionally "< FILE", or "cat FILE | imetal-err ARGS") or "$ go run . ARGS" (run as shown,
// since what go run builds differs: it records no version), and the lines up to the next "$ "
// line or the end of the block are its expected standard output. Run with -update to rewrite
// the README's outputs from the binary, then review the diff.
func TestREADMEExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "imetal-err")
	if out, err := exec.Command("go", "build", "-buildvcs=false", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(readme), "\n")
	var rewritten []string
	examples := 0
	for i := 0; i < len(lines); i++ {
		rewritten = append(rewritten, lines[i])
		if strings.TrimSpace(lines[i]) != "```console" {
			continue
		}
		// Inside a console block: commands and their output until the closing fence.
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; {
			cmdLine := lines[i]
			rewritten = append(rewritten, cmdLine)
			i++
			var want []string
			for i < len(lines) && !strings.HasPrefix(lines[i], "$ ") && strings.TrimSpace(lines[i]) != "```" {
				want = append(want, lines[i])
				i++
			}
			args, stdin, ok := parseExample(cmdLine)
			if !ok {
				rewritten = append(rewritten, want...)
				continue
			}
			examples++
			prog := bin
			if args[0] == "go" {
				prog = "go"
			}
			got := runExample(t, prog, args[1:], stdin)
			if *updateScripts {
				rewritten = append(rewritten, strings.Split(strings.TrimSuffix(got, "\n"), "\n")...)
				continue
			}
			rewritten = append(rewritten, want...)
			if w := strings.Join(want, "\n"); strings.TrimRight(got, "\n") != w {
				t.Errorf("README example %q prints:\n%s\nbut the README shows:\n%s", cmdLine, got, w)
			}
		}
		if i < len(lines) {
			rewritten = append(rewritten, lines[i])
		}
	}
	if examples < 5 {
		t.Errorf("found only %d console examples in README.md", examples)
	}
	if *updateScripts {
		if err := os.WriteFile("README.md", []byte(strings.Join(rewritten, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// parseExample reads "$ imetal-err ARGS [< FILE]", "$ cat FILE | imetal-err ARGS" or
// "$ go run . ARGS". Arguments are split at spaces; single quotes group words. The first
// argument returned is the program: "imetal-err", or "go" followed by "run" and ".".
func parseExample(line string) (args []string, stdin string, ok bool) {
	line = strings.TrimPrefix(line, "$ ")
	if rest, found := strings.CutPrefix(line, "cat "); found {
		file, cmd, found := strings.Cut(rest, " | ")
		if !found {
			return nil, "", false
		}
		stdin, line = strings.TrimSpace(file), cmd
	}
	if before, file, found := strings.Cut(line, " < "); found {
		line, stdin = before, strings.TrimSpace(file)
	}
	words := splitWords(line)
	goRun := len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "."
	if len(words) == 0 || words[0] != "imetal-err" && !goRun || strings.ContainsAny(line, "|>;&$`") {
		return nil, "", false
	}
	return words, stdin, true
}

func splitWords(s string) []string {
	var words []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			inQuote, have = !inQuote, true
		case r == ' ' && !inQuote:
			if have {
				words = append(words, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		words = append(words, cur.String())
	}
	return words
}

func runExample(t *testing.T, bin string, args []string, stdin string) string {
	t.Helper()
	c := exec.Command(bin, args...)
	// GOFLAGS as Go's defaults have it, whatever this machine's say, for go run.
	c.Env = append(os.Environ(), "COLUMNS=100", "NO_COLOR=", "CLICOLOR_FORCE=", "PAGER=", "IMETAL_ERR_CATALOG=", "GOFLAGS=-buildvcs=auto")
	if stdin != "" {
		f, err := os.Open(stdin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		c.Stdin = f
	}
	var out bytes.Buffer
	c.Stdout = &out
	c.Stderr = &out
	_ = c.Run() // examples may show a failing command; its output is what is compared
	return out.String()
}

// TestREADMECounts checks that every count of the catalog the README gives ("59 codes: 24
// iMetal, 35 APIGW (41 variants)", "prints 65 rows") is the catalog's.
func TestREADMECounts(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), " ")
	n := catalog.Default().Counts()
	phrases := regexp.MustCompile(`\d+ codes: (\d+ \w+( \(\d+ variants\))?, )*\d+ \w+( \(\d+ variants\))?`).FindAllString(text, -1)
	if len(phrases) < 2 {
		t.Fatalf("found %d counts of the catalog in README.md, want the intro's and --version's", len(phrases))
	}
	for _, p := range phrases {
		if p != n.String() {
			t.Errorf("README.md says %q, the catalog holds %q", p, n.String())
		}
	}
	want := fmt.Sprintf("prints %d rows for the catalog's %d codes", n.Variants, n.Codes)
	if !strings.Contains(text, want) {
		t.Errorf("README.md does not say %q", want)
	}
}
