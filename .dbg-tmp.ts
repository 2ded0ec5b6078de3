import { DocumentParser, parseFull } from './server/src/service/parse';
import { readFileSync } from 'node:fs';
const src = readFileSync('test/unit/service/parse.test.ts','utf8');
const SAMPLE = eval('`' + src.split('const SAMPLE = `')[1]!.split('`;\n')[0] + '`');
function shape(node: any): any { const { position, children, ...rest } = node; const out: any = { ...rest }; if (position) out.pos = [position.start.line, position.start.column, position.start.offset, position.end.line, position.end.column, position.end.offset]; if (children) out.children = children.map(shape); return out; }
function rng(seed: number) { let s = seed >>> 0; return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32); }
const random = rng(7);
const alphabet = ['a', ' ', '\n', '#', '|', '-', '`', '>', '*', '1', '.', '[', ']', '<', '!', '\t'];
for (const base of [SAMPLE, SAMPLE.replace(/\n/g, '\r\n')]) { const parser = new DocumentParser(); let text = base;
for (let v = 1; v <= 60; v++) {
  const at = Math.floor(random() * (text.length + 1));
  text = random() < 0.5 && text.length > 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at);
  const a = JSON.stringify(shape(parser.parse('x', v, text).tree)), b = JSON.stringify(shape(parseFull(text)));
  if (a !== b) { console.log('v', v, 'at', at, JSON.stringify(text.slice(at-40, at+40))); const A=JSON.parse(a).children,B=JSON.parse(b).children; for (let i=0;i<Math.max(A.length,B.length);i++) if (JSON.stringify(A[i])!==JSON.stringify(B[i])) { console.log(i, JSON.stringify(A[i]).slice(0,600)); console.log(i, JSON.stringify(B[i]).slice(0,600)); break; } console.log(JSON.stringify(text.slice(-200))); break; }
}}
