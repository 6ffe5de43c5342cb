// Parses an HTML page into a domhandler tree (type, name, attribs, children, data).
//
// Two parsers give the same tree shape. htmlparser2 is about twice as fast, but it only closes
// elements; it does not apply the HTML tree-construction rules a browser (and parse5) applies to
// broken markup: text or elements loose inside a table are moved before it ("foster parenting"),
// a cell outside a row is dropped, content in <head> or after </body> goes into the body, a table
// opened directly inside a table closes the first one. The tree htmlparser2 built is checked for
// every place those rules would change something a reader sees; a page where one would is parsed
// again with parse5, so that such a page reads exactly as a browser shows it.
import { DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';

/** The parts of a domhandler node the HTML reader uses. */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/**
 * Markup the two parsers tokenise differently: raw-text elements htmlparser2 does not know (xmp,
 * noembed, noframes, plaintext), a textarea (whose entities htmlparser2 leaves undecoded),
 * framesets, `</br>` (a line break to parse5), an end tag not followed by a letter (`</>`,
 * `</ p>`: nothing or a comment to parse5, text to htmlparser2), a comment closed by `--!>`, and
 * NUL characters (dropped by parse5).
 */
const TOKENISED_APART =
  /<(?:xmp|noembed|noframes|plaintext|frameset|textarea)\b|<\/(?:br\b|[^a-z])|--!>|\0/i;

/**
 * A script holding `<!--` and then `<script`: from there the HTML rules let `</script>` appear
 * without ending the script (the "double-escaped" script state), which htmlparser2 does not
 * follow. (A plain `<!-- … //-->` around a script, as Excel writes, ends at `</script>` in both.)
 */
function escapedScript(text: string): boolean {
  if (!/<script\b/i.test(text)) return false;
  const lower = text.toLowerCase();
  const open = /<script\b/g;
  for (let m = open.exec(lower); m; m = open.exec(lower)) {
    const start = lower.indexOf('>', m.index);
    if (start < 0) return false;
    const end = lower.indexOf('</script', start);
    const body = text.slice(start + 1, end < 0 ? undefined : end);
    const comment = body.indexOf('<!--');
    if (comment >= 0 && /<script[\s/>]/.test(body.slice(comment))) return true;
    if (end < 0) return false;
    open.lastIndex = end;
  }
  return false;
}

/** Elements that may sit anywhere inside the structure of a table without being moved. */
const INERT = new Set(['script', 'style', 'template']);
/** What each part of a table may hold as elements (besides INERT); text must be blank there. */
const ALLOWED_CHILDREN: Record<string, Set<string>> = {
  table: new Set(['caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr']),
  thead: new Set(['tr']),
  tbody: new Set(['tr']),
  tfoot: new Set(['tr']),
  tr: new Set(['td', 'th']),
  colgroup: new Set(['col']),
  // in a select a browser keeps only options and their text
  select: new Set(['option', 'optgroup']),
  optgroup: new Set(['option']),
  option: new Set(),
};
/** Table parts where text that is not blank would be moved out (before the table). */
const NO_TEXT = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);
/** Where each table part must sit to be read as one. */
const ALLOWED_PARENTS: Record<string, Set<string>> = {
  td: new Set(['tr']),
  th: new Set(['tr']),
  tr: new Set(['table', 'thead', 'tbody', 'tfoot']),
  thead: new Set(['table']),
  tbody: new Set(['table']),
  tfoot: new Set(['table']),
  caption: new Set(['table']),
  colgroup: new Set(['table']),
  col: new Set(['table', 'colgroup']),
};
// prettier-ignore
const HEAD_CONTENT = new Set([
  'meta', 'link', 'title', 'style', 'script', 'base', 'noscript', 'template', 'basefont', 'bgsound',
]);

/** HTML elements that end SVG or MathML content where they appear (the rules move them out). */
// prettier-ignore
const BREAKOUT = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta',
  'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table',
  'tt', 'u', 'ul', 'var', 'font',
]);

const isElement = (n: DomNode): boolean =>
  n.type === 'tag' || n.type === 'script' || n.type === 'style';
const isBlankText = (n: DomNode): boolean =>
  n.type === 'text' && /^[ \t\n\f\r]*$/.test(n.data ?? '');
/** Nodes that never show: comments, doctype and processing instructions, CDATA. */
const isSilent = (n: DomNode): boolean =>
  n.type === 'comment' || n.type === 'directive' || n.type === 'cdata';

/**
 * Why the tree htmlparser2 built differs from what the HTML rules would build, or null when it
 * does not (as far as anything the reader uses is concerned).
 */
export function treeRuleBroken(root: DomNode): string | null {
  // around <html>, <head> and <body>: everything shown must be inside the body
  const top = (root.children ?? []).filter((n) => !isSilent(n) && !isBlankText(n));
  const html = top.find((n) => n.name === 'html');
  const levels = html ? [top, (html.children ?? []).filter((n) => !isSilent(n))] : [top];
  const hasBody = levels.some((l) => l.some((n) => n.name === 'body'));
  if (hasBody) {
    for (const level of levels) {
      const stray = level.find(
        (n) => !isBlankText(n) && n !== html && n.name !== 'head' && n.name !== 'body',
      );
      if (stray) return `content outside <body> (${stray.name ?? 'text'})`;
    }
  }
  return checkTree(root, 'root');
}

/**
 * The first place, in document order, where a child breaks the rules of its parent; an explicit
 * stack rather than recursion, so that a page nested tens of thousands deep is checked too.
 */
