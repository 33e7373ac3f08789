// Command gendocs writes the man pages of imetal-err, section 1, one per command, into a
// directory. The release runs it (.goreleaser.yaml) in the way gh runs its cmd/gen-docs: a man
// command in the binary would link cobra/doc, a Markdown renderer and a YAML package into
// every start of every command.
//
// Usage: go run ./internal/gendocs [-version V] DIR
//
// The pages are dated SOURCE_DATE_EPOCH (seconds since 1970) when it is set, else today.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/imetal-tools/imetal-err/cmd"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage: gendocs [-version V] DIR")

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gendocs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	version := fs.String("version", "devel", "the `version` the pages name, as imetal-err --version prints it")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 {
		return errUsage
	}
	dir := fs.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := cmd.NewRootCmd(strings.NewReader(""), io.Discard, io.Discard)
	root.DisableAutoGenTag = true
	header := &doc.GenManHeader{Section: "1", Source: "imetal-err " + *version, Manual: "imetal-err manual"}
	return writePages(root, header, dir)
}

// writePages writes the page of c and of each of its visible commands, as doc.GenManTree
// does, but through os.WriteFile, so that an error closing a file is not lost.
func writePages(c *cobra.Command, header *doc.GenManHeader, dir string) error {
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := writePages(sub, header, dir); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	h := *header // GenMan fills in the title of the header it is given
	if err := doc.GenMan(c, &h, &b); err != nil {
		return fmt.Errorf("%s: %w", c.CommandPath(), err)
	}
	return os.WriteFile(filepath.Join(dir, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"), b.Bytes(), 0o644)
}
