#!/bin/sh
# Builds main.go (standard library only, its own module) and runs it once per fixture, from
# testdata/clients/capture/gohttp with the test server running; writes into testdata/clients.
set -u
OUT=${OUT:-../..}
go build -o ./gohttp-capture . || exit 1
cap() { # cap FILE MODE CASE...
	f=$1
	shift
	./gohttp-capture "$@" >"$OUT/$f" 2>&1
	echo "$f: exit $?"
}
cap slog-text-0232.txt text 0232
cap slog-text-raw-many.txt text-raw 0230 0308 0308 0999
cap slog-json-raw-0230.txt json-raw 0230
cap go-errorf-0232.txt errorf 0232
rm -f ./gohttp-capture
