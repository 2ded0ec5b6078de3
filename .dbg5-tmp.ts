import { parseFull } from './server/src/service/parse';
import { readFileSync } from 'node:fs';
const base = readFileSync('/work/shared/corpus/condaforge-token-leak-2025.md', 'utf8');
const text = base.slice(0, 38) + base.slice(39);
const t = parseFull(text);
for (const c of t.children.slice(0, 13)) console.log(c.type, c.position?.start.line, c.position?.end.line, JSON.stringify(text.slice(c.position!.start.offset!, c.position!.start.offset! + 60)));
console.log(JSON.stringify(text.split('\n').slice(28, 36)));
