package cmd

import (
	"runtime/debug"
	"testing"
)

func TestResolveBuildInfo(t *testing.T) {
	installed := &debug.BuildInfo{
		Main: debug.Module{Path: "github.com/imetal-tools/imetal-err", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-03-01T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	devel := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}
	tests := []struct {
		name                     string
		ver, rev, when           string // set by the linker
		bi                       *debug.BuildInfo
		wantVer, wantRev, wantAt string
	}{
		{"linker values win", "v2.0.0", "fedcba9", "2026-04-01T00:00:00Z", installed, "v2.0.0", "fedcba9", "2026-04-01T00:00:00Z"},
		{"go install: build info", "", "", "", installed, "v1.2.3", "0123456789abcdef0123456789abcdef01234567-dirty", "2026-03-01T10:00:00Z"},
		{"linker version only", "v2.0.0", "", "", installed, "v2.0.0", "0123456789abcdef0123456789abcdef01234567-dirty", "2026-03-01T10:00:00Z"},
		{"go run: devel", "", "", "", devel, "devel", "", ""},
		{"no build info", "", "", "", nil, "devel", "", ""},
		{"no build info, linker values", "v2.0.0", "fedcba9", "today", nil, "v2.0.0", "fedcba9", "today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ver, rev, when := resolveBuildInfo(tt.ver, tt.rev, tt.when, tt.bi)
			if ver != tt.wantVer || rev != tt.wantRev || when != tt.wantAt {
				t.Errorf("= %q, %q, %q; want %q, %q, %q", ver, rev, when, tt.wantVer, tt.wantRev, tt.wantAt)
			}
		})
	}
}
