package cmd

import (
	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	IO      *IOStreams
	Catalog func() (*catalog.Catalog, error)
	Format  func() format.Options
	Code    string
}

func newExplainCmd(d *deps, runF func(*explainOptions) error) *cobra.Command {
	opts := &explainOptions{IO: d.IO, Catalog: d.Catalog, Format: d.formatOptions}
	return &cobra.Command{
		Use:   "explain CODE",
		Short: "Explain an error code at length: causes, fixes, retry advice, an example",
		Long: `Explain one code at length: what it means, its likely causes, how to fix it step by
step, whether to retry, an example error body, and related codes. A code with
several variants (the gateway returns APIGW.0201 with six statuses) explains each.`,
		Example: `  imetal-err explain iMetal.0101
  imetal-err explain 232
  imetal-err explain iMetal.0230 -o markdown`,
		Args: exactCode(),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp // one code only
			}
			return d.completeCodes(cmd, args, toComplete)
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Code = args[0]
			if runF != nil {
				return runF(opts)
			}
			return explainRun(opts)
		},
	}
}

func exactCode() cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return usageErrorf("%s: missing a code to explain, such as iMetal.0101", verb(cmd))
		case len(args) > 1:
			return usageErrorf("%s: takes one code, got %d (use 'imetal-err lookup' for several)", verb(cmd), len(args))
		}
		return nil
	}
}

func explainRun(opts *explainOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	entries := cat.Lookup(tidyCode(opts.Code))
	if len(entries) == 0 {
		reportUnknown(opts.IO, cat, opts.Code)
		if o := opts.Format(); o.Style.Framed() {
			if err := format.Explain(opts.IO.Out, nil, o); err != nil {
				return err
			}
		}
		return &notFoundError{}
	}
	items := make([]format.Explained, len(entries))
	for i, e := range entries {
		items[i].Entry = e
		if e.Explanation != nil {
			for _, r := range e.Explanation.Related {
				if rel := cat.Lookup(r); len(rel) > 0 {
					items[i].Related = append(items[i].Related, rel[0])
				}
			}
		}
	}
	return format.Explain(opts.IO.Out, items, opts.Format())
}
