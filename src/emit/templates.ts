// Files under templates/ (the manual's prose, scripts the generated repository runs), read at emit time.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// src/emit/ and dist/emit/ are both two levels below the package root.
const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

/** A template file's text, by its path under templates/ (posix). */
export function loadTemplate(rel: string): string {
  return readFileSync(fileURLToPath(new URL(rel, TEMPLATE_DIR)), 'utf8');
}
