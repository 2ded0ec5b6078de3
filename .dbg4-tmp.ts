import { DocumentParser, parseFull } from './server/src/service/parse';
import { readFileSync } from 'node:fs';
function shape(node: any): any { const { position, children, ...rest } = node; const out: any = { ...rest }; if (position) out.pos = [position.start.line, position.start.column, position.start.offset, position.end.line, position.end.column, position.end.offset]; if (children) out.children = children.map(shape); return out; }
const base = readFileSync('/work/shared/corpus/'+process.argv[2], 'utf8');
for (let at = 0; at < Number(process.argv[3]); at++) for (const ins of ['', '\n', '>', '`', '<', '|', ' ', '-']) {
  const text = ins === '' ? base.slice(0, at) + base.slice(at + 1) : base.slice(0, at) + ins + base.slice(at);
  const parser = new DocumentParser();
  const a = JSON.stringify(shape(parser.parse('x', 1, text).tree)), b = JSON.stringify(shape(parseFull(text)));
  if (a !== b) { console.log('at', at, JSON.stringify(ins), JSON.stringify(text.slice(0, 300))); const A=JSON.parse(a).children,B=JSON.parse(b).children; for (let i=0;i<Math.max(A.length,B.length);i++) if (JSON.stringify(A[i])!==JSON.stringify(B[i])) { console.log(i, JSON.stringify(A[i]).slice(0,200)); console.log(i, JSON.stringify(B[i]).slice(0,200)); break; } process.exit(0); }
}
