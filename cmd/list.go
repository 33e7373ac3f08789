package cmd

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/spf13/cobra"
)

type listOptions struct {
	IO       *IOStreams
	Catalog  func() (*catalog.Catalog, error)
	Format   func() format.Options
	Status   int
	Category string
	Search   []string
}

func newListCmd(d *deps, runF func(*listOptions) error) *cobra.Command {
	opts := &listOptions{IO: d.IO, Catalog: d.Catalog, Format: d.formatOptions}
	var search string
	cmd := &cobra.Command{
		Use:   "list [WORD...]",
		Short: "List every code, filtered by status, category or words",
		Long: `List the catalog's codes, sorted by code. Filters combine: --status keeps one HTTP
status, --category one category, and --search (or words given as arguments) keeps the
entries where every word appears in the code, message, description or solution,
ignoring case.`,
		Example: `  imetal-err list
  imetal-err list --status 404
  imetal-err list --category network
  imetal-err list --search subnet ip
  imetal-err list -o markdown > errors.md`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Search = append(strings.Fields(search), args...)
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Status, "status", 0, "only codes returned with this HTTP status")
	cmd.Flags().StringVar(&opts.Category, "category", "", "only codes of this category: general, server, instance, network or gateway")
	cmd.Flags().StringVarP(&search, "search", "s", "", "only codes whose texts contain every one of these words")
	setFlagWant(cmd.Flags(), "status", "an HTTP status such as 404")
	setFlagWant(cmd.Flags(), "category", "a category such as network")
	setFlagWant(cmd.Flags(), "search", "words to search for")
	_ = cmd.RegisterFlagCompletionFunc("category", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cat, err := d.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		for _, c := range cat.CategoryNames() {
			out = append(out, completionItem(c, fmt.Sprintf("%d codes", len(cat.Filter(catalog.Filter{Category: c})))))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("status", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cat, err := d.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		for _, s := range cat.Statuses() {
			out = append(out, fmt.Sprintf("%d\t%d codes", s, len(cat.Filter(catalog.Filter{Status: s}))))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func listRun(opts *listOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	if opts.Category != "" && !slices.ContainsFunc(cat.CategoryNames(), func(c string) bool { return strings.EqualFold(c, opts.Category) }) {
		return usageErrorf("--category %q: want one of %s", opts.Category, strings.Join(cat.CategoryNames(), ", "))
	}
	if opts.Status != 0 && (opts.Status < 100 || opts.Status > 599) {
		return usageErrorf("--status \"%d\": want an HTTP status such as 404", opts.Status)
	}
	entries := cat.Filter(catalog.Filter{Status: opts.Status, Category: opts.Category, Words: opts.Search})
	if len(entries) == 0 {
		var what []string
		if opts.Status != 0 {
			what = append(what, "status "+strconv.Itoa(opts.Status))
		}
		if opts.Category != "" {
			what = append(what, "category "+opts.Category)
		}
		if len(opts.Search) > 0 {
			what = append(what, fmt.Sprintf("the words %q", strings.Join(opts.Search, " ")))
		}
		fmt.Fprintf(opts.IO.ErrOut, "imetal-err: no code matches %s\n", sanitize.Text(strings.Join(what, ", ")))
		return &notFoundError{}
	}
	var b bytes.Buffer
	if err := format.Entries(&b, entries, opts.Format()); err != nil {
		return err
	}
	return opts.IO.writePaged(b.Bytes())
}
