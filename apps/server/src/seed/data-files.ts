import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** The repository's vendored data folder (see data/SOURCES.md). */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../data');

export const readJson = <T>(relative: string): T =>
  JSON.parse(readFileSync(resolve(DATA_DIR, relative), 'utf8')) as T;
export const readText = (relative: string): string =>
  readFileSync(resolve(DATA_DIR, relative), 'utf8').replace(/^\uFEFF/, '');

export const readCsv = (relative: string): Record<string, string>[] =>
  parse(readText(relative), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
