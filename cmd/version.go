package cmd

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Set at link time by release builds: -ldflags "-X .../cmd.version=v1.2.3 -X .../cmd.commit=... -X .../cmd.date=...".
// date is the commit's date (.goreleaser.yaml passes CommitDate), as vcs.time is, so that a
// build is reproducible: --version says "committed", not "built".
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildInfo returns the version, commit and date: those set at link time, else what the Go
// toolchain recorded (a `go install ...@v1.2.3` build knows its module version and VCS data).
func buildInfo() (ver, rev, when string) {
	bi, _ := debug.ReadBuildInfo()
	return resolveBuildInfo(version, commit, date, bi)
}

// resolveBuildInfo fills in what the linker did not set from bi (nil when there is none). A
// value set by the linker is kept as it is; a revision taken from bi is marked -dirty when the
// tree had uncommitted changes.
func resolveBuildInfo(ver, rev, when string, bi *debug.BuildInfo) (string, string, string) {
	if bi == nil {
		return orDevel(ver), rev, when
	}
	if ver == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		ver = bi.Main.Version
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	if rev == "" && vcs["vcs.revision"] != "" {
		rev = vcs["vcs.revision"]
		if vcs["vcs.modified"] == "true" {
			rev += "-dirty"
		}
	}
	if when == "" {
		when = vcs["vcs.time"]
	}
	return orDevel(ver), rev, when
}

func orDevel(v string) string {
	if v == "" {
		return "devel"
	}
	return v
}

// printVersion writes the version line and what the catalog holds.
func (d *deps) printVersion() error {
	ver, rev, when := buildInfo()
	line := "imetal-err " + ver
	var extra []string
	if rev != "" {
		extra = append(extra, "commit "+shortRev(rev))
	}
	if when != "" {
		extra = append(extra, "committed "+when)
	}
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	cat, err := d.Catalog()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(d.IO.Out, "%s\ncatalog of %s\n", line, cat.Counts())
	return err
}

func shortRev(r string) string {
	if len(r) > 12 && !strings.Contains(r[:12], "-") {
		return r[:12] + strings.TrimLeft(r[12:], "0123456789abcdef")
	}
	return r
}
