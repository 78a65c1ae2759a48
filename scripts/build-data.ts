import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compiledFile } from '../src/lexicon/compiled.js';
import { compileData } from '../src/lexicon/load.js';

/**
 * `node dist/scripts/build-data.js`: prepare the data a start reads (src/lexicon/compiled.ts):
 * every lexicon of data/lexicons/en/ parsed and validated, and the cities the gazetteer keeps, into
 * dist/data/en.json. Run by `npm run build` (and `prepare`, `test`, `eval`, `bench`) after tsc.
 * Deterministic: the same sources give the same bytes.
 */
const language = process.argv[2] ?? 'en';
const data = compileData(language);
const file = compiledFile(language);
mkdirSync(dirname(file), { recursive: true });
const json = JSON.stringify(data);
writeFileSync(`${file}.tmp`, json);
renameSync(`${file}.tmp`, file);
process.stdout.write(`build-data: ${file}: ${Object.keys(data.lexicons).length} lexicons, ${data.cities.length.toLocaleString('en')} cities, ${(json.length / 1024).toFixed(0)} KB (key ${data.key})\n`);
