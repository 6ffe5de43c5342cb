// Names of files and archive entries that are never inputs, wherever they are found: in a folder
// given on the command line or inside a zip archive.

/** System files that operating systems and Office leave beside documents. */
const SYSTEM_FILES = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '__macosx']);

/**
 * Dotfiles and dot folders (.DS_Store, .git), Office lock files (~$form.docx), macOS resource
 * forks (__MACOSX) and Windows thumbnail caches and folder settings (Thumbs.db, desktop.ini).
 */
export function notAnInput(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || SYSTEM_FILES.has(name.toLowerCase());
}
