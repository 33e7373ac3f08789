#!/usr/bin/env bash
# Benchmark of imetal-err against what an expert would type instead (issue 6): start-up against
# moreutils' errno, `parse --summary` against an rg | sort | uniq -c pipeline on a sparse and a
# dense log, and the peak RSS of parse. Every figure is a ratio measured in this run, on inputs
# the script generates itself, so that results from different machines can be compared.
#
# Usage: scripts/bench.sh [--quick] [--check]
#   --quick   smaller logs (32 MiB and 8 MiB) and 3 rounds: a sanity run of a minute or so
#   --check   exit 1 when a target is missed or the summary counts are wrong
#   BENCH_ROUNDS=N   rounds per measure (default 7, with --quick 3)
# See scripts/README.md.
set -euo pipefail

usage() { sed -n '2,/^# See scripts/s/^# \{0,1\}//p' "$0"; }

quick=0
check=0
for arg in "$@"; do
	case "$arg" in
	--quick) quick=1 ;;
	--check) check=1 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "bench.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
	esac
done

if [ "$quick" = 1 ]; then
	sparse_size=32MiB dense_size=8MiB rounds=${BENCH_ROUNDS:-3}
else
	sparse_size=256MiB dense_size=64MiB rounds=${BENCH_ROUNDS:-7}
fi
case "$rounds" in
'' | *[!0-9]* | 0) echo "bench.sh: BENCH_ROUNDS must be a positive number, not '$rounds'" >&2; exit 2 ;;
esac
startup_loops=200

# Tools, and the Debian package that brings each.
missing=()
for tool in go:golang rg:ripgrep errno:moreutils hyperfine:hyperfine /usr/bin/time:time; do
	command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "bench.sh: missing:" "${missing[@]%%:*}" >&2
	echo "bench.sh: install with: sudo apt-get install ${missing[*]##*:}" >&2
	exit 2
fi

cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/imetal-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

