#!/usr/bin/env bash
# Regenerates the Excel fixtures in fixtures/forms/office/: workbooks written by real LibreOffice
# Calc from HTML fixtures ("HTML (StarCalc)" import, then "Calc Office Open XML" for .xlsx and
# "MS Excel 97" for .xls), so the Excel ingester reads files made by office software.
#
# Needs LibreOffice (as root, about a minute):
#   apt-get update && apt-get install -y --no-install-recommends \
#     libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk python3-uno
#
# Every soffice call gets its own throw-away profile; only the final workbooks are written, and
# only under fixtures/forms/office/. Calc reads a cell that starts with "=" (the seed's target
# =0) as a formula and keeps only its value; so that the workbooks say what the forms say, such
# cells get an invisible zero-width space in front before the import (the pipeline removes
# invisible characters, as it must for files that carry them).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SOURCES=(
  fixtures/forms/project-40-indicators.html
  fixtures/forms/project-units-weights.html
  fixtures/forms/project-2021-putuo.html
  fixtures/forms/project-shanghai-wanyuan.html
  fixtures/forms/two-projects.html
  fixtures/forms/seed-policy-2023.html
)
OUT=fixtures/forms/office

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice not found; install LibreOffice first (see the top of this script)" >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# convert FILTER SRC DIR : one headless Calc conversion with a private profile; checks the output.
convert() {
  local filter="$1" src="$2" dir="$3" profile ext
  profile="$(mktemp -d "$WORK/profile.XXXXXX")"
  mkdir -p "$dir"
  timeout 180 soffice "-env:UserInstallation=file://$profile" --headless --norestore \
    --infilter="HTML (StarCalc)" --convert-to "$filter" --outdir "$dir" "$src" >"$WORK/log" 2>&1 || {
    cat "$WORK/log" >&2
    exit 1
  }
  ext="${filter%%:*}"
  if [[ ! -s "$dir/$(basename "$src" .html).$ext" ]]; then
    cat "$WORK/log" >&2
    echo "no output for $src ($filter)" >&2
    exit 1
  fi
}

mkdir -p "$OUT"
for src in "${SOURCES[@]}"; do
  base="$(basename "$src" .html)"
  text="$WORK/$base.html"
  perl -0pe 's/(<t[dh]\b[^>]*>(?:\s|<[^>]*>)*)=/$1&#8203;=/gi' "$src" >"$text"
  for filter in 'xlsx:Calc Office Open XML' 'xls:MS Excel 97'; do
    ext="${filter%%:*}"
    convert "$filter" "$text" "$WORK/$base.$ext.d"
    cp "$WORK/$base.$ext.d/$base.$ext" "$OUT/$base.calc.$ext"
    echo "$OUT/$base.calc.$ext"
  done
done

# The same forms as "XML Spreadsheet 2003" (SpreadsheetML), the XML workbook that budget systems
# export as .xls: Calc writes the cells after a range merged down without ss:Index.
for src in "${SOURCES[@]}"; do
  base="$(basename "$src" .html)"
  convert 'xml:MS Excel 2003 XML' "$WORK/$base.html" "$WORK/$base.xml.d"
  cp "$WORK/$base.xml.d/$base.xml" "$OUT/$base.calc2003.xls"
  echo "$OUT/$base.calc2003.xls"
done

# The seed as submitted (a text export, TAB between cells) imported by Calc's text filter with
# "detect special numbers" on: 100% becomes a number formatted as a percentage (shown 100.00%),
# the way a workbook typed by hand holds it. The zero-width space keeps =0 as text, as above.
seed=fixtures/seed/000_52c260094030f1a0.txt
perl -CSD -pe 's/(^|\t)=/$1\x{200B}=/g' "$seed" >"$WORK/seed-text.csv"
profile="$(mktemp -d "$WORK/profile.XXXXXX")"
timeout 180 soffice "-env:UserInstallation=file://$profile" --headless --norestore \
  --infilter="Text - txt - csv (StarCalc):9,34,76,1,,2052,false,true" \
  --convert-to 'xlsx:Calc Office Open XML' --outdir "$WORK/seed-text.d" "$WORK/seed-text.csv" \
  >"$WORK/log" 2>&1 || {
  cat "$WORK/log" >&2
  exit 1
}
cp "$WORK/seed-text.d/seed-text.xlsx" "$OUT/seed-text.calc.xlsx"
echo "$OUT/seed-text.calc.xlsx"

# workbooks_from_fods NAME : saves $WORK/NAME.fods with Calc as $OUT/NAME.calc.xlsx and .xls.
workbooks_from_fods() {
  local name="$1" filter ext profile
  for filter in 'xlsx:Calc Office Open XML' 'xls:MS Excel 97'; do
    ext="${filter%%:*}"
    profile="$(mktemp -d "$WORK/profile.XXXXXX")"
    timeout 180 soffice "-env:UserInstallation=file://$profile" --headless --norestore \
      --convert-to "$filter" --outdir "$WORK/$name.d" "$WORK/$name.fods" >"$WORK/log" 2>&1 || {
      cat "$WORK/log" >&2
      exit 1
    }
    cp "$WORK/$name.d/$name.$ext" "$OUT/$name.calc.$ext"
    echo "$OUT/$name.calc.$ext"
  done
}

# One workbook with three forms on three worksheets: the three forms' grids (with their merged
# cells) written as a flat OpenDocument spreadsheet, then saved by Calc as .xlsx and .xls.
npx tsx scripts/fods-from-html.ts "$WORK/three-forms.fods" \
  fixtures/forms/project-units-weights.html fixtures/forms/project-2021-putuo.html \
  fixtures/forms/dept-overall-gbk.html >/dev/null
workbooks_from_fods three-forms

# A form on a sheet wider than the paper it prints on (fixtures/sources/bus-subsidy-wide.fods,
# written by hand as a finance office lays it out: 计算符号 | 年度指标值 | 计量单位 columns, amounts
# in 元, empty sheets after it), saved by Calc; make-office-pdfs.sh prints it over two pages.
cp fixtures/sources/bus-subsidy-wide.fods "$WORK/bus-subsidy-wide.fods"
workbooks_from_fods bus-subsidy-wide

# One workbook whose date and percentage cells are typed values with number formats, as a person
# typing the form into a spreadsheet stores them: 2024-07-01, 2026/1/1 and 2022年12月15日 are date
# serials formatted YYYY-MM-DD, YYYY/M/D and YYYY年M月D日; 100%, 96.8% and 95.20% are fractions
# formatted 0%, 0.0% and 0.00%. The reader must show the text the form shows.
npx tsx scripts/fods-from-html.ts --typed "$WORK/typed-cells.fods" \
  fixtures/forms/varied/08-cost-l1-mixed-merge.html fixtures/forms/project-2021-putuo.html \
  fixtures/forms/self-eval-2022.html fixtures/forms/seed-policy-2023.html >/dev/null
workbooks_from_fods typed-cells

# A password-protected workbook saved by Calc itself (MS Excel 97 with a password: RC4-encrypted
# BIFF8 with a FILEPASS record), for the `encrypted` bad-input case. Needs the python3-uno Debian
# package and the system python (/usr/bin/python3), which is the one that can import uno.
profile="$(mktemp -d "$WORK/profile.XXXXXX")"
timeout 180 /usr/bin/python3 scripts/save-encrypted.py "$profile" shenbao \
  "$OUT/project-units-weights.calc.xls:MS Excel 97:fixtures/bad/encrypted.calc.xls"
