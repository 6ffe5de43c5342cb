import { parseTarget } from './src/normalize/target.js';
for (const s of ['保持100%', '保持稳定', '保持在较高水平', '达到95%以上', '稳定在420万亩以上', '保持在95%以上', '控制在5%以内', '维持在100%', '稳定在95%'])
  { const r = parseTarget(s); console.log(s, r.target.kind, r.target.op, r.target.op_source, r.target.value, r.target.unit, r.notes.map(n=>n.code)); }
