// Package cmd is the imetal-err command line: one file per command, each built by a newXCmd
// function that turns flags into options and a xRun function that does the work.
package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/spf13/cobra"
)

// deps is what every command needs from its surroundings.
type deps struct {
	IO      *IOStreams
	Catalog func() (*catalog.Catalog, error)
	// output is the -o/--output flag.
	output  string
	version bool
	// catalogFiles is the --catalog flag: user catalogs, in the order given.
	catalogFiles []string
}

// Main runs the command line with args and returns the exit status. It never calls os.Exit.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ios := newIOStreams(stdin, stdout, stderr, os.LookupEnv)
	if !ios.IsStdoutTTY() {
		// When the reader of stdout goes away (| head), a write fails with EPIPE, which ends
		// the run quietly with status 0; left to SIGPIPE, the runtime would end it with 141.
		// Only then: an ignored signal stays ignored in children, and the pager, which runs
		// only when stdout is a terminal, must get the default action.
		signal.Ignore(syscall.SIGPIPE)
	}
	return run(context.Background(), ios, args)
}

// interruptible runs f with a context that Ctrl-C (SIGINT or SIGTERM) cancels, and the
// watchdog, for the command that may read or run for long: parse. The others end within
// milliseconds and keep the signals' default action, which ends the process at once (a shell
// reports 130 for Ctrl-C): catching signals starts a thread, half a millisecond of every start.
//
// A run that a signal reached is interrupted, however f ended: Ctrl-C reaches the whole
// pipeline, and the command feeding parse may die of it first, so that parse sees the end of
// its input and finishes before the signal is seen, or while it writes what it found.
//
// Quitting the pager also ends f, which has no reader left: quietly, with 0, as when the
// reader of a pipe goes away.
func interruptible(ctx context.Context, ios *IOStreams, f func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	quit, watched := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-sigs:
			cancel(nil)
		case <-ios.PagerQuit():
			cancel(errPagerQuit)
		case <-quit:
		}
	}()
	// What is written after Ctrl-C starts on a clean line (see afterInterrupt).
	out, errOut := ios.Out, ios.ErrOut
	erase := &eraseOnce{ctx: ctx, ios: ios, w: errOut}
	ios.Out, ios.ErrOut = &afterInterrupt{erase, out}, &afterInterrupt{erase, errOut}
	done := make(chan struct{})
	go interruptWatchdog(ctx, done, ios.ColorEnabled(), ios.Out, ios.ErrOut)
	err := f(ctx)
	// From Stop on, a signal takes its default action: the process dies of it, which a
	// shell reports as 130, and all was written. One delivered before is in sigs when
	// Stop returns, if the goroutine above has not taken it yet.
	signal.Stop(sigs)
	close(quit)
	<-watched
	if len(sigs) > 0 {
		cancel(nil)
	}
	close(done) // the watchdog has nothing left to stop
	ios.Out, ios.ErrOut = out, errOut
	switch {
	case ctx.Err() == nil:
		return err
	case context.Cause(ctx) == errPagerQuit:
		return nil
	}
	erase.do() // before the "interrupted" that follows
	if ios.ColorEnabled() {
		// Leave the terminal as we found it if a color was cut off mid-way.
		fmt.Fprint(ios.Out, "\x1b[0m")
	}
	return ctx.Err()
}

// eraseOnce erases the terminal's current line on stderr before the first output, and again
// before the first output after Ctrl-C: the terminal echoed "^C" where the cursor was, at
// the start of the line where output was to go on (the summary would start "^C┌───"), or
// after a progress line. Ctrl-C may also end the input first (it ends the command that feeds
// parse, too) and the output come before the signal is seen: hence the first erase, which
// costs nothing on the empty line where output starts otherwise.
type eraseOnce struct {
	ctx               context.Context
	ios               *IOStreams
	w                 io.Writer // the real stderr
	first, afterBreak sync.Once
}

func (e *eraseOnce) do() {
	if !e.ios.IsStderrTTY() || e.ios.IsStdinTTY() {
		// Nothing to erase, or the line may hold what the user typed.
		return
	}
	dumb := e.ios.Getenv("TERM") == "dumb"
	if e.ctx.Err() != nil {
		e.first.Do(func() {})
		e.afterBreak.Do(func() {
			if dumb {
				// No escapes: go on below the ^C.
				fmt.Fprint(e.w, "\n")
				return
			}
			fmt.Fprint(e.w, "\r\x1b[K")
		})
		return
	}
	if !dumb {
		e.first.Do(func() { fmt.Fprint(e.w, "\r\x1b[K") })
	}
}

