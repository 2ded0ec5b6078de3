import { DocumentParser, parseFull } from './server/src/service/parse';
import { readFileSync, readdirSync } from 'node:fs';
function shape(node: any): any { const { position, children, ...rest } = node; const out: any = { ...rest }; if (position) out.pos = [position.start.line, position.start.column, position.start.offset, position.end.line, position.end.column, position.end.offset]; if (children) out.children = children.map(shape); return out; }
function rng(seed: number) { let s = seed >>> 0; return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32); }
const CORPUS='/work/shared/corpus'; const random = rng(Number(process.argv[2]||3));
const alphabet = ['a', ' ', '\n', '\n', '\n', '#', '|', '-', '`', '>', '*', '1', '.', '[', ']', '<', '!', '\t', '~', '+', ':', '    ', '```\n', '<!--', '-->'];
let fails=0;
outer: for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  let text = readFileSync(CORPUS+'/'+file, 'utf8'); const parser = new DocumentParser(); parser.parse(file,0,text);
  for (let v = 1; v <= 40; v++) {
    const at = Math.floor(random() * text.length);
    text = random()<0.4 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + alphabet[Math.floor(random()*alphabet.length)] + text.slice(at);
    const a = JSON.stringify(shape(parser.parse(file, v, text).tree)), b = JSON.stringify(shape(parseFull(text)));
    if (a !== b) { fails++; console.log(file, 'v', v, 'at', at, JSON.stringify(text.slice(at-100, at+60))); const A=JSON.parse(a).children,B=JSON.parse(b).children; for (let i=0;i<Math.max(A.length,B.length);i++) if (JSON.stringify(A[i])!==JSON.stringify(B[i])) { console.log(i, JSON.stringify(A[i]).slice(0,200)); console.log(i, JSON.stringify(B[i]).slice(0,200)); break; } continue outer; }
  }
}
console.log('fails', fails);
