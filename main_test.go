package main

import (
	"flag"
	"os"
	"testing"

	"github.com/imetal-tools/imetal-err/cmd"
	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected output in testdata/script from the real output")

// TestMain lets the test binary act as imetal-err inside the scripts, so that they run the
// real command line end to end.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"imetal-err": func() { os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Setup: func(e *testscript.Env) error {
			// A known, color-free environment: scripts set what they test.
			e.Setenv("NO_COLOR", "")
			e.Setenv("CLICOLOR_FORCE", "")
			e.Setenv("IMETAL_ERR_CATALOG", "")
			e.Setenv("PAGER", "")
			e.Setenv("COLUMNS", "100")
			return nil
		},
	})
}
