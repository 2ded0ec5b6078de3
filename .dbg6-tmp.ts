import { parseFull } from './server/src/service/parse';
for (const t of ['---\na\n\n- x\n', '---\na\n\n## h\n\n- x\n', '---\n\n- x\n- y\n', '+++\nb\n\n- x\n','---\n---\n\n- x\n']) console.log(JSON.stringify(t), parseFull(t).children.map(c => c.type).join(','));
