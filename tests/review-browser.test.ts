// The review page in a real browser (Debian's chromium driven by playwright-core): a known form's
// indicators and diagnostics are there, a filter works, and a <script> typed into a form cell is
// shown as text and never runs. One screenshot is kept in output/test-artifacts/ (git-ignored).
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { tempDirs } from './helpers/temp.js';

const tmp = tempDirs('shenbao-review-');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PLANTED = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

async function quietly(args: string[]): Promise<number> {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await main(args);
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

describe('the review page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does).`);
    }
    const input = await tmp();
    await cp('fixtures/forms/seed-policy-2023.html', path.join(input, 'seed.html'));
    // a form whose name cell holds markup, escaped in the source so the cell's text is the markup
    const seed = await readFile('fixtures/forms/seed-policy-2023.html', 'utf8');
    const escaped = PLANTED.replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;');
    await writeFile(path.join(input, 'planted.html'), seed.replace('促进就业专项资金', escaped));
    await writeFile(path.join(input, 'broken.docx'), 'PK\u0003\u0004 not really a package');
    const out = path.join(input, 'out');
    await quietly(['convert', input, '--out', out, '--jobs', '1', '--no-warehouse']);
    const html = path.join(input, 'review.html');
    expect(await quietly(['review', out, '--html', html])).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1300, height: 1600 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(html).href);
  }, 120_000);

  afterAll(async () => {
    if (page) {
      await mkdir('output/test-artifacts', { recursive: true });
      await page.screenshot({ path: 'output/test-artifacts/review.png', fullPage: false });
    }
    await browser?.close();
  });

  it('shows a known form with its indicators, parsed targets and diagnostics', async () => {
    const form = page.locator('details.form', { hasText: 'seed.html' });
    await form.locator('summary').click();
    const table = form.locator('table.indicators');
    await expect(table.locator('tbody tr').count()).resolves.toBe(16);
    const first = table.locator('tbody tr').first();
    expect(await first.innerText()).toContain('调查样本数量');
    expect(await first.innerText()).toContain('≥25000');
    expect(await first.innerText()).toMatch(/numeric\s+>=\s+25000/u);
    expect(await form.innerText()).toContain('empty_category');
    expect(await form.innerText()).toMatch(/table \d+ r\d+ c\d+/u); // provenance beside values
    // the summary panel's charts
    expect(await page.locator('.panel svg').count()).toBe(4);
    expect(await page.locator('.panel').innerText()).toContain('Indicators per level-2 code');
  });

  it('filters to the failed files, and to forms with diagnostics', async () => {
    const visible = (): Promise<string[]> =>
      page
        .locator('[data-entry]:visible')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
    expect((await visible()).length).toBe(3);
    await page.check('#f-failed');
    expect(await visible()).toEqual(['failed']);
    expect(await page.locator('#shown').innerText()).toBe('1');
    expect(await page.locator('[data-entry]:visible').innerText()).toContain('broken.docx');
    await page.uncheck('#f-failed');
    await page.fill('#f-text', 'planted');
    expect((await visible()).length).toBe(1);
    await page.fill('#f-text', '');
    await page.check('#f-diag');
    expect((await visible()).length).toBe(3);
    await page.uncheck('#f-diag');
  });

  it('shows markup typed into a form cell as text and never runs it', async () => {
    const form = page.locator('details.form', { hasText: 'planted.html' });
    expect(await form.locator('summary').innerText()).toContain(PLANTED);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
