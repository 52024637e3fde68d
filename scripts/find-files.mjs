// Lists files under a directory whose names end with a suffix (Node 20 has no fs.glob).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} dir
 * @param {string} suffix
 * @returns {string[]} sorted relative paths
 */
export function findFiles(dir, suffix) {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}
