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

/** The generated TypeScript sources and where they live. */
export function generatedSources(): { path: string; text: string }[] {
  const header =
    '// Generated from the official 202205 import XSD (data/ceb/xsd/202205) by packages/ceb/scripts/generate-types.ts. Do not edit.';
  return [
    {
      path: resolve(here, 'generated/import-202205.ts'),
      text: typescriptFor(officialSchema('202205', 'import'), IMPORT_MESSAGES, header),
    },
  ];
}
