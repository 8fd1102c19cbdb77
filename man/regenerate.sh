#!/usr/bin/env bash
# Regenerates man/pfmplan.1 from the command-line interface with swift-argument-parser's
# generate-manual plugin (date pinned), and stamps it with the digest of the interface
# (`pfmplan --experimental-dump-help`), which Tests/pfmplanTests/ManPageTests.swift checks.
#
# generate-manual drops every non-ASCII character (×, −, ≤, α …). With PFMPLAN_MAN_PLACEHOLDERS
# set, pfmplan's dump writes each as @@U+XXXX@@, which the sed below turns into the roff escape
# \[uXXXX], so the page reads as the help texts do.
set -euo pipefail
cd "$(dirname "$0")/.."
PFMPLAN_MAN_PLACEHOLDERS=1 swift package --allow-writing-to-directory man generate-manual --configuration debug --date 2026-11-29 --section 1
page=.build/plugins/GenerateManual/outputs/pfmplan/pfmplan.1
digest=$(swift run -c debug pfmplan --experimental-dump-help | sha256sum | cut -d' ' -f1)
if ! grep -q '@@U+' "$page"; then
  echo "regenerate.sh: the page has no placeholders: did PFMPLAN_MAN_PLACEHOLDERS reach pfmplan?" >&2
  exit 1
fi
# Blank lines from multi-paragraph discussions become .Pp, which mdoc expects.
{ printf '.\\" cli-digest: %s\n' "$digest"; sed -e 's/^$/.Pp/' -e 's/@@U+\([0-9A-F]*\)@@/\\[u\1]/g' "$page"; } > man/pfmplan.1
echo "wrote man/pfmplan.1 (cli-digest $digest)"
