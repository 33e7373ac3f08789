#!/usr/bin/env bash
# Benchmark of imetal-err (issues 6 and 13): start-up against a floor program that only does
# what imetal-err's libraries do (internal/benchfloor), with moreutils' errno beside it for
# information; `parse --summary` against an rg | sort | uniq -c pipeline on a sparse and a
# dense log and a mixed dense one (the shapes real clients print), read as a file and, for
# the sparse one, through a pipe, each read floor (benchread for the file, cat | wc -l for
# the pipe) beside it for information; and the peak RSS of
# parse. Every figure is a ratio measured in this run, on inputs the script generates itself,
# so that results from different machines can be compared.
#
# Usage: scripts/bench.sh [--quick] [--check]
#   --quick   smaller logs (32 MiB and 8 MiB) and 3 rounds: a sanity run of a few minutes
#   --check   exit 1 when a goal is missed or the summary counts are wrong
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
# Start-up runs in blocks of startup_loops starts, four times as many rounds as the others:
# short blocks that alternate, so that a change in the machine's load hits every side alike.
startup_loops=50
startup_rounds=$((rounds * 4))

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

log "building imetal-err, the start-up and read floors and the log generator"
# As release builds are made (.goreleaser.yaml): no cgo, so that the binary is static and
# starts without the dynamic loader. The floor is built the same way.
release_build() { CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$@"; }
release_build "$tmp/imetal-err" .
release_build "$tmp/benchfloor" ./internal/benchfloor
release_build "$tmp/benchread" ./internal/benchread
go build -o "$tmp/benchgen" ./internal/benchgen

# The dense corpora, each a kind of internal/benchgen's logs.
dense_kinds=(dense mixed)
kinds=(sparse "${dense_kinds[@]}")
log "generating a $sparse_size sparse log and ${#dense_kinds[@]} $dense_size dense one(s): ${dense_kinds[*]} (seed 1)"
"$tmp/benchgen" -kind sparse -size "$sparse_size" -seed 1 -o "$tmp/sparse.log"
for k in "${dense_kinds[@]}"; do
	"$tmp/benchgen" -kind "$k" -size "$dense_size" -seed 1 -o "$tmp/$k.log"
done

pat='error_code"?:\s*"?[A-Za-z]+\.[0-9]+'
# The mixed log's codes follow errorCode, ErrorCode, error_code=, escaped or quoted ones too
# (\x27 is a single quote); internal/benchgen's tests check that it finds every one.
mixed_pat='[Ee]rror_?[Cc]ode\\?["\x27]?\s*[:=]\s*\\?["\x27]?[A-Za-z]+\.[0-9]+'
kind_pat() { if [ "$1" = mixed ]; then echo "$mixed_pat"; else echo "$pat"; fi; }
# Each command is a small sh script, NAME-SIDE, run by hyperfine without a shell of its own
# (-N), so that every side of a measure pays for the same one sh start.
mkdir "$tmp/cmd"
loop() { printf 'for i in $(seq %d); do %s >/dev/null; done\n' "$startup_loops" "$1"; }
loop "\"$tmp/imetal-err\" lookup iMetal.0232" >"$tmp/cmd/startup-imetal"
loop "\"$tmp/benchfloor\"" >"$tmp/cmd/startup-floor"
loop "errno ENOENT" >"$tmp/cmd/startup-errno"
for k in "${kinds[@]}"; do
	printf '"%s" parse --summary "%s" >/dev/null\n' "$tmp/imetal-err" "$tmp/$k.log" >"$tmp/cmd/$k-imetal"
	printf "rg -o '%s' \"%s\" | sort | uniq -c >/dev/null\n" "$(kind_pat "$k")" "$tmp/$k.log" >"$tmp/cmd/$k-rg"
done
printf '"%s" "%s" >/dev/null\n' "$tmp/benchread" "$tmp/sparse.log" >"$tmp/cmd/sparse-read"
printf 'cat "%s" | "%s" parse --summary >/dev/null\n' "$tmp/sparse.log" "$tmp/imetal-err" >"$tmp/cmd/pipe-imetal"
printf "cat \"%s\" | rg -o '%s' | sort | uniq -c >/dev/null\n" "$tmp/sparse.log" "$pat" >"$tmp/cmd/pipe-rg"
printf 'cat "%s" | wc -l >/dev/null\n' "$tmp/sparse.log" >"$tmp/cmd/pipe-read"

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

# measure NAME ROUNDS SIDE...: runs NAME-SIDE once per round for each SIDE, in an order that
# turns each round, and leaves the seconds of each run in $tmp/NAME.SIDE, one line per round.
measure() {
	local name=$1 nr=$2 r i n side
	shift 2
	local sides=("$@") args
	n=${#sides[@]}
	for side in "${sides[@]}"; do : >"$tmp/$name.$side"; done
	for ((r = 1; r <= nr; r++)); do
		log "$name: round $r of $nr"
		args=()
		for ((i = 0; i < n; i++)); do
			side=${sides[(i + r) % n]}
			args+=(-n "$side" "sh $tmp/cmd/$name-$side")
		done
		hyperfine -N --runs 1 --style none --export-csv "$tmp/round.csv" "${args[@]}" >/dev/null
		# command,mean,stddev,median,user,system,min,max
		awk -F, -v dir="$tmp" -v name="$name" 'NR > 1 {print $2 >> (dir "/" name "." $1)}' "$tmp/round.csv"
	done
}

rows=()
failed=0
ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }
addrow() { rows+=("$(printf '%-30s %12s %12s %6s %11s %10s  %s' "$@")"); }
# verdict VALUE GOAL: PASS or FAIL (and the run fails) for VALUE <= GOAL; "info" with no goal.
verdict() {
	if [ -z "$2" ]; then
		echo info
	elif awk -v v="$1" -v g="$2" 'BEGIN {exit !(v <= g)}'; then
		echo PASS
	else
		echo FAIL
	fi
}

# row LABEL NAME SIDE BASE [GOAL]: the ratio of the medians of NAME's SIDE and BASE runs, the
# range of the per-round ratios, and the verdict against GOAL (none: for information).
row() {
	local label=$1 name=$2 side=$3 base=$4 goal=${5:-} a b ratio spread v
	a=$(median <"$tmp/$name.$side")
	b=$(median <"$tmp/$name.$base")
	ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
	spread=$(paste "$tmp/$name.$side" "$tmp/$name.$base" | awk '
		{r = $1 / $2; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r}
		END {printf "%.2f-%.2f", lo, hi}')
	v=$(verdict "$ratio" "$goal")
	[ "$v" = FAIL ] && failed=1
	addrow "$label" "$(ms "$a")" "$(ms "$b")" "$ratio" "$spread" "${goal:+<= $goal}" "$v"
}

measure startup "$startup_rounds" imetal floor errno
# Times of one start, not of a block.
for side in imetal floor errno; do
	awk -v n="$startup_loops" '{print $1 / n}' "$tmp/startup.$side" >"$tmp/startup.1" && mv "$tmp/startup.1" "$tmp/startup.$side"
done
row "start-up, vs floor" startup imetal floor 1.15
row "start-up, vs errno" startup imetal errno
measure sparse "$rounds" imetal rg read
row "parse, sparse $sparse_size file" sparse imetal rg 0.75
row "read floor, sparse file, vs rg" sparse read rg
for k in "${dense_kinds[@]}"; do
	measure "$k" "$rounds" imetal rg
	row "parse, $k $dense_size file" "$k" imetal rg 0.5
done
measure pipe "$rounds" imetal rg read
row "parse, sparse $sparse_size pipe" pipe imetal rg 0.75
row "read floor, sparse pipe, vs rg" pipe read rg

# rssrow KIND GOAL_MIB: the peak RSS of parse --summary on KIND's log, the highest of 3 runs,
# with the range of the 3.
rssrow() {
	local k=$1 goal=$2 r lo hi v
	: >"$tmp/rss"
	for ((r = 1; r <= 3; r++)); do
		/usr/bin/time -f %M -o "$tmp/rss.1" "$tmp/imetal-err" parse --summary "$tmp/$k.log" >/dev/null
		cat "$tmp/rss.1" >>"$tmp/rss"
	done
	lo=$(sort -n "$tmp/rss" | head -n 1)
	hi=$(sort -n "$tmp/rss" | tail -n 1)
	v=$(verdict "$(awk -v k="$hi" 'BEGIN {print k / 1024}')" "$goal")
	[ "$v" = FAIL ] && failed=1
	addrow "peak RSS, $k" "$(mib "$hi")" "-" "-" "$(awk -v a="$lo" -v b="$hi" 'BEGIN {printf "%.1f-%.1f", a / 1024, b / 1024}')" "<= $goal MiB" "$v"
}
log "peak RSS of parse --summary"
rssrow sparse 16
for k in "${dense_kinds[@]}"; do rssrow "$k" 24; done

# Correctness: the summary counts exactly what the generator wrote, from a file and a pipe.
# verify runs in this shell (not in a pipeline's subshell), so that counts_ok sticks. Shapes
# of the mixed log that parse does not read yet (benchgen -verify exits 3) are named, not
# counted as a failure; a shape read in part is one.
counts_ok=yes
unread=()
verify() {
	local rc=0
	"$tmp/benchgen" -verify "$tmp/$1.log.counts.json" <"$tmp/summary.json" 2>"$tmp/verify.err" || rc=$?
	if [ "$rc" = 3 ]; then
		unread+=("$1 log, $2: $(head -n 1 "$tmp/verify.err")")
	elif [ "$rc" != 0 ]; then
		cat "$tmp/verify.err" >&2
		echo "bench.sh: the summary of the $1 log $2 differs from the generator's counts (above)" >&2
		counts_ok=no
	fi
}
for k in "${kinds[@]}"; do
	"$tmp/imetal-err" parse --summary -o json "$tmp/$k.log" >"$tmp/summary.json"
	verify "$k" "file"
done
cat "$tmp/sparse.log" | "$tmp/imetal-err" parse --summary -o json >"$tmp/summary.json"
verify sparse "read from a pipe"
[ "$counts_ok" = yes ] || failed=1

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo "imetal-err benchmark, $started"
echo "machine:  $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr)"
echo "tools:    $(go version | cut -d' ' -f3), $(rg --version | sed -n 1p), $(hyperfine --version), errno (moreutils)"
echo "logs:     sparse $sparse_size; ${dense_kinds[*]} $dense_size each (internal/benchgen, seed 1)"
echo "locale:   LC_ALL=${LC_ALL:-(unset)} LANG=${LANG:-(unset)} (the baseline runs in it as is)"
echo "commit:   $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' + uncommitted changes')"
echo "load:     $load_before at the start, $(loadavg) at the end (1, 5, 15 min; other processes skew the ratios)"
echo "rounds:   $rounds ($startup_rounds of $startup_loops starts for start-up), order turning each round;"
echo "          medians of wall time (of one start for start-up), per-round ratios as range"
echo
printf '%-30s %12s %12s %6s %11s %10s  %s\n' measure imetal-err baseline ratio range goal result
printf '%s\n' "${rows[@]}"
echo
echo "summary counts match generator: $counts_ok"
for u in "${unread[@]}"; do echo "  not read yet, $u"; done
echo
echo "baselines:"
echo "  start-up: sh -c 'for i in \$(seq $startup_loops); do CMD >/dev/null; done', per start, where CMD is"
echo "            imetal-err lookup iMetal.0232, the floor (internal/benchfloor: a cobra command,"
echo "            fatih/color, a one-row tablewriter table) or errno ENOENT (moreutils)"
echo "  file:     rg -o '$pat' FILE | sort | uniq -c >/dev/null"
echo "            (the mixed log: rg -o '$mixed_pat')"
echo "            against imetal-err parse --summary FILE >/dev/null"
echo "  floor:    internal/benchread FILE: the file read whole, in parallel, and its lines counted,"
echo "            in the imetal-err column of its row: no scanner can beat that ratio"
echo "  pipe:     cat FILE | rg -o '$pat' | sort | uniq -c >/dev/null"
echo "            against cat FILE | imetal-err parse --summary >/dev/null"
echo "            and the floor of a pipe, cat FILE | wc -l >/dev/null: what moving the log"
echo "            through a pipe and looking at every byte costs, for information"
echo "  RSS:      /usr/bin/time -f %M imetal-err parse --summary FILE, the highest of 3 runs"

if [ "$check" = 1 ] && [ "$failed" = 1 ]; then
	exit 1
fi
