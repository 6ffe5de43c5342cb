// Self-contained HTML pages (the diff report, the review page): one file, no server, no network,
// opened from a file:// URL. Every text from a form is escaped, and a Content-Security-Policy
// lets only the page's own inline script run (by its hash), so a `<script>` typed into a form
// cell can never run even if it slipped through.
import { createHash } from 'node:crypto';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML content and attribute values. */
export function esc(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);
}

const STYLE = `
:root { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1d2430; }
body { margin: 0 auto; padding: 16px 24px; max-width: 1400px; font-size: 14px; }
h1 { font-size: 20px; margin: 0 0 12px; } h2 { font-size: 16px; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #d5dae1; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
.muted { color: #6b7480; } .prov { color: #6b7480; font-size: 12px; white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
.panel { display: flex; flex-wrap: wrap; gap: 16px; margin: 12px 0 20px; }
.panel figure { margin: 0; padding: 8px 12px; border: 1px solid #d5dae1; border-radius: 6px; }
.panel figcaption { font-weight: 600; margin-bottom: 4px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; background: #e8ebef; }
.s-ok { background: #d8f0dd; } .s-failed { background: #f9d6d5; } .s-empty, .s-skipped { background: #fdf0c4; }
.sev-error { background: #f9d6d5; } .sev-warning { background: #fdf0c4; } .sev-info { background: #e3ecfa; }
tr.has-diag td { background: #fffaf0; }
details.form { border: 1px solid #d5dae1; border-radius: 6px; margin: 6px 0; padding: 4px 10px; }
details.form > summary { cursor: pointer; padding: 4px 0; }
.filters { display: flex; gap: 16px; align-items: center; padding: 8px 0; border-bottom: 1px solid #d5dae1; }
.add { color: #1a7f37; } .del { color: #b42318; } .chg { color: #9a6700; }
code, .raw { font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace; }
`;

/**
 * A page in two halves, to write a large body between them. `script` (optional) is the page's
 * only script, allowed by its sha256 in the Content-Security-Policy; nothing else runs, nothing
 * is fetched.
 */
export function pageFrame(title: string, script = ''): { head: string; tail: string } {
  const hash = createHash('sha256').update(script).digest('base64');
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data:',
    script ? `script-src 'sha256-${hash}'` : "script-src 'none'",
  ].join('; ');
  const head = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
`;
  const tail = `
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
  return { head, tail };
}

/** A whole page (see pageFrame). */
export function page(title: string, body: string, script = ''): string {
  const { head, tail } = pageFrame(title, script);
  return head + body + tail;
}

/** A horizontal bar chart as inline SVG: one bar per entry, longest first as given. */
export function barChart(
  caption: string,
  entries: readonly [string, number][],
  colour = '#4a78c2',
): string {
  const shown = entries.slice(0, 12);
  const max = Math.max(1, ...shown.map(([, n]) => n));
  const labelWidth = 150;
  const barWidth = 220;
  const row = 18;
  const height = Math.max(row, shown.length * row) + 4;
  const bars = shown
    .map(([label, n], i) => {
      const y = i * row + 2;
      const w = Math.max(1, Math.round((n / max) * barWidth));
      return (
        `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end" font-size="12">${esc(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${row - 6}" fill="${colour}"><title>${esc(label)}: ${n}</title></rect>` +
        `<text x="${labelWidth + w + 4}" y="${y + 12}" font-size="12">${n}</text>`
      );
    })
    .join('');
  const more =
    entries.length > shown.length
      ? `<div class="muted">… ${entries.length - shown.length} more</div>`
      : '';
  return `<figure><figcaption>${esc(caption)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 50}" height="${height}" role="img" aria-label="${esc(caption)}">${bars}</svg>${more}</figure>`;
}