// afterInterrupt is a stream whose first write after Ctrl-C starts on a clean line.
type afterInterrupt struct {
	erase *eraseOnce
	w     io.Writer
}

func (a *afterInterrupt) Write(b []byte) (int, error) {
	a.erase.do()
	return a.w.Write(b)
}

// errPagerQuit is why a command's context is cancelled when the user quits the pager.
var errPagerQuit = errors.New("pager quit")

// interruptGrace is how long a command gets to stop by itself after Ctrl-C.
const interruptGrace = 300 * time.Millisecond

// interruptWatchdog ends the program promptly on Ctrl-C even when it is blocked where the
// context cannot reach (a read from a terminal, a write to a stalled pipe): after a short
// grace it resets the terminal's colors and exits with status 130; when the pager was quit,
// it exits quietly with 0.
func interruptWatchdog(ctx context.Context, done <-chan struct{}, color bool, out, errOut io.Writer) {
	select {
	case <-done:
		return
	case <-ctx.Done():
	}
	select {
	case <-done:
	case <-time.After(interruptGrace):
		if context.Cause(ctx) == errPagerQuit {
			os.Exit(exitOK)
		}
		if color {
			fmt.Fprint(out, "\x1b[0m")
		}
		fmt.Fprintln(errOut, "imetal-err: interrupted")
		os.Exit(exitSignal)
	}
}

func run(ctx context.Context, ios *IOStreams, args []string) int {
	d := newDeps(ios)
	// Every output taller than the terminal goes through the pager.
	stopPaging := ios.pageTall()
	root := newRootCmd(d)
	root.SetArgs(args)
	if len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd) {
		// cobra describes a flag with its usage as written, whose backticks name the value
		// in --help ("--width N"): shells would show them.
		root.SetOut(noBackticks{d.IO.Out})
	}
	cmd, err := root.ExecuteContextC(ctx)
	if perr := stopPaging(); err == nil {
		err = perr
	}
	err = withWriteErr(err, ios.WriteErr())
	if err != nil {
		path := ""
		if cmd != nil {
			path = cmd.CommandPath()
		}
		reportError(ios.ErrOut, err, path)
	}
	return exitCode(err)
}

// noBackticks writes what it is given without its backticks.
type noBackticks struct{ w io.Writer }

