/**
 * [K11] targets, on the demo data set (what `npm run demo` loads: the demo city and 2,000 synthetic
 * residents), in Debian's Chromium at 1366×768:
 * - the login page's JavaScript: under 300 KB gzipped;
 * - the resident record: rendered (its fields on screen) in under 1 s, from a fresh page load of
 *   /residents/:id by a signed-in caseworker (median and worst of 15 loads, each a new page).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { appendReport, machine, nodeFlags, ROOT, startNode, waitUntilUp } from './support.js';

const PASSWORD = 'Bench-password-2026';
const LOADS = 15;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `kyosei_bench_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const base = 'http://127.0.0.1:3995';

async function main(): Promise<void> {
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: '3995',
    HOST: '127.0.0.1',
    REDIS_PREFIX: database,
    KYOSEI_DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
  };
  const cli = join(ROOT, 'dist', 'apps/cli/src/main.js');
  for (const args of [['demo:seed'], ['demo:population', '--municipality', '221309', '--size', '2000', '--if-empty']]) {
    const seed = startNode(cli, env, args);
    await new Promise((resolve) => seed.on('exit', resolve));
  }
  const api = startNode(join(ROOT, 'dist', 'apps/api/src/main.js'), env, [], nodeFlags('api'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    await waitUntilUp(`${base}/health/live`);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const ids: string[] = (
      await db.query(`SELECT id FROM resident WHERE municipality_code = '221309' ORDER BY random() LIMIT ${LOADS}`)
    ).rows.map((row) => row.id);
    await db.end();

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    const login = await context.newPage();
    const scripts: Array<Promise<Buffer>> = [];
    login.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.body());
    });
    await login.goto(`${base}/login`);
    await login.getByRole('button', { name: 'ログイン' }).waitFor();
    const loginKb = (await Promise.all(scripts)).reduce((sum, body) => sum + gzipSync(body).length, 0) / 1024;
    await login.getByLabel('メールアドレス').fill('caseworker@demo.city');
    await login.getByLabel('パスワード').fill(PASSWORD);
    await login.getByRole('button', { name: 'ログイン' }).click();
    await login.getByTestId('signed-in-as').waitFor();
    await login.close();

    const times: number[] = [];
    for (const id of ids) {
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${base}/residents/${id}`);
      await page.locator('[data-field="birthDate"]').waitFor();
      times.push(performance.now() - start);
      await page.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const worst = times[times.length - 1];
    const report = [
      `## web-ui — ${new Date().toISOString()}`,
      '',
      `Machine: ${await machine()}. Demo data set (2,000 synthetic residents), Chromium ${browser.version()}, 1366×768, API on this machine.`,
      '',
      '| measure | value | target |',
      '|---|---:|---|',
      `| login page JavaScript, gzipped | ${loginKb.toFixed(0)} KB | < 300 KB: ${loginKb < 300 ? 'met' : 'NOT met'} |`,
      `| resident record, fresh load to fields on screen (${LOADS} loads): median / worst | ${median.toFixed(0)} / ${worst.toFixed(0)} ms | < 1 s: ${worst < 1000 ? 'met' : 'NOT met'} |`,
      '',
    ].join('\n');
    await appendReport(report);
    process.stdout.write(`${report}\n`);
  } finally {
    await browser.close();
    api.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