function checkTree(root: DomNode, rootName: string): string | null {
  const stack: { node: DomNode; parent: string; foreign: boolean; form: boolean }[] = [];
  const pushChildren = (node: DomNode, parent: string, foreign: boolean, form: boolean): void => {
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ node: children[i]!, parent, foreign, form });
  };
  pushChildren(root, rootName, false, false);
  while (stack.length > 0) {
    const { node: child, parent: name, foreign, form } = stack.pop()!;
    if (isSilent(child)) continue;
    if (!isElement(child)) {
      if (NO_TEXT.has(name) && !isBlankText(child)) return `text loose in <${name}>`;
      if (name === 'head' && !isBlankText(child)) return 'text in <head>';
      continue;
    }
    const allowed = ALLOWED_CHILDREN[name];
    const childName = child.name ?? '';
    if (foreign && BREAKOUT.has(childName)) return `<${childName}> in SVG or MathML`;
    if (allowed && !allowed.has(childName) && !INERT.has(childName))
      return `<${childName}> in <${name}>`;
    const parents = ALLOWED_PARENTS[childName];
    if (parents && !parents.has(name)) return `<${childName}> in <${name}>`;
    if (name === 'head' && !HEAD_CONTENT.has(childName)) return `<${childName}> in <head>`;
    if (childName === 'head' && name !== 'root' && name !== 'html') return '<head> inside content';
    // the rules ignore a <form> inside a form (an ASP.NET page is one form)
    if (childName === 'form' && form) return '<form> inside a form';
    if (childName === 'pre' || childName === 'listing') dropLeadingNewline(child);
    pushChildren(
      child,
      childName,
      foreign || childName === 'svg' || childName === 'math',
      form || childName === 'form',
    );
  }
  return null;
}

/** A newline right after <pre> is not content (the HTML rule parse5 applies and htmlparser2 does not). */
function dropLeadingNewline(pre: DomNode): void {
  const first = pre.children?.[0];
  if (first?.type === 'text' && first.data !== undefined)
    first.data = first.data.replace(/^\r?\n/, '');
}

/** Which parser read the page, and why the fast one was not used. */
export interface ParsedHtml {
  root: DomNode;
  parser: 'htmlparser2' | 'parse5';
  reason: string | null;
}

const TABLE_PARTS = new Set(['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);
/** The HTML "special" elements that hold content (the void ones never stay open). */
// prettier-ignore
const SPECIAL = new Set([
  'address', 'applet', 'article', 'aside', 'blockquote', 'body', 'button', 'caption', 'center',
  'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'html',
  'iframe', 'li', 'listing', 'main', 'marquee', 'menu', 'nav', 'noembed', 'noframes', 'noscript',
  'object', 'ol', 'p', 'plaintext', 'pre', 'script', 'search', 'section', 'select', 'style',
  'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr',
  'ul', 'xmp',
]);
/** Elements that bound the "scope" in which an end tag looks for the element it ends. */
const SCOPE = new Set([
  'applet',
  'caption',
  'html',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
]);

/**
 * True when an end tag that htmlparser2 let close the elements in `implied` on its way is one
 * the HTML rules would ignore or resolve otherwise: an end tag of an ordinary element (span,
 * font, b) across a block or table element, of a block element across a table, cell or other
 * scope boundary, of a table part across a nested table, or of anything across an open select.
 */
function endTagDiffers(name: string, implied: string[]): boolean {
  if (implied.length === 0) return false;
  if (implied.includes('select') && name !== 'select') return true;
  if (TABLE_PARTS.has(name)) return implied.includes('table') || implied.includes('template');
  if (SPECIAL.has(name)) return implied.some((n) => SCOPE.has(n));
  return implied.some((n) => SPECIAL.has(n));
}

/**
 * htmlparser2's tree, and the first end tag whose effect differs from the HTML rules' (see
 * endTagDiffers): htmlparser2 closes every element up to the one an end tag names.
 */
class TrackingHandler extends DomHandler {
  /** Elements closed implicitly since the last start or end tag. */
  private implied: string[] = [];
  misnested: string | null = null;

  onopentagname(): void {
    this.implied = []; // elements a start tag closes (<td> after <td>) are closed by the rules too
  }

  override onclosetag(name?: string, isImplied?: boolean): void {
    if (isImplied) this.implied.push(name ?? '');
    else {
      if (this.misnested === null && endTagDiffers(name ?? '', this.implied))
        this.misnested = `</${name}> closes <${this.implied.join('>, <')}>`;
      this.implied = [];
    }
    super.onclosetag();
  }
}

function fastTree(text: string): { root: DomNode; misnested: string | null } {
  const handler = new TrackingHandler();
  new Parser(handler).end(text);
  return { root: handler.root as unknown as DomNode, misnested: handler.misnested };
}

/** Parses a page: htmlparser2 when its tree is the one the HTML rules give, else parse5. */
export function parseHtml(text: string, force?: 'parse5'): ParsedHtml {
  const apart = TOKENISED_APART.exec(text) ?? (escapedScript(text) ? ['<script><!--'] : null);
  if (force !== 'parse5' && !apart) {
    const { root, misnested } = fastTree(text);
    const reason = misnested ?? treeRuleBroken(root);
    if (reason === null) return { root, parser: 'htmlparser2', reason: null };
    return { root: parse5Tree(text), parser: 'parse5', reason };
  }
  return {
    root: parse5Tree(text),
    parser: 'parse5',
    reason: force === 'parse5' ? 'forced' : `markup ${apart![0] === '\0' ? 'NUL' : apart![0]}`,
  };
}

function parse5Tree(text: string): DomNode {
  return parse(text, { treeAdapter: adapter }) as unknown as DomNode;
}
