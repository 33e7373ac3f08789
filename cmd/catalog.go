package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/spf13/cobra"
)

func newCatalogCmd(d *deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Work with user catalogs: files of codes of your own",
		Long: `A user catalog adds codes to the embedded catalog, or replaces its entries, without
waiting for a release. It is a JSON array in the form 'imetal-err list -o json'
prints, each entry optionally with an "explanation" object as 'explain -o json'
shows it. Load user catalogs with --catalog FILE (repeatable) or with
IMETAL_ERR_CATALOG (files separated by ':', or ';' on Windows); the files of
IMETAL_ERR_CATALOG load first, then those of --catalog, and a later file wins.

An entry with the code and status of a known one replaces it: the variant with the
same message if there is one, else every variant with that status. Any other entry is
added. A replacing entry without an explanation keeps the built-in explanation when
its message is unchanged, and has none when the message changed.`,
		Example: `  imetal-err list -o json > my.json        # dump, then edit
  imetal-err catalog lint my.json
  imetal-err --catalog my.json explain iMetal.0232
  IMETAL_ERR_CATALOG=team.json:my.json imetal-err lookup ECS.0114`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q for %q (want 'lint')", shortArg(args[0]), cmd.CommandPath())
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newCatalogLintCmd(d, nil))
	return cmd
}

type catalogLintOptions struct {
	IO     *IOStreams
	Format func() format.Options
	Files  []string
}

func newCatalogLintCmd(d *deps, runF func(*catalogLintOptions) error) *cobra.Command {
	opts := &catalogLintOptions{IO: d.IO, Format: d.formatOptions}
	return &cobra.Command{
		Use:   "lint FILE...",
		Short: "Check user catalogs without loading them",
		Long: `Check user catalogs and report every problem, one line each, as
FILE:LINE: SEVERITY: MESSAGE, then a summary line. The files are not loaded: lint works
even when --catalog or IMETAL_ERR_CATALOG name a broken file.

Errors keep a file from loading: invalid JSON, unknown keys, values of the wrong type,
a malformed code, a status outside 100-599, an empty text or category, a message
template the matcher cannot use, an entry repeating the code, status and message of
another. Warnings are likely mistakes: a status that is not 4xx or 5xx, a category
other than general, server, instance, network and gateway, a code not written in its
canonical form, a "{" or a "%" verb (other than %s) that is not a placeholder, an
explanation whose example does not contain the entry's code. Notes say which
entries override built-in ones.

Exit status: 0 when no file has an error (warnings and notes allowed), 1 when one has
an error or cannot be read. With -o json, the problems are an array of objects with
the keys file, line, severity and message, and there is no summary line.`,
		Example: `  imetal-err catalog lint my.json
  imetal-err catalog lint team.json my.json -o json`,
		Args: requireArgs(1, "a user catalog file to check"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"json"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return catalogLintRun(opts)
		},
	}
}

func catalogLintRun(opts *catalogLintOptions) error {
	problems := []catalog.Problem{}
	for _, name := range opts.Files {
		data, err := os.ReadFile(name)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			// Named, like every input that cannot be read, with its name cut: a name of
			// 100 kB (too long for any file) would otherwise be the whole report.
			problems = append(problems, catalog.Problem{File: shortName(name), Severity: catalog.SeverityError, Message: "cannot read: " + err.Error()})
			continue
		}
		problems = append(problems, catalog.Lint(name, data, catalog.Default())...)
	}
	o := opts.Format()
	if err := format.Problems(opts.IO.Out, problems, o); err != nil {
		return err
	}
	counts := map[catalog.Severity]int{}
	for _, p := range problems {
		counts[p.Severity]++
	}
	if o.Style == format.Table {
		if _, err := fmt.Fprintln(opts.IO.Out, lintSummary(len(opts.Files), counts)); err != nil {
			return err
		}
	}
	if counts[catalog.SeverityError] > 0 {
		// The problems are the report: nothing more to say on stderr.
		return &silentError{code: exitError}
	}
	return nil
}

// lintSummary is the last line of lint: "2 files checked: 1 error, 1 warning".
func lintSummary(files int, counts map[catalog.Severity]int) string {
	var parts []string
	for _, s := range []catalog.Severity{catalog.SeverityError, catalog.SeverityWarning, catalog.SeverityNote} {
		if n := counts[s]; n > 0 {
			parts = append(parts, plural(n, string(s)))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no problems")
	}
	return plural(files, "file") + " checked: " + strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
