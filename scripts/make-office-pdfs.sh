#!/usr/bin/env bash
# Regenerates the PDF fixtures in fixtures/forms/pdf/ and the bad PDF inputs in fixtures/bad/:
# PDFs written by real software (LibreOffice Writer and Calc, headless Chromium) from the HTML
# fixtures, so the PDF ingester reads files made the way real forms are printed to PDF.
#
#   fixtures/forms/pdf/
#     seed-policy-2023.writer.pdf         Writer, 2 pages (A3, 10px text): the indicator table
#                                         starts at the foot of page 1 and runs on to page 2
#     project-40-indicators.writer.pdf    Writer, 3 pages (A5, 10pt text): the 40-indicator table
#                                         crosses two page breaks
#     three-forms.writer.pdf              Writer, 3 forms in one document, each on a new page
#                                         (the third, dept-overall, is ruled in white: Writer
#                                         takes its borderColorDark=#ffffff as the line colour)
#     two-projects.writer.pdf             Writer, the two-form fixture, 2 pages: Writer ignores
#                                         page-break-after on an empty <div>, so the second form
#                                         starts at the foot of page 1
#     project-units-weights.writer.pdf    Writer, ruled
#     stacked-tables.writer.pdf           Writer, a ruled table below another, narrower one
#     project-scripts-ratios.writer.pdf   Writer, superscripts (m², ①) in value cells
#     project-units-weights.writer-rotated.pdf  the same with /Rotate 90 (qpdf)
#     project-units-weights.calc.pdf      Calc ("HTML (StarCalc)" import): no ruling lines at all,
#                                         the borderless case read from text alignment
#     project-shanghai-wanyuan.chromium.pdf  headless Chromium "print to PDF" (CJK as Type 3 fonts)
#     project-40-indicators.chromium.pdf     the same producer, a table over three pages
#     project-40-indicators.chromium-thead.pdf   the indicator header as a <thead>, repeated on
#                                                each page
#     project-40-indicators.chromium-header.pdf  the same with Chromium's header and footer lines
#     project-units-weights.chromium-header.pdf  a form of one page with those lines
#   fixtures/bad/
#     scanned.pdf        image-only PDF (page 1 of the seed PDF rasterised, black and white,
#                        100 dpi, CCITT G4)
#     encrypted.pdf      the seed PDF encrypted by qpdf (AES-256, user password "shenbao")
#     truncated.pdf      the first 3000 bytes of the seed PDF
#     unmapped-font.pdf  the Writer PDF of project-units-weights with every /ToUnicode removed:
#                        CJK text extracts as garbage (the embedded subsets have no usable names)
#
# Writer's HTML import ignores CSS rules given by class (".tab_sbb { width:100%; border:... }"),
# so a table styled that way comes out narrow (the seed: 13 pages, a few characters per line) and
# without borders. Before the Writer import, tables of the classes tab_sbb, tb-form, x-table and
# tabInfo get the same look as HTML attributes (border="1" cellspacing="0" width="100%", each only
# where missing): what a browser shows. Page size and text size are set with an extra <style>
# block (@page is honoured by Writer's HTML import) so the tables cross page breaks as described.
# The copies are made in a temporary folder; the fixtures themselves are not touched.
#
# Needs (as root):
#   apt-get update && apt-get install -y --no-install-recommends \
#     libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk \
#     poppler-utils qpdf img2pdf chromium
#
# Every soffice and chromium call gets its own throw-away profile; intermediates stay in a
# temporary folder; only the final PDFs are written, and only under fixtures/forms/pdf/ and
# fixtures/bad/. Running it again rewrites the same files (the PDFs carry creation dates, so
# they are not byte-identical from run to run).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=fixtures/forms/pdf
BAD=fixtures/bad
FORMS=fixtures/forms

