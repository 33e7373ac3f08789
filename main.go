// Command imetal-err explains the error responses of the iMetal bare-metal API, offline.
package main

import (
	"os"

	"github.com/imetal-tools/imetal-err/cmd"
)

func main() {
	os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
