// Renders the record's fields as a Markdown table from the JSON Schema, for the README
// (a test checks that the README's table is exactly this one).
import { recordJsonSchema } from './schema.js';

type Node = {
  type?: string | string[];
  anyOf?: Node[];
  properties?: Record<string, Node>;
  items?: Node | Node[];
  prefixItems?: Node[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
};

function typeOf(n: Node): string {
  if (n.anyOf) return n.anyOf.map(typeOf).join(' \\| ');
  if (n.const !== undefined) return JSON.stringify(n.const);
  if (n.enum) return 'enum';
  if (n.type === 'array') return n.prefixItems ? 'tuple' : `${typeOf(n.items as Node)}[]`;
  return Array.isArray(n.type) ? n.type.join(' \\| ') : (n.type ?? 'any');
}

function objectOf(n: Node): Node | null {
  if (n.properties) return n;
  for (const a of n.anyOf ?? []) if (a.properties) return a;
  return null;
}

function describe(n: Node): string {
  return n.description ?? n.anyOf?.find((a) => a.description)?.description ?? '';
}

/** Rows `| path | type | meaning |` for every field except provenance internals. */
export function fieldTable(): string {
  const rows: string[] = ['| field | type | meaning |', '|---|---|---|'];
  const walk = (node: Node, prefix: string): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      rows.push(`| \`${path}\` | ${typeOf(child)} | ${describe(child).replace(/\|/g, '\\|')} |`);
      if (key === 'provenance') continue;
      const obj = objectOf(child);
      if (obj) walk(obj, path);
      const items =
        child.type === 'array' && !Array.isArray(child.items) ? (child.items as Node) : null;
      if (items && objectOf(items)) walk(objectOf(items)!, `${path}[]`);
    }
  };
  walk(recordJsonSchema() as Node, '');
  return rows.join('\n');
}