for tool in soffice pdfinfo pdftotext pdftoppm qpdf fix-qdf img2pdf chromium iconv perl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool not found; install the packages listed at the top of this script" >&2
    exit 1
  fi
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# run_soffice INFILTER FILTER SRC OUTDIR : one headless conversion with a private profile.
run_soffice() {
  local infilter="$1" filter="$2" src="$3" dir="$4" profile
  profile="$(mktemp -d "$WORK/profile.XXXXXX")"
  mkdir -p "$dir"
  if ! timeout 180 soffice "-env:UserInstallation=file://$profile" --headless --norestore \
    --infilter="$infilter" --convert-to "$filter" --outdir "$dir" "$src" >"$WORK/soffice.log" 2>&1; then
    cat "$WORK/soffice.log" >&2
    echo "soffice failed on $src ($filter)" >&2
    exit 1
  fi
  rm -rf "$profile"
  # soffice exits 0 even when a conversion wrote nothing, so check.
  if [[ ! -s "$dir/$(basename "${src%.*}").pdf" ]]; then
    cat "$WORK/soffice.log" >&2
    echo "no output for $src ($filter)" >&2
    exit 1
  fi
}

# writer_pdf SRC.html DEST.pdf : Writer's HTML import, then Writer's PDF export.
writer_pdf() {
  local dir="$WORK/writer.$(basename "$2" .pdf)"
  run_soffice 'HTML (StarWriter)' 'pdf:writer_pdf_Export' "$1" "$dir"
  cp "$dir/$(basename "${1%.*}").pdf" "$2"
}

# browser_look IN OUT : tables of the classes whose look comes from CSS rules Writer ignores get
# border="1" cellspacing="0" width="100%" as attributes, each only where the table has none.
browser_look() {
  perl -pe 's{<table\b([^>]*)>}{
    my $a = $1;
    if ($a =~ /\bclass\s*=\s*"?(?:tab_sbb|tb-form|x-table|tabInfo)\b/i) {
      $a .= q{ border="1"} unless $a =~ /\bborder\s*=/i;
      $a .= q{ cellspacing="0"} unless $a =~ /\bcellspacing\s*=/i;
      $a .= q{ width="100%"} unless $a =~ /\bwidth\s*[=:]/i;
    }
    "<table$a>"
  }gie' "$1" >"$2"
}

# with_css IN OUT CSS : a copy of IN with one more <style> block at the end of <head>.
with_css() {
  CSS="$3" perl -0pe 's{</head>}{<style type="text/css">\n$ENV{CSS}\n</style>\n</head>}i or die "no </head>\n"' \
    "$1" >"$2"
}

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# expect_pages PDF N
expect_pages() {
  local n
  n="$(pages "$1")"
  if [[ "$n" != "$2" ]]; then
    echo "$1: $n pages, expected $2" >&2
    exit 1
  fi
}

# expect_text PDF PAGE TEXT : TEXT is on that page of the PDF (white space ignored).
expect_text() {
  local text
  text="$(pdftotext -f "$2" -l "$2" "$1" - | tr -d '[:space:]')"
  if [[ "$text" != *"$3"* ]]; then
    echo "$1: \"$3\" not on page $2" >&2
    exit 1
  fi
}

report() { echo "$1 ($(pages "$1") pages, $(stat -c %s "$1") bytes)"; }

mkdir -p "$OUT" "$BAD"

# 1. The seed, two pages: the basic-information table fills page 1, the indicator table starts at
#    its foot (header row and first indicator row) and runs on to page 2, with the merged
#    产出指标 / 数量指标 cells straddling the break. The seed is too long for two A4 pages (A4 at
#    12px: 4 pages, the indicator table on pages 3-4), so this copy is laid out on A3 with 10px text.
browser_look "$FORMS/seed-policy-2023.html" "$WORK/seed.look.html"
with_css "$WORK/seed.look.html" "$WORK/seed-policy-2023.html" \
  '@page { size: 29.7cm 42cm; margin: 1cm; }
body { font-size: 10px; }
.tab_sbb td { font-size: 10px; line-height: normal; }'
writer_pdf "$WORK/seed-policy-2023.html" "$OUT/seed-policy-2023.writer.pdf"
expect_pages "$OUT/seed-policy-2023.writer.pdf" 2
expect_text "$OUT/seed-policy-2023.writer.pdf" 1 调查样本数量
expect_text "$OUT/seed-policy-2023.writer.pdf" 2 举办创业活动数
expect_text "$OUT/seed-policy-2023.writer.pdf" 2 实训人员满意度
report "$OUT/seed-policy-2023.writer.pdf"

