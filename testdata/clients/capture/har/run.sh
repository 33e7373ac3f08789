#!/bin/sh
# Runs capture.js (after `npm install`) with Debian's chromium, from
# testdata/clients/capture/har with the test server running; writes into testdata/clients.
set -u
OUT=${OUT:-../..}
node capture.js 0232 "$OUT/chromium-0232.har"
echo "chromium-0232.har: exit $?"
