// Regenerates src/generated/*.ts from the vendored official XSDs: `npx tsx packages/ceb/scripts/generate-types.ts`.
// A unit test fails when the committed files differ from what this would write.
import { writeFileSync } from 'node:fs';
import { generatedSources } from '../src/generated-sources.ts';

for (const { path, text } of generatedSources()) writeFileSync(path, text);