# 2. The 40-indicator form over three pages: A5 paper, 10pt table text.
with_css "$FORMS/project-40-indicators.html" "$WORK/project-40-indicators.html" \
  '@page { size: 14.8cm 21cm; margin: 1.5cm; }
td { font-size: 10pt; }'
writer_pdf "$WORK/project-40-indicators.html" "$OUT/project-40-indicators.writer.pdf"
expect_pages "$OUT/project-40-indicators.writer.pdf" 3
expect_text "$OUT/project-40-indicators.writer.pdf" 1 惠及居民户数
expect_text "$OUT/project-40-indicators.writer.pdf" 3 街道社区满意度
report "$OUT/project-40-indicators.writer.pdf"

# 3. Three different forms in one Writer document, each starting on a new page: the bodies of the
#    three HTML files (the GBK one converted to UTF-8 first) one after another, all their <style>
#    blocks in the one <head>.
iconv -f GBK -t UTF-8 "$FORMS/dept-overall-gbk.html" >"$WORK/dept-overall.utf8.html"
for f in "$FORMS/project-units-weights.html" "$FORMS/project-2021-putuo.html" "$WORK/dept-overall.utf8.html"; do
  browser_look "$f" "$WORK/part.$(basename "$f")"
done
perl -0777 -e '
  my ($css, @bodies) = ("");
  for my $f (@ARGV) {
    open my $h, "<", $f or die "$f: $!";
    my $t = do { local $/; <$h> };
    $css .= "$_\n" for $t =~ m{<style\b[^>]*>(.*?)</style>}gis;
    my ($body) = $t =~ m{<body\b[^>]*>(.*)</body>}is or die "no <body> in $f\n";
    push @bodies, $body;
  }
  print qq{<!DOCTYPE html>\n<html>\n<head>\n},
    qq{<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n},
    qq{<title>绩效目标申报表</title>\n<style type="text/css">\n$css</style>\n</head>\n<body>\n},
    join(qq{\n<p style="page-break-before: always"></p>\n}, @bodies), "\n</body>\n</html>\n";
' "$WORK/part.project-units-weights.html" "$WORK/part.project-2021-putuo.html" \
  "$WORK/part.dept-overall.utf8.html" >"$WORK/three-forms.html"
writer_pdf "$WORK/three-forms.html" "$OUT/three-forms.writer.pdf"
expect_pages "$OUT/three-forms.writer.pdf" 3
expect_text "$OUT/three-forms.writer.pdf" 1 中小学校园无障碍环境改造项目
expect_text "$OUT/three-forms.writer.pdf" 2 兰溪路-真南路下立交工程
expect_text "$OUT/three-forms.writer.pdf" 3 部门整体支出绩效目标申报表
report "$OUT/three-forms.writer.pdf"

# 4. Two forms in one file, and the weights form alone, as Writer prints them (ruled tables).
browser_look "$FORMS/two-projects.html" "$WORK/two-projects.html"
writer_pdf "$WORK/two-projects.html" "$OUT/two-projects.writer.pdf"
report "$OUT/two-projects.writer.pdf"
browser_look "$FORMS/project-units-weights.html" "$WORK/project-units-weights.html"
writer_pdf "$WORK/project-units-weights.html" "$OUT/project-units-weights.writer.pdf"
expect_pages "$OUT/project-units-weights.writer.pdf" 1
report "$OUT/project-units-weights.writer.pdf"
# The same page turned a quarter by qpdf (/Rotate 90): a viewer shows the text sideways, as
# scanned-and-turned or driver-rotated landscape printouts come.
qpdf --rotate=+90 "$OUT/project-units-weights.writer.pdf" "$OUT/project-units-weights.writer-rotated.pdf"
report "$OUT/project-units-weights.writer-rotated.pdf"

# 4b. Forms already ruled with border="1", printed as they are: two tables one below the other
#     (the second narrower, after a blank line), and superscripts (m², ①) in value cells.
for name in stacked-tables project-scripts-ratios; do
  writer_pdf "$FORMS/$name.html" "$OUT/$name.writer.pdf"
  expect_pages "$OUT/$name.writer.pdf" 1
  report "$OUT/$name.writer.pdf"
done

