import { readStamp } from './dist/src/clean/byline.js';
import { readFileSync } from 'node:fs';
const a = JSON.parse(readFileSync('/tmp/exp/ECB.json','utf8'));
let n=0, miss=new Set();
for (const x of a) { const ls=x.rawText.split('\n').map(s=>s.trim()).filter(Boolean).slice(0,5); let got=false; for (const l of ls) { const s = readStamp(l); if (s) { got=true; if (n++%9===0) console.log(JSON.stringify(l), s); } else if (l.split(/\s+/).length<=12 && /\b(19|20)\d\d\b|\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{2}/.test(l)) miss.add(l); } }
console.log('stamps', n); console.log([...miss].slice(0,60).join('\n'));
