// Command benchfloor is the start-up floor that scripts/bench.sh measures imetal-err against:
// what the libraries imetal-err is built on cost by themselves. It builds a cobra command,
// lets fatih/color look at the terminal, and renders a one-row tablewriter table, as
// `imetal-err lookup iMetal.0232` does, and does nothing else.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/fatih/color"
	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchfloor:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	root := &cobra.Command{
		Use:           "benchfloor",
		Short:         "Render the one-row table of lookup iMetal.0232 with imetal-err's libraries alone",
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(*cobra.Command, []string) error {
			w := bufio.NewWriter(stdout)
			status := color.New(color.FgYellow)
			if color.NoColor { // fatih/color's decision: NO_COLOR, TERM and whether stdout is a terminal
				status.DisableColor()
			}
			t := tablewriter.NewTable(w)
			t.Header("Status", "Code", "Message", "Description", "Solution")
			row := []string{status.Sprint("400"), "iMetal.0232", "Insufficient IP addresses in subnet",
				"Insufficient subnet IP addresses.", "Check the subnet availability."}
			if err := t.Append(row); err != nil {
				return err
			}
			if err := t.Render(); err != nil {
				return err
			}
			return w.Flush()
		},
	}
	root.SetArgs(args)
	return root.Execute()
}
