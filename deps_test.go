package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestLeanBinary keeps out of the binary what would cost every start of every command and
// only serves a release step or a rare path: each package here runs its init at start-up.
func TestLeanBinary(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the packages with")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, pkg := range []string{
		// the man pages' generator: internal/gendocs, run by the release
		"github.com/spf13/cobra/doc",
		"github.com/cpuguy83/go-md2man/v2/md2man",
		"github.com/russross/blackfriday/v2",
		"go.yaml.in/yaml/v3",
		// an HTTP stack, which a progress-bar library once brought along
		"net/http",
	} {
		if slices.Contains(deps, pkg) {
			t.Errorf("the binary links %s", pkg)
		}
	}
}
