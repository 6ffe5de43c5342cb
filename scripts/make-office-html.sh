#!/usr/bin/env bash
# Regenerates fixtures/forms/office/: HTML fixtures written by real LibreOffice, made by round
# trips of some hand-made fixtures through Office formats, so the HTML ingester meets exports it
# was never tuned on.
#
#   <base>.writer.html  source HTML -> Writer ("HTML (StarWriter)" import) -> .docx
#                       -> opened again by Writer -> Writer HTML export
#   <base>.calc.html    source HTML -> Calc ("HTML (StarCalc)" import) -> .xlsx
#                       -> opened again by Calc -> Calc HTML export
#
# Needs LibreOffice (as root, about a minute):
#   apt-get update && apt-get install -y --no-install-recommends \
#     libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk
#
# Every soffice call gets its own throw-away profile. Intermediates (.docx, .xlsx, any image or
# extra file an export writes) stay in a temporary folder; only the final .html files are written,
# and only under fixtures/forms/office/. Running it again rewrites the same files.
#
# WRITER_HTML_FILTER picks Writer's HTML export: "HTML (StarWriter)" (default, Writer's own
# "save as HTML") or "XHTML Writer File:UTF8". Both kept every rowspan/colspan with LibreOffice 7.4.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SOURCES=(
  fixtures/forms/seed-policy-2023.html
  fixtures/forms/project-units-weights.html
  fixtures/forms/two-projects.html
)
OUT=fixtures/forms/office
WRITER_HTML_FILTER="${WRITER_HTML_FILTER:-HTML (StarWriter)}"

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice not found. Install LibreOffice first:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk" >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# soffice ARGS... : one headless conversion with a private, throw-away profile.
run_soffice() {
  local profile
  profile="$(mktemp -d "$WORK/profile.XXXXXX")"
  if ! timeout 180 soffice "-env:UserInstallation=file://$profile" --headless --norestore "$@" \
    >"$WORK/soffice.log" 2>&1; then
    cat "$WORK/soffice.log" >&2
    echo "soffice failed: $*" >&2
    exit 1
  fi
  rm -rf "$profile"
}

# expect FILE : soffice exits 0 even when a conversion wrote nothing, so check.
expect() {
  if [[ ! -s "$1" ]]; then
    cat "$WORK/soffice.log" >&2
    echo "expected output missing: $1" >&2
    exit 1
  fi
}

# publish HTML DEST : copy the final export, refusing one that needs files written beside it.
publish() {
  local html="$1" dest="$2" dir extra
  dir="$(dirname "$html")"
  extra="$(find "$dir" -mindepth 1 -maxdepth 1 ! -name "$(basename "$html")" -printf '%f ')"
  if [[ -n "$extra" ]]; then
    echo "note: dropped extra export files: $extra" >&2
  fi
  if grep -Eiq '<img|src=|<link[^>]+stylesheet' "$html"; then
    echo "$html refers to other files (images or style sheets); not publishing it" >&2
    exit 1
  fi
  cp "$html" "$dest.tmp"
  mv "$dest.tmp" "$dest"
  echo "$dest"
}

mkdir -p "$OUT"
for src in "${SOURCES[@]}"; do
  base="$(basename "$src" .html)"
  w="$WORK/$base"
  mkdir -p "$w/docx" "$w/writer" "$w/xlsx" "$w/calc"

  # Writer: HTML -> .docx -> HTML.
  run_soffice --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' \
    --outdir "$w/docx" "$src"
  expect "$w/docx/$base.docx"
  run_soffice --convert-to "html:$WRITER_HTML_FILTER" --outdir "$w/writer" "$w/docx/$base.docx"
  expect "$w/writer/$base.html"
  publish "$w/writer/$base.html" "$OUT/$base.writer.html"

  # Calc: HTML -> .xlsx -> HTML.
  run_soffice --infilter="HTML (StarCalc)" --convert-to 'xlsx:Calc Office Open XML' \
    --outdir "$w/xlsx" "$src"
  expect "$w/xlsx/$base.xlsx"
  run_soffice --convert-to 'html:HTML (StarCalc)' --outdir "$w/calc" "$w/xlsx/$base.xlsx"
  expect "$w/calc/$base.html"
  publish "$w/calc/$base.html" "$OUT/$base.calc.html"
done
