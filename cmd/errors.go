package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes: the contract scripts rely on, documented in `imetal-err help exit-codes`.
const (
	exitOK       = 0
	exitError    = 1 // a runtime failure: an input that cannot be read, a write that failed
	exitUsage    = 2 // the command line is wrong: unknown flag or command, missing argument, bad value
	exitNotFound = 3 // nothing found: unknown code, no list match, no error in the parse input
	exitSignal   = 130
)

// usageError is a mistake in the command line. Its hint points to the help of the command
// that was mistyped, or to that of help when set.
type usageError struct {
	err  error
	help string
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// verb names a subcommand in a message that already starts with "imetal-err: error:":
// "lookup", "completion bash"; the root keeps its name.
func verb(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return cmd.Name()
	}
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// notFoundError means the command ran but found nothing; its message is already on stderr
// unless msg is set.
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }

// silentError carries an exit code for a failure already reported on stderr.
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// hintError adds hints, printed after the error as "imetal-err: hint: ...".
type hintError struct {
	err   error
	hints []string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }

// withWriteErr returns the error a run ends with, given err, what the command returned, and
// werr, the first write to standard output that failed. Output that could not be written
// outweighs a result (nothing found, a problem already reported) but not a stop (a usage
// error, an interrupt, or a failed write the command returned itself). A closed pipe (EPIPE)
// is the reader's choice: it changes nothing.
func withWriteErr(err, werr error) error {
	if werr == nil || errors.Is(werr, syscall.EPIPE) {
		return err
	}
	var (
		notFound *notFoundError
		silent   *silentError
	)
	if err == nil || errors.As(err, &notFound) || errors.As(err, &silent) {
		return werr
	}
	return err
}

// exitCode maps an error returned by a command to the process's exit status.
func exitCode(err error) int {
	var (
		usage    *usageError
		notFound *notFoundError
		silent   *silentError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, syscall.EPIPE):
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitSignal
	case errors.As(err, &silent):
		return silent.code
	case errors.As(err, &usage):
		return exitUsage
	case errors.As(err, &notFound):
		return exitNotFound
	}
	return exitError
}

// How much of one argument a message quotes back: enough to recognize it, short enough that
// an argument of 100 kB (a log pasted in the wrong place) does not flood the terminal; a code,
// a word or a flag's value is cut at maxShownArg (as shownArg does).
const (
	maxNameShown = 160 // a file name: paths run longer
	// reportError cuts any word longer than maxWordShown, and a line longer than
	// maxLineShown, in what it did not word itself (cobra's and pflag's messages).
	maxWordShown = maxNameShown + 40
	maxLineShown = 4 * maxWordShown
)

// shortArg is s, an argument to quote back in a message, cut to maxShownArg characters with
// "…" when longer. Sanitizing it is left to where it is printed.
func shortArg(s string) string {
	t, _ := sanitize.Truncate(s, maxShownArg)
	return t
}

// shortName is shortArg for a file name.
func shortName(s string) string {
	t, _ := sanitize.Truncate(s, maxNameShown)
	return t
}

// quotedRe matches a Go-quoted string, as %q writes one.
var quotedRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// cutLong cuts every quoted string of s longer than maxShownArg (keeping its quotes), every
// word longer than maxWordShown, then s itself to maxLineShown.
func cutLong(s string) string {
	s = quotedRe.ReplaceAllStringFunc(s, func(q string) string {
		if inner := q[1 : len(q)-1]; utf8.RuneCountInString(inner) > maxShownArg {
			return `"` + shortArg(inner) + `"`
		}
		return q
	})
	words := strings.Split(s, " ")
	for i, w := range words {
		words[i], _ = sanitize.Truncate(w, maxWordShown)
	}
	s, _ = sanitize.Truncate(strings.Join(words, " "), maxLineShown)
	return s
}

// reportError prints err as the user sees it: "imetal-err: error: ..." and its hints; a usage
// error's last hint points to the help of cmdPath, the command that was mistyped. Nothing is
// printed for errors that were already reported or need no words (a closed pipe).
func reportError(w io.Writer, err error, cmdPath string) {
	var (
		notFound *notFoundError
		silent   *silentError
		hint     *hintError
	)
	switch {
	case errors.Is(err, syscall.EPIPE), errors.As(err, &silent):
		return
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(w, "imetal-err: interrupted")
		return
	case errors.As(err, &notFound) && notFound.msg == "":
		return
	}
	fmt.Fprintf(w, "imetal-err: error: %s\n", cutLong(sanitize.Text(err.Error())))
	if errors.As(err, &hint) {
		for _, h := range hint.hints {
			fmt.Fprintf(w, "imetal-err: hint: %s\n", cutLong(sanitize.Text(h)))
		}
	}
	var usage *usageError
	if errors.As(err, &usage) {
		if usage.help != "" {
			cmdPath = usage.help
		}
		if cmdPath == "" {
			cmdPath = "imetal-err"
		}
		fmt.Fprintf(w, "imetal-err: hint: run '%s --help' for usage\n", sanitize.Text(cmdPath))
	}
}

// flagWantAnnotation is the annotation of a flag that says, after "want", what values it
// accepts: "an HTTP status such as 404".
const flagWantAnnotation = "imetal-err-want"

// setFlagWant says what values the flag name of fs accepts, for the errors of flagError.
func setFlagWant(fs *pflag.FlagSet, name, want string) {
	if err := fs.SetAnnotation(name, flagWantAnnotation, []string{want}); err != nil {
		panic(err) // a flag that does not exist: a programming error
	}
}

// flagWant says what values f accepts: its annotation, else what its type reads.
func flagWant(f *pflag.Flag) string {
	if w := f.Annotations[flagWantAnnotation]; len(w) > 0 {
		return w[0]
	}
	switch f.Value.Type() {
	case "bool":
		return "true or false"
	case "int":
		return "a whole number"
	}
	return "a value"
}

// flagError words a mistake in the flags that pflag found, naming the flag as typed, the
// value and what the flag accepts; cobra passes every flag error through it
// (SetFlagErrorFunc). The result is a usageError, whatever pflag's error was.
func flagError(_ *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		return usageErrorf("unknown flag %s", typedFlag(notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames()))
	case errors.As(err, &required):
		return usageErrorf("%s needs a value: %s", typedFlag(required.GetSpecifiedName(), required.GetSpecifiedShortnames()), flagWant(required.GetFlag()))
	case errors.As(err, &invalid):
		return usageErrorf("--%s %q: want %s", invalid.GetFlag().Name, shortArg(invalid.GetValue()), flagWant(invalid.GetFlag()))
	case errors.As(err, &syntax):
		return usageErrorf("bad flag syntax %q: want --name, --name=value or -x", shortArg(syntax.GetSpecifiedFlag()))
	}
	return &usageError{err: err}
}

// typedFlag is a flag as the user typed it: --name, or -x for a shorthand, and the group it
// came in when that was several (-qx).
func typedFlag(name, shorthands string) string {
	switch {
	case shorthands == "":
		return "--" + name
	case len(shorthands) > 1:
		return fmt.Sprintf("-%s (in -%s)", name[:1], shorthands)
	}
	return "-" + name[:1]
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", verb(cmd), shortArg(args[0]))
	}
	return nil
}
