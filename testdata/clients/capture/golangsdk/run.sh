#!/bin/sh
# Builds main.go against golangsdk's source in ./golangsdk-src (a checkout of
# github.com/chnsz/golangsdk at the commit go.mod names; not committed) and runs it once per
# fixture, from testdata/clients/capture/golangsdk with the test server running; writes into
# testdata/clients.
set -u
OUT=${OUT:-../..}
test -d golangsdk-src || { echo "put golangsdk's source in ./golangsdk-src first" >&2; exit 1; }
go build -o ./golangsdk-capture . || exit 1
for c in 0232 0230 0308 0099 0201; do
	./golangsdk-capture $c >"$OUT/golangsdk-$c.txt" 2>&1
	echo "golangsdk-$c.txt: exit $?"
done
