// Expands the command line's inputs into files, each with the path recorded in source.file:
// relative to the folder given (recursive, sorted), or the file's own name for a file given.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface InputFile {
  /** Absolute path on disk. */
  abs: string;
  /** Path relative to the input root, with forward slashes. */
  rel: string;
}

/** Dotfiles (.DS_Store, .gitkeep) and Office lock files (~$form.docx) are not inputs. */
function ignored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$');
}

async function walk(root: string, dir: string, out: InputFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (ignored(e.name)) continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) await walk(root, abs, out);
    else if (e.isFile() || (e.isSymbolicLink() && (await stat(abs)).isFile())) {
      out.push({ abs, rel: path.relative(root, abs).split(path.sep).join('/') });
    }
  }
}

function byPath(a: InputFile, b: InputFile): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0;
}

/** Files of all inputs, deterministic order; throws for an input that does not exist. */
export async function collectInputs(inputs: string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    const st = await stat(abs);
    if (st.isDirectory()) await walk(abs, abs, files);
    else files.push({ abs, rel: path.basename(abs) });
  }
  const seen = new Set<string>();
  return files.sort(byPath).filter((f) => (seen.has(f.abs) ? false : (seen.add(f.abs), true)));
}
