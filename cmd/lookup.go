package cmd

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/spf13/cobra"
)

type lookupOptions struct {
	IO      *IOStreams
	Catalog func() (*catalog.Catalog, error)
	Format  func() format.Options
	Codes   []string
}

func newLookupCmd(d *deps, runF func(*lookupOptions) error) *cobra.Command {
	opts := &lookupOptions{IO: d.IO, Catalog: d.Catalog, Format: d.formatOptions}
	cmd := &cobra.Command{
		Use:   "lookup CODE...",
		Short: "Show what error codes mean and how to fix them",
		Long: `Show the status, message, description and solution of each code, one row per code
in the order given. Codes are case-insensitive and may be typed as iMetal.0232,
imetal-0232, iMetal0232, 0232 or 232; a bare number matches in every namespace.
Quotes, brackets and punctuation around a code are ignored: "iMetal.0232", is
iMetal.0232.`,
		Example: `  imetal-err lookup iMetal.0232
  imetal-err lookup 230 231 232
  imetal-err lookup iMetal.0101 -o json`,
		Args:              requireArgs(1, "a code to look up, such as iMetal.0232"),
		ValidArgsFunction: d.completeCodes,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Codes = args
			if runF != nil {
				return runF(opts)
			}
			return lookupRun(opts)
		},
	}
	return cmd
}

func lookupRun(opts *lookupOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	var found []catalog.Entry
	seen := map[string]bool{}
	unknown := 0
	for _, code := range opts.Codes {
		entries := cat.Lookup(tidyCode(code))
		if len(entries) == 0 {
			unknown++
			reportUnknown(opts.IO, cat, code)
			continue
		}
		for _, e := range entries {
			key := fmt.Sprintf("%s/%d/%s", e.Code, e.Status, e.Message)
			if !seen[key] {
				seen[key] = true
				found = append(found, e)
			}
		}
	}
	// JSON stays JSON with nothing found (an empty array), TSV a header line, for the script
	// reading it.
	if o := opts.Format(); len(found) > 0 || o.Style.Framed() {
		if err := format.Entries(opts.IO.Out, found, o); err != nil {
			return err
		}
	}
	if unknown > 0 {
		return &notFoundError{}
	}
	return nil
}

// reportUnknown tells on stderr that code, as typed, is not in the catalog, with the nearest
// known codes.
func reportUnknown(io *IOStreams, cat *catalog.Catalog, code string) {
	shown := shownArg(code)
	code = tidyCode(code)
	if _, err := catalog.ParseCode(code); err != nil {
		fmt.Fprintf(io.ErrOut, "imetal-err: error: %s is not an error code (expected a form such as iMetal.0232, 0232 or 232)\n", shown)
	} else {
		fmt.Fprintf(io.ErrOut, "imetal-err: error: unknown code %s\n", shown)
	}
	if sugg := cat.Suggest(code, 3); len(sugg) > 0 {
		fmt.Fprintf(io.ErrOut, "imetal-err: hint: did you mean %s?\n", strings.Join(sugg, ", "))
	} else {
		fmt.Fprintln(io.ErrOut, "imetal-err: hint: run 'imetal-err list' to see every code")
	}
}

// requireArgs is cobra.MinimumNArgs with a message that says what is missing, as a usage error.
func requireArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s: missing %s", verb(cmd), what)
		}
		return nil
	}
}

// codeWrapping are the characters around a code that a copy from a sentence, a list or a
// quotation brings along: quotes, brackets and punctuation. No code starts or ends with one.
const codeWrapping = "'\"`‘’‚“”„«»‹›()[]{}<>,.;:!?"

// tidyCode is a code argument without the quotes, brackets and punctuation around it
// ("iMetal.0232," or [iMetal.0232] is iMetal.0232), and without surrounding space.
func tidyCode(arg string) string {
	return strings.TrimFunc(arg, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(codeWrapping, r) })
}

// maxShownArg bounds how much of an argument an error message shows back.
const maxShownArg = 40

// shownArg is an argument as typed, for an error message: sanitized, cut when long, and in
// double quotes, or in single quotes when it has double quotes of its own.
func shownArg(arg string) string {
	s, _ := sanitize.Truncate(sanitize.Text(strings.TrimSpace(arg)), maxShownArg)
	if strings.Contains(s, `"`) {
		return "'" + s + "'"
	}
	return `"` + s + `"`
}
