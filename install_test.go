package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstallFromClone does what the README's install from a clone does, `git clone` then
// `go install .`, and checks that --version names the commit the build came from: Go records
// it in the binary (vcs.revision) unless VCS stamping is turned off. That a changed tree is
// marked -dirty (vcs.modified) is TestResolveBuildInfo's in cmd.
func TestInstallFromClone(t *testing.T) {
	if testing.Short() {
		t.Skip("clones the repository and builds it")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	if _, err := os.Stat(".git"); err != nil {
		t.Skip("not run from a git checkout")
	}
	clone := filepath.Join(t.TempDir(), "imetal-err")
	gobin := t.TempDir()
	run := func(dir string, name string, args ...string) string {
		t.Helper()
		c := exec.Command(name, args...)
		c.Dir = dir
		// The README's build: VCS stamping as Go does it by default, whatever this machine's
		// GOFLAGS say.
		c.Env = append(os.Environ(), "GOFLAGS=-buildvcs=auto", "GOBIN="+gobin)
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run(".", "git", "clone", "--quiet", ".", clone)
	rev := strings.TrimSpace(run(clone, "git", "rev-parse", "HEAD"))
	run(clone, "go", "install", ".")
	line, _, _ := strings.Cut(run(clone, filepath.Join(gobin, "imetal-err"), "--version"), "\n")
	if want := "(commit " + rev[:12] + ","; !strings.Contains(line, want) {
		t.Errorf("go install . in a clone says %q, want it to name the commit: %q", line, want)
	}
}
