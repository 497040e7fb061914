import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './helpers/server.js';
import { skipBecause } from './helpers/skip.js';
import { graphiqlExamples } from '../src/server/graphiql-examples.js';

/** Debian's chromium: .ci/install-browser (npm run browser:install) installs it where missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const noBrowser = skipBecause(!existsSync(CHROMIUM), `no browser at ${CHROMIUM}: run npm run browser:install (Debian's chromium and fonts-wqy-zenhei) or set CHROMIUM_PATH`);

describe.skipIf(noBrowser)('GraphiQL in a real browser', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ people: 8 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Every GraphQL answer the page receives, to check none carries a stack trace.
    page.on('response', async (res) => {
      if (res.url().endsWith('/graphql') && res.request().method() === 'POST') seen.push(await res.text().catch(() => ''));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens with a demo key picked, the README examples as tabs, and the schema loaded without a click', async () => {
    await page.goto(`${t.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    expect(await page.inputValue('#cx-key')).toBe('demo-scorer-full');
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 10_000 }).toBe(graphiqlExamples.length);
    // The schema arrives by itself: the docs button is enabled and no fetch error is shown.
    await page.waitForFunction("!document.body.innerText.includes('Error fetching schema')", undefined, { timeout: 10_000 });
    await expect.poll(() => seen.some((s) => s.includes('"__schema"')), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.graphiql-query-editor').innerText()).toContain('420111200309120246');
  });

  it('runs the first README example and shows the answer the README gives', async () => {
    await page.click('.graphiql-execute-button');
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('陈晓雨');
    const text = await result.innerText();
    expect(text).toContain('"status": "PENDING"');
    expect(text).toContain('"isJudgment": false');
    expect(text).toContain('"judgmentDebtor": false');
    expect(text).not.toContain('errors');
  });

  it('picks another key: the regulator example runs with it; no answer carried a stack trace', async () => {
    // The third tab: the README's third example (tabs are named after operations, and these have none).
    await page.locator('.graphiql-tab').nth(2).locator('button').first().click();
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('verifyAccessLog');
    await page.selectOption('#cx-key', 'demo-regulator');
    await page.click('.graphiql-execute-button');
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('"valid": true');
    expect(await result.innerText()).toContain('Jinhe Consumer Finance');
    expect(seen.length).toBeGreaterThan(2);
    for (const body of seen) expect(body).not.toMatch(/stacktrace|node_modules|\/src\//);
  });

  it('opens the docs: the root types and their descriptions', async () => {
    await page.click('[aria-label="Show Documentation Explorer"]');
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.waitFor({ timeout: 10_000 });
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(() => docs.innerText(), { timeout: 10_000 }).toContain('What can be read');
    await docs.getByText('person', { exact: true }).first().click();
    await expect.poll(() => docs.innerText(), { timeout: 10_000 }).toContain('caseReference');
  });
});
