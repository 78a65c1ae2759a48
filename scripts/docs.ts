// Write the generated parts of the docs: the verdicts' table in docs/json.md, from CLAIM_STATUSES
// (the one place their meanings are written). `node dist/scripts/docs.js`; a test fails when the
// file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { statusesMarkdown, STATUSES_BEGIN, STATUSES_END } from '../src/report/explain.js';
import { packageRoot } from '../src/util/paths.js';

const file = join(packageRoot(), 'docs', 'json.md');
const text = readFileSync(file, 'utf8');
const [before, rest] = text.split(STATUSES_BEGIN) as [string, string | undefined];
if (rest === undefined) throw new Error(`docs: ${file} has no ${STATUSES_BEGIN}`);
const after = rest.slice(rest.indexOf(STATUSES_END));
writeFileSync(file, `${before}${STATUSES_BEGIN}\n${statusesMarkdown()}\n${after}`);
process.stdout.write(`${file}: statuses table written\n`);