func (n noBackticks) Write(p []byte) (int, error) {
	if _, err := n.w.Write(bytes.ReplaceAll(p, []byte("`"), nil)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// NewRootCmd returns the command tree of imetal-err as Main builds it, for programs that
// document it: internal/gendocs writes the man pages from it, so that the binary carries no
// man-page generator.
func NewRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	return newRootCmd(newDeps(newIOStreams(stdin, stdout, stderr, os.LookupEnv)))
}

func newRootCmd(d *deps) *cobra.Command {
	root := &cobra.Command{
		Use:   "imetal-err",
		Short: "Explain iMetal bare-metal API errors, offline",
		Long: `imetal-err explains the error responses of the iMetal bare-metal API (Cloud Data
Center physical servers and bare-metal instances): what a code means, how to fix it,
and whether to retry. It finds errors in whatever you paste or pipe into it: curl
output, SDK exceptions, logs. Everything comes from an embedded catalog: no network.`,
		Example: `  imetal-err lookup iMetal.0232
  imetal-err list --category network
  imetal-err explain iMetal.0101
  curl -si https://.../v1/$PROJECT/baremetalservers | imetal-err parse`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			d.IO.widthSet = cmd.Flags().Changed("width")
			return d.validateGlobalFlags()
		},
	}
	root.SetIn(d.IO.In)
	root.SetOut(d.IO.Out)
	root.SetErr(d.IO.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.SetHelpFunc(d.helpFunc)

	pf := root.PersistentFlags()
	pf.StringVarP(&d.output, "output", "o", "table", "output format: table, json, jsonl, markdown or tsv")
	pf.StringVar(&d.IO.colorMode, "color", "auto", "color output: auto, always or never")
	pf.StringArrayVar(&d.catalogFiles, "catalog", nil, "load a user catalog `FILE` of extra or replacement codes (repeatable; also $IMETAL_ERR_CATALOG)")
	_ = root.MarkPersistentFlagFilename("catalog", "json")
	pf.BoolVar(&d.IO.noPager, "no-pager", false, "never send output through a pager")
	pf.IntVar(&d.IO.widthFlag, "width", 0, "fit tables and text into `N` columns, 40 at least; 0 for no wrapping (default: the terminal's width, else $COLUMNS, else none)")
	setFlagWant(pf, "output", "table, json, jsonl, markdown or tsv")
	setFlagWant(pf, "color", "auto, always or never")
	setFlagWant(pf, "catalog", "a user catalog file")
	setFlagWant(pf, "width", "a number of columns, or 0 for no wrapping")
	_ = root.RegisterFlagCompletionFunc("output", fixedCompletion("table\tboxed table (default)", "json\tJSON, schema in 'imetal-err help formats'", "jsonl\tone JSON object per line, as soon as found", "markdown\tMarkdown table", "tsv\ttab-separated values"))
	_ = root.RegisterFlagCompletionFunc("width", cobra.NoFileCompletions)
	_ = root.RegisterFlagCompletionFunc("color", fixedCompletion("auto\tcolor when output is a terminal", "always\talways color", "never\tnever color"))

	root.AddCommand(
		newLookupCmd(d, nil),
		newListCmd(d, nil),
		newExplainCmd(d, nil),
		newCatalogCmd(d),
		newParseCmd(d, nil),
	)
	addHelp(root, d)
	root.Flags().BoolVarP(&d.version, "version", "v", false, "print the version and the size of the catalog")
	root.Args = cobra.ArbitraryArgs
	root.SuggestionsMinimumDistance = 2
	root.RunE = func(cmd *cobra.Command, args []string) error {
		if d.version {
			if len(args) > 0 {
				return usageErrorf("--version takes no arguments, got %q", shortArg(args[0]))
			}
			return d.printVersion()
		}
		if len(args) == 0 {
			return cmd.Help()
		}
		return d.bareArgs(cmd, args)
	}
	return root
}

func (d *deps) validateGlobalFlags() error {
	if _, err := format.ParseStyle(d.output); err != nil {
		return usageErrorf("--output %q: want table, json, jsonl, markdown or tsv", shortArg(d.output))
	}
	if d.IO.widthFlag < 0 {
		return usageErrorf("--width \"%d\": want a number of columns, or 0 for no wrapping", d.IO.widthFlag)
	}
	switch d.IO.colorMode {
	case "auto", "always", "never":
	default:
		return usageErrorf("--color %q: want auto, always or never", shortArg(d.IO.colorMode))
	}
	return nil
}

// formatOptions are the rendering options the flags and the terminal call for.
func (d *deps) formatOptions() format.Options {
	st, _ := format.ParseStyle(d.output)
	w := d.IO.TerminalWidth()
	if w == 0 {
		w = format.NoWrap
	}
	return format.Options{Style: st, Color: d.IO.ColorEnabled(), Width: w}
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completionItem is a completion value with its description, which shells show as they
// are: a user catalog's text is sanitized, and may not break the value/description format.
func completionItem(value, desc string) string {
	return sanitize.Text(value) + "\t" + strings.ReplaceAll(sanitize.Text(desc), "\t", " ")
}

// bareArgs handles `imetal-err iMetal.0232`: arguments that read as codes are looked up; any
// other word is an unknown command, reported the way cobra reports one, with suggestions.
func (d *deps) bareArgs(cmd *cobra.Command, args []string) error {
	if _, err := catalog.ParseCode(tidyCode(args[0])); err == nil {
		return lookupRun(&lookupOptions{IO: d.IO, Catalog: d.Catalog, Format: d.formatOptions, Codes: args})
	}
	err := usageErrorf("unknown command %q for %q", shortArg(args[0]), cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		// A hint line, as for unknown codes: the error line is sanitized and stays one line.
		return &hintError{err, []string{"did you mean " + strings.Join(s, ", ") + "?"}}
	}
	return err
}
