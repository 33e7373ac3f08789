package cmd

import (
	_ "embed"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// The texts of the help topics, one file per topic, shown as they are. docs/help/ holds
// copies for reading on the web, kept current by TestHelpDocsUpToDate. Each is embedded as a
// string, which costs nothing to start: every run builds the topics' commands.
var (
	//go:embed help/environment.txt
	helpEnvironment string
	//go:embed help/exit-codes.txt
	helpExitCodes string
	//go:embed help/formats.txt
	helpFormats string
)

// helpTopics are the topics of `imetal-err help TOPIC`, as gh has `gh help environment`:
// commands with no Run, which cobra lists under "Additional help topics".
var helpTopics = []struct{ name, short string }{
	{"environment", "Environment variables that change what imetal-err does"},
	{"exit-codes", "What each exit status means, command by command"},
	{"formats", "Output formats, and the JSON fields of every command"},
}

func helpTopicText(name string) string {
	switch name {
	case "environment":
		return helpEnvironment
	case "exit-codes":
		return helpExitCodes
	case "formats":
		return helpFormats
	}
	panic("no help topic " + name)
}

// addHelp gives root its help command and help topics, and cobra's completion command
// examples; it runs after every other command has been added.
func addHelp(root *cobra.Command, d *deps) {
	root.SetHelpCommand(newHelpCmd())
	for _, t := range helpTopics {
		text := helpTopicText(t.name)
		topic := &cobra.Command{Use: t.name, Short: t.short, Long: text}
		// The text alone, without cobra's usage lines, however the topic is reached.
		topic.SetHelpFunc(func(*cobra.Command, []string) { _, _ = io.WriteString(d.IO.Out, fitText(text, d.helpWidth())) })
		root.AddCommand(topic)
	}
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		// cobra's command only has subcommands: a missing or unknown shell printed its help
		// and exited 0. Both are usage errors.
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("completion needs a shell: bash, zsh, fish or powershell")
			}
			return usageErrorf("unknown shell %q: want bash, zsh, fish or powershell", shortArg(args[0]))
		}
		c.Example = `  imetal-err completion bash > ~/.local/share/bash-completion/completions/imetal-err
  imetal-err completion zsh > "${fpath[1]}/_imetal-err"
  imetal-err completion fish > ~/.config/fish/completions/imetal-err.fish
  imetal-err completion powershell | Out-String | Invoke-Expression`
		for _, sh := range c.Commands() {
			sh.Args = noArgs
			for _, l := range strings.Split(c.Example, "\n") {
				if strings.Contains(l, "completion "+sh.Name()+" ") {
					sh.Example = l
				}
			}
		}
	}
}

func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND | TOPIC]",
		Short: "Show help for a command or a topic",
		Long: `Show the help of a command, or one of the topics below "Additional help topics"
in imetal-err --help: environment, exit-codes and formats.`,
		Example: `  imetal-err help lookup
  imetal-err help exit-codes
  imetal-err help formats`,
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []string
			for _, c := range cmd.Root().Commands() {
				if (c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand()) && strings.HasPrefix(c.Name(), toComplete) {
					out = append(out, c.Name()+"\t"+c.Short)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			target, rest, err := root.Find(args)
			switch {
			case err != nil || target == root && len(rest) > 0:
				return unknownHelpTopic(root, args[0])
			case len(rest) > 0 && target.HasSubCommands():
				return &hintError{usageErrorf("unknown command %q for %q", shortArg(rest[0]), target.CommandPath()),
					[]string{fmt.Sprintf("run 'imetal-err help %s' for its commands", target.Name())}}
			case len(rest) > 0:
				return usageErrorf("help takes one command or topic, not %q after %q", shortArg(rest[0]), target.Name())
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
}

// unknownHelpTopic is the error for `imetal-err help WORD` when WORD is neither a command nor
// a topic, with the commands and topics it may have been meant for.
func unknownHelpTopic(root *cobra.Command, word string) error {
	sugg := root.SuggestionsFor(word)
	var topics []string
	for _, t := range helpTopics {
		topics = append(topics, t.name)
		if len(word) >= 3 && (strings.HasPrefix(t.name, word) || strings.HasPrefix(word, t.name[:3])) {
			sugg = append(sugg, t.name)
		}
	}
	var hints []string
	if len(sugg) > 0 {
		hints = append(hints, "did you mean "+strings.Join(sugg, ", ")+"?")
	}
	hints = append(hints, "help topics: "+strings.Join(topics, ", "))
	return &hintError{usageErrorf("unknown help topic %q", shortArg(word)), hints}
}