# 5. The weights form through Calc: Calc's HTML import drops the borders and does not print the
#    grid, so the PDF has text and no ruling lines (and Calc's default "Sheet1" / "Page 1"
#    header and footer).
run_soffice 'HTML (StarCalc)' 'pdf:calc_pdf_Export' "$FORMS/project-units-weights.html" "$WORK/calc"
cp "$WORK/calc/project-units-weights.pdf" "$OUT/project-units-weights.calc.pdf"
expect_text "$OUT/project-units-weights.calc.pdf" 1 中小学校园无障碍环境改造项目
report "$OUT/project-units-weights.calc.pdf"
#    Two forms whose cells Calc prints centred, wrapped names and merged labels at the bottom of
#    their rows, the head of the form and the indicator table with columns of their own.
for name in eldercare-services grassroots-governance market-supervision-dept; do
  run_soffice 'HTML (StarCalc)' 'pdf:calc_pdf_Export' "$FORMS/$name.html" "$WORK/calc"
  cp "$WORK/calc/$name.pdf" "$OUT/$name.calc.pdf"
  expect_pages "$OUT/$name.calc.pdf" 1
  report "$OUT/$name.calc.pdf"
done
#    A department form printed from a ruled spreadsheet over two pages, with Calc's page header
#    and footer; every row repeats its level labels, and the last row of page 1 fills its cells
#    (fixtures/sources/culture-tourism-dept.ruled.fods, the same form as the HTML).
run_soffice 'OpenDocument Spreadsheet Flat XML' 'pdf:calc_pdf_Export' \
  fixtures/sources/culture-tourism-dept.ruled.fods "$WORK/calc-ruled"
cp "$WORK/calc-ruled/culture-tourism-dept.ruled.pdf" "$OUT/culture-tourism-dept.calc-ruled.pdf"
expect_pages "$OUT/culture-tourism-dept.calc-ruled.pdf" 2
report "$OUT/culture-tourism-dept.calc-ruled.pdf"
#    A ruled form on a sheet wider than the paper: Calc prints the columns that do not fit on a
#    page of their own (down, then across), a merged cell across the cut on both pages, each
#    page leaving out the characters beyond its paper (fixtures/sources/bus-subsidy-wide.fods,
#    the same form as office/bus-subsidy-wide.calc.xlsx).
run_soffice 'OpenDocument Spreadsheet Flat XML' 'pdf:calc_pdf_Export' \
  fixtures/sources/bus-subsidy-wide.fods "$WORK/calc-wide"
cp "$WORK/calc-wide/bus-subsidy-wide.pdf" "$OUT/bus-subsidy-wide.calc-wide.pdf"
expect_pages "$OUT/bus-subsidy-wide.calc-wide.pdf" 2
report "$OUT/bus-subsidy-wide.calc-wide.pdf"
#    A small form printed from a sheet with Calc's default alignment and no borders: text left,
#    numbers right, the 分值 header left-aligned over its right-aligned weights.
run_soffice 'OpenDocument Spreadsheet Flat XML' 'pdf:calc_pdf_Export' \
  fixtures/sources/eldercare-station-weights.plain.fods "$WORK/calc-plain"
cp "$WORK/calc-plain/eldercare-station-weights.plain.pdf" "$OUT/eldercare-station-weights.calc-plain.pdf"
expect_pages "$OUT/eldercare-station-weights.calc-plain.pdf" 1
report "$OUT/eldercare-station-weights.calc-plain.pdf"
#    A department form printed from a sheet with Calc's default alignment, top-aligned, without
#    borders (fixtures/sources/water-resources-dept.top.fods, the same form as the HTML): names
#    and level labels wrapped under the top of their rows, the block label 资金情况（万 | 元）
#    wrapped inside its bracket, the 分值 header left-aligned over right-aligned weights.
run_soffice 'OpenDocument Spreadsheet Flat XML' 'pdf:calc_pdf_Export' \
  fixtures/sources/water-resources-dept.top.fods "$WORK/calc-top"
cp "$WORK/calc-top/water-resources-dept.top.pdf" "$OUT/water-resources-dept.calc-top.pdf"
expect_pages "$OUT/water-resources-dept.calc-top.pdf" 1
report "$OUT/water-resources-dept.calc-top.pdf"
#    A department form printed from a sheet centred and top-aligned, without borders
#    (fixtures/sources/health-commission-dept.top.fods, the same form as the HTML): the head's
#    values centred beside the names' centre line, a centred paragraph across four columns.
run_soffice 'OpenDocument Spreadsheet Flat XML' 'pdf:calc_pdf_Export' \
  fixtures/sources/health-commission-dept.top.fods "$WORK/calc-top"
