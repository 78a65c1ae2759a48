import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findParagraphs } from './dist/src/annotate/sentences/paragraphs.js';
import { subheads } from './dist/src/annotate/sentences/subheads.js';
const root = '../shared/corpus';
let files = 0, hits = 0; const ex = [];
function walk(d) { for (const f of readdirSync(d)) { const p = join(d, f); const st = statSync(p); if (st.isDirectory()) walk(p); else if (/\.(txt|json|jsonl)$/.test(f) && st.size < 5e6) yield_(p); } }
function yield_(p) {
  let texts = [];
  const raw = readFileSync(p, 'utf8');
  if (p.endsWith('.txt')) texts = [raw];
  else if (p.endsWith('.jsonl')) texts = raw.split('\n').filter(Boolean).map(l => { try { const o = JSON.parse(l); return o.text ?? o.maintext ?? o.body ?? ''; } catch { return ''; } });
  else { try { const o = JSON.parse(raw); const arr = Array.isArray(o) ? o : [o]; texts = arr.map(x => (x && (x.text ?? x.maintext ?? x.body)) || '').filter(t => typeof t === 'string'); } catch {} }
  for (const t of texts) { files++; const ps = findParagraphs(t); for (const i of subheads(t, ps)) { hits++; if (ex.length < 60) ex.push(`${p.replace(root,'')}: ${t.slice(ps[i].start, ps[i].end)}`); } }
}
for (const d of process.argv.slice(2)) walk(join(root, d));
console.log({ files, hits }); console.log(ex.join('\n'));
