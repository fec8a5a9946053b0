/** `npm run schemas`: write the published JSON Schemas from the zod schemas they mirror. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { caseJsonSchema } from '../electron/services/case/caseJson.js';
import { ctdnaJsonSchemaText } from '../electron/services/ctdna/ctdnaJson.js';

const root = resolve(import.meta.dirname, '..');
writeFileSync(join(root, 'schemas', 'case.schema.json'), JSON.stringify(caseJsonSchema(), null, 2) + '\n');
writeFileSync(join(root, 'schemas', 'ctdna.schema.json'), ctdnaJsonSchemaText());
console.log('wrote schemas/case.schema.json and schemas/ctdna.schema.json');