cp "$WORK/calc-top/health-commission-dept.top.pdf" "$OUT/health-commission-dept.calc-top.pdf"
expect_pages "$OUT/health-commission-dept.calc-top.pdf" 1
report "$OUT/health-commission-dept.calc-top.pdf"

# 6. A ruled form printed by headless Chromium. Chromium (Skia) embeds the CJK glyphs of Noto CJK
#    (CFF outlines) as Type 3 fonts, one small object per glyph; qpdf packs those objects into
#    object streams (lossless, the page content is untouched), which halves the file.
#    --no-pdf-header-footer is the current flag; older builds spell it --print-to-pdf-no-header.
#    Chromium ignores the one it does not know, so both are passed.
# print_chromium NAME [SUFFIX FLAGS…] : prints $FORMS/NAME.html to $OUT/NAME.SUFFIX.pdf (default
# suffix "chromium", no header/footer). The page is printed from a copy in the work folder, so a
# header/footer shows that temporary path, not this checkout's.
print_chromium() {
  local name="$1" suffix="${2:-chromium}" out="$WORK/chromium/$1.$suffix.pdf"
  local flags=("${@:3}")
  [[ ${#flags[@]} -eq 0 ]] && flags=(--no-pdf-header-footer --print-to-pdf-no-header)
  mkdir -p "$WORK/chromium/home" "$WORK/pages"
  cp "$FORMS/$name.html" "$WORK/pages/$name.html"
  if [[ -n "${CHROMIUM_EDIT:-}" ]]; then
    perl -0pi -e "$CHROMIUM_EDIT" "$WORK/pages/$name.html"
  fi
  if [[ -n "${CHROMIUM_CSS:-}" ]]; then
    CSS="$CHROMIUM_CSS" perl -0pi -e 's{</head>}{<style>$ENV{CSS}</style></head>}i' "$WORK/pages/$name.html"
  fi
  if ! HOME="$WORK/chromium/home" timeout 180 chromium --headless --no-sandbox --disable-gpu \
    --user-data-dir="$WORK/chromium/profile" --no-first-run \
    "${flags[@]}" --print-to-pdf="$out" \
    "file://$WORK/pages/$name.html" >"$WORK/chromium.log" 2>&1 ||
    [[ ! -s "$out" ]]; then
    cat "$WORK/chromium.log" >&2
    echo "chromium wrote no PDF for $name" >&2
    exit 1
  fi
  qpdf --object-streams=generate "$out" "$OUT/$name.$suffix.pdf"
}
# The wanyuan form: Chromium cuts table rows at the page break (part of a row on each page) and
# draws borders as 1px filled rectangles. Its 填表说明 note has text-indent:-42pt (a Word hanging
# indent without its margin), which a browser prints off the page; the copy gets that indent
# cancelled so that the note is printed, as Word prints it.
CHROMIUM_CSS='p[style*="text-indent:-"] { text-indent: 0 !important; }' print_chromium project-shanghai-wanyuan
expect_text "$OUT/project-shanghai-wanyuan.chromium.pdf" 1 上海市社区养老服务设施智慧化改造项目
report "$OUT/project-shanghai-wanyuan.chromium.pdf"
# The 40-indicator form on three A4 pages, the last page holding one row of the table.
print_chromium project-40-indicators
expect_pages "$OUT/project-40-indicators.chromium.pdf" 3
expect_text "$OUT/project-40-indicators.chromium.pdf" 3 街道社区满意度
report "$OUT/project-40-indicators.chromium.pdf"
# The same with the indicator rows in a table of their own whose header row is a <thead>:
# Chromium repeats it at the top of each page, as browsers print long tables.
CHROMIUM_EDIT='s{(<tr><td>一级指标</td>.*?</tr>)}{</table>\n<table border="1" cellspacing="0" cellpadding="4" style="width:100%"><thead>$1</thead><tbody>}s; s{</table>(?![\s\S]*</table>)}{</tbody></table>}' \
  print_chromium project-40-indicators chromium-thead
expect_pages "$OUT/project-40-indicators.chromium-thead.pdf" 3
expect_text "$OUT/project-40-indicators.chromium-thead.pdf" 3 一级指标
report "$OUT/project-40-indicators.chromium-thead.pdf"
# The same with Chromium's default header and footer on every page (date and page title at the
# top, file path and 1/3, 2/3, 3/3 at the bottom), as a user printing from a browser gets them.
print_chromium project-40-indicators chromium-header --print-to-pdf-header-footer
expect_pages "$OUT/project-40-indicators.chromium-header.pdf" 3
expect_text "$OUT/project-40-indicators.chromium-header.pdf" 3 3/3
report "$OUT/project-40-indicators.chromium-header.pdf"
# A form of one page with the same header and footer: nothing repeats across pages, the lines
# are told by what they say (the printing date and time; the file:// address and 1/1).
print_chromium project-units-weights chromium-header --print-to-pdf-header-footer
expect_pages "$OUT/project-units-weights.chromium-header.pdf" 1
expect_text "$OUT/project-units-weights.chromium-header.pdf" 1 1/1
report "$OUT/project-units-weights.chromium-header.pdf"

# 7. Bad inputs.
seed_pdf="$OUT/seed-policy-2023.writer.pdf"

# An image-only PDF, as an office scanner makes one in black-and-white mode: page 1 of the seed
# rasterised to a 1-bit bitmap at 100 dpi, wrapped by img2pdf as a CCITT G4 image on an A3 page
# (the seed's paper size; a bare bitmap carries no dpi). A grey PNG of the same page would be
# 640 KB, a grey JPEG about 250 KB.
pdftoppm -f 1 -l 1 -r 100 -mono "$seed_pdf" "$WORK/scan"
if ! img2pdf --nodate --pagesize A3 --output "$BAD/scanned.pdf" "$WORK"/scan*.pbm >"$WORK/img2pdf.log" 2>&1; then
  cat "$WORK/img2pdf.log" >&2
  exit 1
fi
if [[ -n "$(pdftotext "$BAD/scanned.pdf" - | tr -d '[:space:]')" ]]; then
  echo "$BAD/scanned.pdf has text" >&2
  exit 1
fi
report "$BAD/scanned.pdf"

# Encrypted with a user password (AES-256): cannot be opened without "shenbao".
qpdf --encrypt shenbao shenbao-owner 256 -- "$seed_pdf" "$BAD/encrypted.pdf"
if ! qpdf --requires-password "$BAD/encrypted.pdf"; then
  echo "$BAD/encrypted.pdf opens without a password" >&2
  exit 1
fi
echo "$BAD/encrypted.pdf ($(stat -c %s "$BAD/encrypted.pdf") bytes, user password shenbao)"

# Cut off after 3000 bytes: header and the start of the first objects, no xref, no trailer.
head -c 3000 "$seed_pdf" >"$BAD/truncated.pdf"
echo "$BAD/truncated.pdf ($(stat -c %s "$BAD/truncated.pdf") bytes)"

# Fonts without a Unicode mapping: the Writer PDF of the weights form, uncompressed by qpdf, every
# /ToUnicode entry deleted, the file repaired by fix-qdf and written out again by qpdf (which drops
# the CMaps nothing refers to any more). Writer embeds Noto CJK as Type 1 subsets with a built-in
# encoding of its own codes, so without ToUnicode the CJK text extracts as junk; the Latin font
# is WinAnsi, so digits and ASCII still come out.
qpdf --qdf --object-streams=disable "$OUT/project-units-weights.writer.pdf" "$WORK/unmapped.qdf.pdf"
perl -ne 'print unless m{^\s*/ToUnicode \d+ \d+ R\s*$}' "$WORK/unmapped.qdf.pdf" >"$WORK/unmapped.cut.pdf"
fix-qdf "$WORK/unmapped.cut.pdf" >"$WORK/unmapped.fixed.pdf"
qpdf "$WORK/unmapped.fixed.pdf" "$BAD/unmapped-font.pdf"
if [[ "$(pdftotext "$BAD/unmapped-font.pdf" -)" == *项目支出* ]]; then
  echo "$BAD/unmapped-font.pdf still extracts CJK text" >&2
  exit 1
fi
report "$BAD/unmapped-font.pdf"
