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
	"slices"
	"strings"

	"github.com/imetal-tools/imetal-err/cmd"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
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
	placeholderDefaults(root)
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
	page := b.Bytes()
	if !c.HasParent() {
		page = withTopics(page, c)
	}
	return os.WriteFile(filepath.Join(dir, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"), page, 0o644)
}

// placeholderDefaults makes the man pages name a flag's value by its placeholder where its
// default is worked out at run time (its usage says "(default: ...)") or is an empty list:
// cobra/doc writes each flag as --name=DEFAULT, and --width=0 would read as "no wrapping"
// by default, --catalog=[] as a value to type.
func placeholderDefaults(c *cobra.Command) {
	fix := func(f *pflag.Flag) {
		if name, _ := pflag.UnquoteUsage(f); name != "" && (strings.Contains(f.Usage, "(default: ") || f.DefValue == "[]") {
			f.DefValue = name
		}
	}
	c.PersistentFlags().VisitAll(fix)
	c.Flags().VisitAll(fix)
	for _, sub := range c.Commands() {
		placeholderDefaults(sub)
	}
}

// manTopics are the help topics that the main page carries as sections of its own, where
// man pages keep them.
var manTopics = []struct{ topic, section string }{
	{"exit-codes", "EXIT STATUS"},
	{"environment", "ENVIRONMENT"},
}

// withTopics inserts the help topics of manTopics into the page of root, before its SEE
// ALSO section (or at its end), as text set as it is written.
func withTopics(page []byte, root *cobra.Command) []byte {
	var add bytes.Buffer
	for _, t := range manTopics {
		for _, c := range root.Commands() {
			if c.Name() == t.topic && c.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(&add, ".SH %s\n.nf\n%s.fi\n\n", t.section, roffText(c.Long))
			}
		}
	}
	at := bytes.Index(page, []byte(".SH SEE ALSO"))
	if at < 0 {
		at = len(page)
	}
	return slices.Concat(page[:at], add.Bytes(), page[at:])
}

// roffText escapes text for roff: backslashes, and the control characters '.' and '\”
// at the start of a line; it ends with a newline.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			b.WriteString(`\&`)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
