package cmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite generated files (completions/) from the current commands")

// TestCompletionScriptsUpToDate regenerates each shell's completion script with the functions
// cobra's own completion command uses, and fails when the committed copy differs.
func TestCompletionScriptsUpToDate(t *testing.T) {
	ios, _, _, _ := testIOStreams(false, nil)
	root := newRootCmd(&deps{IO: ios})
	for _, sh := range []struct {
		file string
		gen  func(*bytes.Buffer) error
	}{
		{"imetal-err.bash", func(b *bytes.Buffer) error { return root.GenBashCompletionV2(b, true) }},
		{"_imetal-err", func(b *bytes.Buffer) error { return root.GenZshCompletion(b) }},
		{"imetal-err.fish", func(b *bytes.Buffer) error { return root.GenFishCompletion(b, true) }},
		{"imetal-err.ps1", func(b *bytes.Buffer) error { return root.GenPowerShellCompletionWithDesc(b) }},
	} {
		t.Run(sh.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := sh.gen(&b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("..", "completions", sh.file)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			have, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(have, b.Bytes()) {
				t.Errorf("%s is stale or missing: run go test ./cmd -run TestCompletionScriptsUpToDate -update", path)
			}
		})
	}
}
