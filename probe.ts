import { extractBufferSync } from './src/pipeline.js';
const cases: Record<string, (n: number) => string> = {
  amount: (n) => `<tr><td>年度资金总额（万元）</td><td>${'1,2'.repeat(n)}</td></tr>`,
  amounttext: (n) => `<tr><td>年度资金总额（万元）</td><td>${'约 1 万 元'.repeat(n)}</td></tr>`,
  period: (n) => `<tr><td>项目期限</td><td>${'2024年1月至2025年'.repeat(n)}</td></tr>`,
  year: (n) => `<tr><td>预算年度</td><td>${'2024年'.repeat(n)}</td></tr>`,
  contact: (n) => `<tr><td>联系人及电话</td><td>${'张三 0371-1234567 '.repeat(n)}</td></tr>`,
  unitcol: (n) => `<tr><td>计量单位</td><td>${'万元/个'.repeat(n)}</td></tr>`,
  title: (n) => `<tr><td colspan=4>${'2025年度项目支出绩效目标申报表'.repeat(n)}</td></tr>`,
  goals: (n) => `<tr><td>年度目标</td><td>${'1.完成改造5公里；'.repeat(n)}</td></tr>`,
};
for (const [k, f] of Object.entries(cases)) {
  for (const n of [1000, 4000, 16000]) {
    const html = `<p>项目支出绩效目标申报表</p><table><tr><td>项目名称</td><td>甲</td></tr>${f(n)}
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>5人</td></tr></table>`;
    const t = performance.now();
    const r = extractBufferSync(Buffer.from(html), 'big.html');
    console.log(k, n, r.status, (performance.now() - t).toFixed(0), 'ms');
  }
}
