#!/usr/bin/env bash
# Regenerates the Word fixtures in fixtures/forms/office/: .docx files written by real LibreOffice
# Writer from HTML fixtures ("HTML (StarWriter)" import, "MS Word 2007 XML" export), with real
# vertical merges (w:vMerge) and column spans (w:gridSpan), so the DOCX ingester reads files made
# by office software.
#
# Needs LibreOffice (as root, about a minute):
#   apt-get update && apt-get install -y --no-install-recommends \
#     libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk
#
# Every soffice call gets its own throw-away profile; only the final documents are written, and
# only under fixtures/forms/office/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SOURCES=(
  fixtures/forms/project-40-indicators.html
  fixtures/forms/seed-policy-2023.html
  fixtures/forms/project-units-weights.html
  fixtures/forms/project-2021-putuo.html
  fixtures/forms/project-shanghai-wanyuan.html
  fixtures/forms/two-projects.html
  fixtures/forms/self-eval-2022.html
)
OUT=fixtures/forms/office

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice not found; install LibreOffice first (see the top of this script)" >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$OUT"
for src in "${SOURCES[@]}"; do
  base="$(basename "$src" .html)"
  profile="$(mktemp -d "$WORK/profile.XXXXXX")"
  timeout 180 soffice "-env:UserInstallation=file://$profile" --headless --norestore \
    --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir "$WORK" "$src" \
    >"$WORK/log" 2>&1 || {
    cat "$WORK/log" >&2
    exit 1
  }
  if [[ ! -s "$WORK/$base.docx" ]]; then
    cat "$WORK/log" >&2
    echo "no output for $src" >&2
    exit 1
  fi
  cp "$WORK/$base.docx" "$OUT/$base.writer.docx"
  echo "$OUT/$base.writer.docx"
done
