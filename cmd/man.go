package cmd

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write a man page for every command into DIR",
		Long: `Write a roff man page, section 1, for imetal-err and each of its commands into DIR,
creating it if needed: imetal-err.1, imetal-err-lookup.1 and so on. Release builds
ship them; the pages are dated today, or SOURCE_DATE_EPOCH when it is set.`,
		Example: `  imetal-err man ./man1
  man ./man1/imetal-err-lookup.1`,
		Hidden: true,
		Args:   exactArgs(1, "a directory to write the man pages into"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return err
			}
			ver, _, _ := buildInfo()
			root := cmd.Root()
			root.DisableAutoGenTag = true
			header := &doc.GenManHeader{Section: "1", Source: "imetal-err " + ver, Manual: "imetal-err manual"}
			if err := doc.GenManTree(root, header, args[0]); err != nil {
				return fmt.Errorf("writing man pages: %w", err)
			}
			return nil
		},
	}
}
