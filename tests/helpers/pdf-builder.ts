// Minimal PDFs built in the tests, with correct cross-reference tables, for cases no office
// software at hand writes: CJK text in a non-embedded font through a predefined CMap
// (STSong-Light, UniGB-UCS2-H, as iText-made government PDFs have), and fillable forms (AcroForm).

/** UTF-16 hex of a string, as CID text with UniGB-UCS2-H and as a PDF text string. */
const hex = (s: string): string =>
  [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');

/** The predefined-CMap font objects: numbers 5 (Type0), 6 (CIDFont) and 7 (descriptor). */
const SONG = [
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
  '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
];

/** A PDF file of the given objects (object 1 the catalog), numbered from 1. */
export function pdfFile(objects: string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** One line of CJK text in STSong-Light, readable only through the package's CMap files. */
export function cmapPdf(text: string): Buffer {
  const content = `BT /F1 12 Tf 72 700 Td <${hex(text)}> Tj ET`;
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    ...SONG,
  ]);
}

/**
 * A fillable form: a ruled two-cell row whose label is page text and whose value is a text
 * field's value (a widget annotation); with `ticked`, also a check box before a printed option.
 */
export function formFieldPdf(label: string, value: string, ticked?: boolean): Buffer {
  const box = ticked !== undefined;
  const content = [
    '0.5 w 72 700 m 472 700 l S 72 730 m 472 730 l S',
    '72 700 m 72 730 l S 200 700 m 200 730 l S 472 700 m 472 730 l S',
    `BT /F1 12 Tf 78 710 Td <${hex(label)}> Tj ET`,
    ...(box ? [`BT /F1 12 Tf 230 680 Td <${hex('延续项目')}> Tj ET`] : []),
  ].join('\n');
  const fields = box ? '8 0 R 9 0 R' : '8 0 R';
  return pdfFile([
    `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${fields}] >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [${fields}] >>`,
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    ...SONG,
    `<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V <FEFF${hex(value)}> /Rect [202 702 470 728] /P 3 0 R /DA (/F1 12 Tf 0 g) /F 4 >>`,
    ...(box
      ? [
          `<< /Type /Annot /Subtype /Widget /FT /Btn /T (kind) /V /${ticked ? 'Yes' : 'Off'} /AS /${ticked ? 'Yes' : 'Off'} /Rect [214 678 226 690] /P 3 0 R /F 4 /MK << >> >>`,
        ]
      : []),
  ]);
}
