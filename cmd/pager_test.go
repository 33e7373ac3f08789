package cmd

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestPagerCommand(t *testing.T) {
	tests := []struct {
		name    string
		tty     bool
		noPager bool
		env     map[string]string
		want    string
	}{
		{"terminal, nothing set", true, false, nil, "less"},
		{"pipe", false, false, nil, ""},
		{"pipe, PAGER set", false, false, map[string]string{"PAGER": "more"}, ""},
		{"--no-pager", true, true, nil, ""},
		{"--no-pager beats PAGER", true, true, map[string]string{"PAGER": "more"}, ""},
		{"PAGER", true, false, map[string]string{"PAGER": "most -s"}, "most -s"},
		{"PAGER set but empty", true, false, map[string]string{"PAGER": ""}, ""},
		{"PAGER=cat", true, false, map[string]string{"PAGER": "cat"}, ""},
		{"IMETAL_ERR_PAGER beats PAGER", true, false, map[string]string{"IMETAL_ERR_PAGER": "less -S", "PAGER": "more"}, "less -S"},
		{"IMETAL_ERR_PAGER set but empty", true, false, map[string]string{"IMETAL_ERR_PAGER": "", "PAGER": "more"}, ""},
		{"IMETAL_ERR_PAGER beats PAGER=", true, false, map[string]string{"IMETAL_ERR_PAGER": "more", "PAGER": ""}, "more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			if got := pagerCommand(tt.tty, tt.noPager, lookup); got != tt.want {
				t.Errorf("pagerCommand = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPagerEnv(t *testing.T) {
	if got := pagerEnv(func(string) (string, bool) { return "", false }); !slices.Equal(got, []string{"LESS=FRX"}) {
		t.Errorf("LESS unset: pagerEnv = %q, want LESS=FRX", got)
	}
	if got := pagerEnv(func(k string) (string, bool) { return "-S", k == "LESS" }); got != nil {
		t.Errorf("LESS set: pagerEnv = %q, want nothing added", got)
	}
}

// TestPagerExec runs commands on a terminal (as test streams pretend) through fake pagers:
// shell commands that write what they read to a file, fail, or quit without reading.
func TestPagerExec(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake pagers are sh command lines")
	}
	dir := t.TempDir()
	paged := filepath.Join(dir, "pager.out")
	readPaged := func(t *testing.T) string {
		t.Helper()
		b, err := os.ReadFile(paged)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		_ = os.Remove(paged)
		return string(b)
	}
	toFile := "cat > " + paged

	t.Run("explain goes through the pager", func(t *testing.T) {
		code, out, errOut := runArgs(t, true, map[string]string{"PAGER": toFile}, "explain", "iMetal.0101")
		got := readPaged(t)
		if code != 0 || out != "" || errOut != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and everything in the pager", code, out, errOut)
		}
		if !strings.Contains(got, "iMetal.0101") || !strings.Contains(got, "How to fix it") || !strings.Contains(got, "\x1b[") {
			t.Errorf("the pager got:\n%s\nwant the colored explanation", got)
		}
	})
	t.Run("IMETAL_ERR_PAGER first", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"IMETAL_ERR_PAGER": toFile, "PAGER": "false"}, "explain", "232")
		if got := readPaged(t); code != 0 || out != "" || !strings.Contains(got, "iMetal.0232") {
			t.Errorf("exit %d, stdout %q, pager got %q", code, out, got)
		}
	})
	t.Run("--no-pager", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"PAGER": toFile}, "explain", "232", "--no-pager")
		if got := readPaged(t); code != 0 || got != "" || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("exit %d, pager got %q, stdout %q; want no pager", code, got, out)
		}
	})
	t.Run("not a terminal", func(t *testing.T) {
		code, out, _ := runArgs(t, false, map[string]string{"PAGER": toFile}, "explain", "232")
		if got := readPaged(t); code != 0 || got != "" || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("exit %d, pager got %q, stdout %q; want no pager", code, got, out)
		}
	})
	t.Run("a missing pager falls back to stdout", func(t *testing.T) {
		code, out, errOut := runArgs(t, true, map[string]string{"PAGER": "imetal-err-no-such-pager"}, "explain", "232")
		if code != 0 || !strings.Contains(out, "iMetal.0232") || !strings.Contains(errOut, `pager "imetal-err-no-such-pager" failed`) {
			t.Errorf("exit %d, stdout %q, stderr %q; want the explanation on stdout and a warning", code, out, errOut)
		}
	})
	t.Run("a failing pager falls back to stdout", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"PAGER": "false"}, "explain", "232")
		if code != 0 || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("exit %d, stdout %q; want the explanation on stdout", code, out)
		}
	})
	t.Run("a pager quit early ends quietly", func(t *testing.T) {
		for _, p := range []string{"true", "head -c 10 >/dev/null"} {
			code, out, errOut := runArgs(t, true, map[string]string{"PAGER": p}, "list")
			if code != 0 || out != "" || errOut != "" {
				t.Errorf("PAGER=%q: exit %d, stdout %q, stderr %q; want 0 and nothing more", p, code, out, errOut)
			}
		}
	})
	t.Run("list pages only what is taller than the screen", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"PAGER": toFile}, "list", "--search", "subnet", "unavailable")
		if got := readPaged(t); code != 0 || got != "" || !strings.Contains(out, "iMetal.0231") {
			t.Errorf("short list: exit %d, pager got %q, stdout %q; want no pager", code, got, out)
		}
		code, out, _ = runArgs(t, true, map[string]string{"PAGER": toFile}, "list")
		if got := readPaged(t); code != 0 || out != "" || !strings.Contains(got, "APIGW.0101") || !strings.Contains(got, "iMetal.0235") {
			t.Errorf("whole list: exit %d, stdout %q, pager got %d bytes; want all of it paged", code, out, len(got))
		}
	})
	t.Run("lookup never pages", func(t *testing.T) {
		_, out, _ := runArgs(t, true, map[string]string{"PAGER": toFile}, "lookup", "232")
		if got := readPaged(t); got != "" || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("pager got %q, stdout %q", got, out)
		}
	})
}
