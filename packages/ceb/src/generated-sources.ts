import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { officialSchema } from './schemas.ts';
import { typescriptFor } from './xsd/typescript.ts';

const here = dirname(fileURLToPath(import.meta.url));

export const IMPORT_MESSAGES = [
  'CEB311Message',
  'CEB312Message',
  'CEB411Message',
  'CEB412Message',
  'CEB511Message',
  'CEB512Message',
  'CEB513Message',
  'CEB514Message',
  'CEB621Message',
  'CEB622Message',
  'CEB623Message',
  'CEB624Message',
  'CEB625Message',
  'CEB626Message',
  'CEB711Message',
  'CEB712Message',
  'CEB816Message',
  'CEB818Message',
  'CEB900Message',
];

/**
 * Every root element of the 202205 export XSD (ceb-reference §3.2; spec 202205 ch. 2): the enterprise messages,
 * their receipts, and the CEB792 summary result customs sends. The XSD declares no CEB900 of its own.
 */
export const EXPORT_MESSAGES = [
  'CEB303Message',
  'CEB304Message',
  'CEB403Message',
  'CEB404Message',
  'CEB505Message',
  'CEB506Message',
  'CEB507Message',
  'CEB508Message',
  'CEB509Message',
  'CEB510Message',
  'CEB603Message',
  'CEB604Message',
  'CEB605Message',
  'CEB606Message',
  'CEB607Message',
  'CEB608Message',
  'CEB701Message',
  'CEB702Message',
  'CEB792Message',
  'CEB213Message',
  'CEB214Message',
  'CEB215Message',
  'CEB216Message',
];

const header = (direction: 'import' | 'export') =>
  `// Generated from the official 202205 ${direction} XSD (data/ceb/xsd/202205) by packages/ceb/scripts/generate-types.ts. Do not edit.`;

/** The generated TypeScript sources and where they live. */
export function generatedSources(): { path: string; text: string }[] {
  return [
    {
      path: resolve(here, 'generated/import-202205.ts'),
      text: typescriptFor(officialSchema('202205', 'import'), IMPORT_MESSAGES, header('import')),
    },
    {
      path: resolve(here, 'generated/export-202205.ts'),
      text: typescriptFor(officialSchema('202205', 'export'), EXPORT_MESSAGES, header('export')),
    },
  ];
}
