#!/usr/bin/env bash
# Regenerates man/pfmplan.1 from the command-line interface with swift-argument-parser's
# generate-manual plugin (date pinned), and stamps it with the digest of the interface
# (`pfmplan --experimental-dump-help`), which Tests/pfmplanTests/ManPageTests.swift checks.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package --allow-writing-to-directory man generate-manual --date 2026-11-29 --section 1
digest=$(swift run -c release pfmplan --experimental-dump-help | sha256sum | cut -d' ' -f1)
# Blank lines from multi-paragraph discussions become .Pp, which mdoc expects.
{ printf '.\\" cli-digest: %s\n' "$digest"; sed 's/^$/.Pp/' .build/plugins/GenerateManual/outputs/pfmplan/pfmplan.1; } > man/pfmplan.1
echo "wrote man/pfmplan.1 (cli-digest $digest)"
