package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/imetal-tools/imetal-err/sanitize"
)

// Exit codes: the contract scripts rely on, documented in `imetal-err help exit-codes`.
const (
	exitOK       = 0
	exitError    = 1 // a runtime failure: an input that cannot be read, a write that failed
	exitUsage    = 2 // the command line is wrong: unknown flag or command, missing argument, bad value
	exitNotFound = 3 // nothing found: unknown code, no list match, no error in the parse input
	exitSignal   = 130
)

// usageError is a mistake in the command line.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
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
	case errors.As(err, &usage), isCobraUsageError(err):
		return exitUsage
	case errors.As(err, &notFound):
		return exitNotFound
	}
	return exitError
}

// isCobraUsageError recognizes the errors cobra returns for a bad command line without a type
// of their own (unknown command, wrong number of arguments, invalid flag).
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "requires at most", "bad flag syntax"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// reportError prints err as the user sees it: "imetal-err: error: ..." and its hints.
// Nothing is printed for errors that were already reported or need no words (a closed pipe).
func reportError(w io.Writer, err error) {
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
	fmt.Fprintf(w, "imetal-err: error: %s\n", sanitize.Text(err.Error()))
	if errors.As(err, &hint) {
		for _, h := range hint.hints {
			fmt.Fprintf(w, "imetal-err: hint: %s\n", sanitize.Text(h))
		}
	}
	var usage *usageError
	if errors.As(err, &usage) || isCobraUsageError(err) {
		fmt.Fprintln(w, "imetal-err: hint: run 'imetal-err --help' for usage")
	}
}