log() { printf 'bench: %s\n' "$*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
started=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
load_before=$(loadavg)

log "building imetal-err and the log generator"
# As release builds are made (.goreleaser.yaml): no cgo, so that the binary is static and
# starts without the dynamic loader.
CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$tmp/imetal-err" .
go build -o "$tmp/benchgen" ./internal/benchgen

log "generating a $sparse_size sparse and a $dense_size dense log (seed 1)"
"$tmp/benchgen" -kind sparse -size "$sparse_size" -seed 1 -o "$tmp/sparse.log"
"$tmp/benchgen" -kind dense -size "$dense_size" -seed 1 -o "$tmp/dense.log"

# Each command is a small sh script, run by hyperfine without a shell of its own (-N), so that
# both sides of a pair pay for the same one sh start.
mkdir "$tmp/cmd"
cat >"$tmp/cmd/startup-imetal" <<EOF
for i in \$(seq $startup_loops); do "$tmp/imetal-err" lookup iMetal.0232 >/dev/null; done
EOF
cat >"$tmp/cmd/startup-base" <<EOF
for i in \$(seq $startup_loops); do errno ENOENT >/dev/null; done
EOF
for kind in sparse dense; do
	cat >"$tmp/cmd/$kind-imetal" <<EOF
"$tmp/imetal-err" parse --summary "$tmp/$kind.log" >/dev/null
EOF
	cat >"$tmp/cmd/$kind-base" <<EOF
rg -o 'error_code"?:\\s*"?[A-Za-z]+\\.[0-9]+' "$tmp/$kind.log" | sort | uniq -c >/dev/null
EOF
done

# Warm-up: one run of each command, which also puts the logs in the page cache. A command
# that fails here would be timed failing, so stop instead.
for f in "$tmp"/cmd/*; do
	if ! sh "$f" 2>"$tmp/warmup.err"; then
		echo "bench.sh: warm-up of $(basename "$f") failed:" >&2
		cat "$f" "$tmp/warmup.err" >&2
		exit 1
	fi
done

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# measure NAME: runs NAME-imetal and NAME-base once per round, alternating which goes first,
# and leaves the seconds of each run in $tmp/NAME.imetal and $tmp/NAME.base.
measure() {
	local name=$1 r order
	: >"$tmp/$name.imetal"
	: >"$tmp/$name.base"
	for ((r = 1; r <= rounds; r++)); do
		log "$name: round $r of $rounds"
		if ((r % 2)); then order=(imetal base); else order=(base imetal); fi
		hyperfine -N --runs 1 --style none --export-csv "$tmp/round.csv" \
			-n "${order[0]}" "sh $tmp/cmd/$name-${order[0]}" \
			-n "${order[1]}" "sh $tmp/cmd/$name-${order[1]}" >/dev/null
		# command,mean,stddev,median,user,system,min,max
		awk -F, -v dir="$tmp" -v name="$name" 'NR > 1 {print $2 >> (dir "/" name "." $1)}' "$tmp/round.csv"
	done
}

rows=()
failed=0
# row MEASURE TARGET: appends a table row comparing the medians of MEASURE to ratio TARGET.
row() {
	local name=$1 target=$2 a b ratio spread verdict
	a=$(median <"$tmp/$name.imetal")
	b=$(median <"$tmp/$name.base")
	ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
	spread=$(paste "$tmp/$name.imetal" "$tmp/$name.base" | awk '
		{r = $1 / $2; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r}
		END {printf "%.2f-%.2f", lo, hi}')
	if awk -v r="$ratio" -v t="$target" 'BEGIN {exit !(r <= t)}'; then verdict=PASS; else verdict=FAIL failed=1; fi
	rows+=("$(printf '%-22s %12s %12s %7s %11s %9s  %s' "$3" "$(ms "$a")" "$(ms "$b")" "$ratio" "$spread" "<= $target" "$verdict")")
}
ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }

measure startup
row startup 1.5 "startup (x$startup_loops)"
measure sparse
row sparse 0.75 "parse, sparse $sparse_size"
measure dense
row dense 0.5 "parse, dense $dense_size"

log "peak RSS of parse --summary on the sparse log"
: >"$tmp/rss"
for ((r = 1; r <= 3; r++)); do
	/usr/bin/time -f %M -o "$tmp/rss.1" "$tmp/imetal-err" parse --summary "$tmp/sparse.log" >/dev/null
	cat "$tmp/rss.1" >>"$tmp/rss"
done
rss_kib=$(sort -n "$tmp/rss" | tail -n 1)
rss=$(awk -v k="$rss_kib" 'BEGIN {printf "%.1f", k / 1024}')
if awk -v m="$rss" 'BEGIN {exit !(m <= 16)}'; then verdict=PASS; else verdict=FAIL failed=1; fi
rows+=("$(printf '%-22s %12s %12s %7s %11s %9s  %s' "peak RSS, sparse" "$rss MiB" "-" "-" "-" "<= 16 MiB" "$verdict")")

# Correctness: the summary counts exactly what the generator wrote.
counts_ok=yes
for kind in sparse dense; do
	if ! "$tmp/imetal-err" parse --summary -o json "$tmp/$kind.log" | "$tmp/benchgen" -verify "$tmp/$kind.log.counts.json"; then
		echo "bench.sh: the summary of the $kind log differs from the generator's counts (above)" >&2
		counts_ok=no
	fi
done
[ "$counts_ok" = yes ] || failed=1

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo "imetal-err benchmark, $started"
echo "machine:  $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr)"
echo "tools:    $(go version | cut -d' ' -f3), $(rg --version | head -n 1), $(hyperfine --version), errno (moreutils)"
echo "locale:   LC_ALL=${LC_ALL:-(unset)} LANG=${LANG:-(unset)} (the baseline runs in it as is)"
echo "commit:   $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' + uncommitted changes')"
echo "load:     $load_before at the start, $(loadavg) at the end (1, 5, 15 min; other processes skew the ratios)"
echo "rounds:   $rounds, alternating; medians of wall time, per-round ratios as range"
echo
printf '%-22s %12s %12s %7s %11s %9s  %s\n' measure imetal-err baseline ratio range target result
printf '%s\n' "${rows[@]}"
echo
echo "summary counts match generator: $counts_ok"
echo
echo "baselines:"
echo "  startup: sh -c 'for i in \$(seq $startup_loops); do errno ENOENT >/dev/null; done'"
echo "           against imetal-err lookup iMetal.0232 in the same loop"
echo "  parse:   rg -o 'error_code\"?:\\s*\"?[A-Za-z]+\\.[0-9]+' FILE | sort | uniq -c >/dev/null"
echo "           against imetal-err parse --summary FILE >/dev/null"

if [ "$check" = 1 ] && [ "$failed" = 1 ]; then
	exit 1
fi
