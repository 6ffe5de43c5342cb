// Temporary folders for the tests of one file, removed when that file's tests are done.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * Returns a function that makes a new temporary folder whose name starts with `prefix`. Call it at
 * the top level of a test file: the folders it made are removed after the file's last test.
 */
export function tempDirs(prefix: string): (prefixOverride?: string) => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
  });
  return async (prefixOverride?: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), prefixOverride ?? prefix));
    made.push(dir);
    return dir;
  };
}
