import { writeFileSync } from 'node:fs';
import { syntheticStream, toJsonl } from '../test/helpers/synthetic.js';

/** Write the synthetic test stream (test/helpers/synthetic.ts) as JSON Lines: `node dist/scripts/synthetic.js N out.jsonl`. */
const [n = '24', out = 'synthetic.jsonl'] = process.argv.slice(2);
const s = syntheticStream(Number(n));
writeFileSync(out, toJsonl(s));
process.stdout.write(`${s.length} articles, ${n} events → ${out}\n`);
