package cmd

import (
	"errors"
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
	IO      *IOStreams
	Catalog func() (*catalog.Catalog, error)
	Format  func() format.Options
	// Statuses and Categories keep the codes of any of them; Search, those with every word.
	Statuses   []int
	Categories []string
	Search     []string
}

func newListCmd(d *deps, runF func(*listOptions) error) *cobra.Command {
	opts := &listOptions{IO: d.IO, Catalog: d.Catalog, Format: d.formatOptions}
	var search []string
	cmd := &cobra.Command{
		Use:   "list [WORD...]",
		Short: "List every code, filtered by status, category or words",
		Long: `List the catalog's codes, sorted by code. --status keeps the codes returned with an
HTTP status, --category those of a category, and --search (or words given as
arguments) those where every word appears in the code, message, description or
solution, ignoring case. Different filters combine: a code must pass each.

A code the API returns with several statuses or messages (the gateway's APIGW.0201
comes with six) has a row per variant, so list shows more rows than codes;
'imetal-err --version' counts both.

A repeated filter widens or narrows as it reads: --status and --category given twice
keep the codes of either (--status 404 --status 409); --search given twice keeps
those with both words, as --search "subnet ip" does.`,
		Example: `  imetal-err list
  imetal-err list --status 404
  imetal-err list --category network --category server
  imetal-err list --search subnet ip
  imetal-err list -o markdown > errors.md`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Search = nil
			for _, s := range search {
				opts.Search = append(opts.Search, strings.Fields(s)...)
			}
			opts.Search = append(opts.Search, args...)
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	cmd.Flags().Var((*statusesValue)(&opts.Statuses), "status", "only codes returned with this HTTP `STATUS` (repeatable: any of them)")
	cmd.Flags().StringArrayVar(&opts.Categories, "category", nil, "only codes of this `CATEGORY`: general, server, instance, network or gateway (repeatable: any of them)")
	cmd.Flags().StringArrayVarP(&search, "search", "s", nil, "only codes whose texts contain every one of these `WORDS` (repeatable: all of them)")
	setFlagWant(cmd.Flags(), "status", "an HTTP status such as 404")
	setFlagWant(cmd.Flags(), "category", "a category such as network")
	setFlagWant(cmd.Flags(), "search", "words to search for")
	_ = cmd.RegisterFlagCompletionFunc("search", cobra.NoFileCompletions)
	_ = cmd.RegisterFlagCompletionFunc("category", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cat, err := d.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		for _, c := range cat.CategoryNames() {
			out = append(out, completionItem(c, catalog.Count(cat.Filter(catalog.Filter{Categories: []string{c}})).String()))
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
			out = append(out, completionItem(strconv.Itoa(s), catalog.Count(cat.Filter(catalog.Filter{Statuses: []int{s}})).String()))
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
	for _, c := range opts.Categories {
		if !slices.ContainsFunc(cat.CategoryNames(), func(n string) bool { return strings.EqualFold(n, c) }) {
			return usageErrorf("--category %q: want one of %s", shortArg(c), strings.Join(cat.CategoryNames(), ", "))
		}
	}
	entries := cat.Filter(catalog.Filter{Statuses: opts.Statuses, Categories: opts.Categories, Words: opts.Search})
	if len(entries) == 0 {
		var what []string
		if len(opts.Statuses) > 0 {
			s := make([]string, len(opts.Statuses))
			for i, st := range opts.Statuses {
				s[i] = strconv.Itoa(st)
			}
			what = append(what, "status "+strings.Join(s, " or "))
		}
		if len(opts.Categories) > 0 {
			what = append(what, "category "+shortArg(strings.Join(opts.Categories, " or ")))
		}
		if len(opts.Search) > 0 {
			what = append(what, fmt.Sprintf("the words %q", shortArg(strings.Join(opts.Search, " "))))
		}
		fmt.Fprintf(opts.IO.ErrOut, "imetal-err: note: no code matches %s\n", sanitize.Text(strings.Join(what, ", ")))
		if o := opts.Format(); o.Style.Framed() {
			if err := format.Entries(opts.IO.Out, nil, o); err != nil {
				return err
			}
		}
		return &notFoundError{}
	}
	return format.Entries(opts.IO.Out, entries, opts.Format())
}

// statusesValue is the repeatable --status flag: each value an HTTP status, 100 to 599.
type statusesValue []int

func (v *statusesValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 100 || n > 599 {
		return errors.New("not an HTTP status")
	}
	*v = append(*v, n)
	return nil
}

func (v *statusesValue) String() string {
	s := make([]string, len(*v))
	for i, n := range *v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func (v *statusesValue) Type() string { return "status" }
