// Single-file web pages (.mht, .mhtml): a MIME multipart/related message whose first text/html
// part is the page. Word saves documents this way ("single file web page"), and budget systems
// export such files named .doc. The page is taken out of its part (quoted-printable or base64
// decoded) and read as any HTML page; pictures and other parts are not needed.

/** The message headers that mark a single-file web page, in the first bytes. */
export function isMht(head: string): boolean {
  return (
    /^\s*(?:[\w-]+:[^\n]*\n)+/u.test(head) && /content-type:\s*multipart\/related/iu.test(head)
  );
}

/** Headers of a MIME part (names lower-cased, folded lines joined). */
function headers(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u)) {
    const m = /^([\w-]+)\s*:\s*(.*)$/u.exec(line);
    if (m) map.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return map;
}

/** Quoted-printable text (=E4=B8=AD, soft line breaks) as bytes. */
function quotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/gu, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    const hex = c === 0x3d ? /^[0-9A-Fa-f]{2}/u.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * The bytes of the page in a single-file web page: its first text/html part, decoded from its
 * transfer encoding; null when the message has no such part.
 */
export function mhtPage(buf: Buffer): Buffer | null {
  // MIME structure is ASCII; latin1 keeps every byte of an 8bit part as it is
  const text = buf.toString('latin1');
  const split = /\r?\n\r?\n/u.exec(text);
  if (!split) return null;
  const top = headers(text.slice(0, split.index));
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/iu.exec(top.get('content-type') ?? '')?.[1];
  if (!boundary) return null;
  for (const part of text.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break; // the closing delimiter
    const body = /\r?\n\r?\n/u.exec(part);
    if (!body) continue;
    const h = headers(part.slice(0, body.index));
    if (!/^text\/html\b/iu.test(h.get('content-type') ?? '')) continue;
    const content = part.slice(body.index + body[0].length).replace(/\r?\n$/u, '');
    const encoding = (h.get('content-transfer-encoding') ?? '').toLowerCase();
    if (encoding === 'base64') return Buffer.from(content.replace(/\s+/gu, ''), 'base64');
    if (encoding === 'quoted-printable') return quotedPrintable(content);
    return Buffer.from(content, 'latin1');
  }
  return null;
}
