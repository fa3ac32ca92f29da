import { AxeBuilder } from '@axe-core/playwright';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login } from './support/http.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

// The web UI in Debian's Chromium (never a downloaded browser), against the real API and worker.
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');

describe('web UI', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config, { schedules: false }), {
      logger: false,
    });
    await worker.init();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  const menu = async (page: Page) =>
    page.getByRole('navigation', { name: 'メニュー' }).getByRole('link').allTextContents();

  async function expectAccessible(page: Page, what: string): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect({ what, serious }).toEqual({ what, serious: [] });
  }

  it('has its API types generated from the API as it is now', async () => {
    const live = await (await fetch(`${base}/api/docs-json`)).json();
    const committed = JSON.parse(
      await readFile(join(import.meta.dirname, '..', 'apps', 'web', 'src', 'api', 'openapi.json'), 'utf8'),
    );
    // If this fails, run `npm run web:api-types` and commit the result.
    expect(live).toEqual(committed);
  });

  it('serves the page for any path the browser router owns, and the API 404 elsewhere', async () => {
    const page = await fetch(`${base}/residents/00000000-0000-4000-8000-000000000000`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const api = await fetch(`${base}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends a visitor to the login page, which is accessible and explains a wrong password', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    const page = await context.newPage();
    const scripts: Array<Promise<Buffer>> = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.body());
    });
    await page.goto(`${base}/residents`);
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    // The login page's JavaScript stays under 300 KB gzipped ([K11]).
    const gzipped = (await Promise.all(scripts)).reduce((sum, body) => sum + gzipSync(body).length, 0);
    expect(gzipped).toBeLessThan(300 * 1024);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectAccessible(page, 'login');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByText('メールアドレスを入力してください。').waitFor();
    await page.getByLabel('メールアドレス').fill(DEMO.caseworker);
    await page.getByLabel('パスワード').fill('not-the-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('alert').getByText('メールアドレスまたはパスワードが違います。').waitFor();
    await context.close();
  });

  it('shows each role its own menus', async () => {
    const expected: Array<[string, string[]]> = [
      [DEMO.admin, ['ダッシュボード', '監査ログ']],
      [DEMO.caseworker, ['ダッシュボード', '住民検索', '住民データ取込', '記録照合', '保険の未加入']],
      [DEMO.counselor, ['ダッシュボード', '住民検索', '記録照合', '雇用状況届出']],
      [DEMO.school, ['ダッシュボード', '住民検索']],
      [DEMO.reports, ['ダッシュボード']],
    ];
    for (const [email, menus] of expected) {
      const page = await signIn(email);
      expect({ email, menus: await menu(page) }).toEqual({ email, menus });
      await page.context().close();
    }
  });

  it('finds a resident by katakana and opens the record, in Japanese or English', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    // A fixed key: the screenshot below is the same on every run.
    const an = await createResident(caseworker, {
      residentKey: 'HMM-0001',
      familyName: 'NGUYEN',
      givenName: 'VAN AN',
      kanaName: 'グエン ヴァン アン',
      kanjiName: '阮文安',
      birthDate: '1996-02-14',
      sex: 'M',
      nationality: 'VN',
      statusCode: 'TITP_2',
      statusSubtype: 'RO',
      stayExpiryDate: '2027-01-15',
    });
    const page = await signIn(DEMO.caseworker);
    await expectAccessible(page, 'dashboard');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });
    await page.getByRole('link', { name: '住民検索' }).click();
    await page.getByLabel('氏名（ローマ字・カタカナ・漢字・通称）').fill('ｸﾞｴﾝ ｱﾝ');
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByRole('link', { name: 'NGUYEN VAN AN' }).waitFor();
    await expectAccessible(page, 'resident search');
    await page.getByRole('link', { name: 'NGUYEN VAN AN' }).click();
    await page.locator('[data-field="statusCode"]').getByText('技能実習2号 (TITP_2)').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/residents/${an.id}`);
    await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('NGUYEN VAN AN');
    await page.getByText('阮文安').first().waitFor();
    await expectAccessible(page, 'resident record');
    await page.screenshot({ path: join(SCREENSHOTS, 'resident-record.png') });
    await page.getByRole('tab', { name: '在留資格の履歴' }).click();
    await page.getByRole('cell', { name: '画面・API' }).waitFor();
    // English is one click away and stays chosen.
    await page.getByText('English').click();
    await page.getByRole('tab', { name: 'Status history' }).waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    await page.context().close();
  });

  it("edits a record with the API's rules, and explains when someone else saved first", async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, {
      familyName: 'REYES',
      givenName: 'ANA',
      birthDate: '1980-01-01',
    });
    const page = await signIn(DEMO.caseworker);
    await page.goto(`${base}/residents/${resident.id}`);
    await page.getByRole('button', { name: '編集' }).click();
    await expectAccessible(page, 'edit form');
    await page.getByLabel('郵便番号').fill('4300');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('形式が正しくありません（例：430-0929）。').waitFor();
    await page.getByLabel('郵便番号').fill('430-0929');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('保存しました。').waitFor();
    await page.locator('[data-field="postalCode"]').getByText('430-0929').waitFor();

    // Someone else saves while this clerk is editing.
    await page.getByRole('button', { name: '編集' }).click();
    const current = (await caseworker.get(`/api/v1/residents/${resident.id}`).expect(200)).body;
    await caseworker
      .patch(`/api/v1/residents/${resident.id}`, { address: '浜松市中央区1-1' })
      .set('if-match', `"${current.version}"`)
      .expect(200);
    await page.getByLabel('住所').fill('磐田市2-2');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').getByText('他の人がこの記録を変更しました。再読み込みしてください。').waitFor();
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await page.locator('[data-field="address"]').getByText('浜松市中央区1-1').waitFor();
    await page.context().close();
  });

  it('shows a PESO counselor no address and no household', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, {
      familyName: 'SANTOS',
      givenName: 'LUCAS',
      address: '浜松市中区1-1',
    });
    const page = await signIn(DEMO.counselor);
    await page.goto(`${base}/residents/${resident.id}`);
    await page.locator('[data-field="statusCode"]').waitFor();
    expect(await page.locator('[data-field="address"]').count()).toBe(0);
    expect(await page.getByRole('tab', { name: '世帯' }).count()).toBe(0);

    // The employment tab: no history yet; the counselor records a session and sees it.
    await page.getByRole('tab', { name: '就労' }).click();
    await page.getByText('就労の記録はありません。').waitFor();
    await page.getByLabel('相談日').fill('2026-11-20');
    await page.getByRole('checkbox', { name: '求職' }).check();
    await page.getByLabel('結果').fill('工場の求人を2件紹介予定');
    await page.getByRole('button', { name: '相談を記録' }).click();
    await page.getByTestId('counseling-session').getByText('工場の求人を2件紹介予定').waitFor();
    await expectAccessible(page, 'employment tab');
    await page.context().close();
  });

  it('runs a CSV import with a progress bar up to 100% and lists the rejected lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyosei-web-'));
    const file = join(dir, 'extract.csv');
    await writeFile(
      file,
      [
        'resident_key,family_name,given_name,kana_name,birth_date,sex,nationality,status_code',
        'W001,TRAN,DUC,チャン ドゥック,1993-07-07,M,VN,SSW_1',
        'W002,SILVA,ANA,シルバ アナ,1990-13-40,F,BR,LONG_TERM',
        'W003,WANG,FANG,ワン ファン,1992-09-09,F,CN,ASTRONAUT',
        '',
      ].join('\n'),
    );
    try {
      const page = await signIn(DEMO.caseworker);
      await page.getByRole('link', { name: '住民データ取込' }).click();
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByRole('button', { name: '取込開始' }).click();
      await page.getByTestId('import-status').getByText('完了').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('import-percent').textContent()).toBe('100%');
      const rows = page.getByTestId('import-errors').locator('tbody tr');
      await rows.nth(1).waitFor();
      expect(await rows.allTextContents()).toEqual([
        expect.stringContaining('3birth_date'),
        expect.stringContaining('4status_code'),
      ]);
      await page.context().close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('matches a katakana roll with a progress bar, then a person decides the unclear record', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const twins = [
      await createResident(caseworker, {
        familyName: 'PHAM',
        givenName: 'VAN HUNG',
        birthDate: '2002-08-19',
        sex: 'M',
        nationality: 'VN',
      }),
      await createResident(caseworker, {
        familyName: 'PHAM',
        givenName: 'VAN DUNG',
        birthDate: '2002-08-19',
        sex: 'M',
        nationality: 'VN',
      }),
    ];
    const dir = await mkdtemp(join(tmpdir(), 'kyosei-web-'));
    const file = join(dir, 'nhi-roll.csv');
    await writeFile(
      file,
      [
        'source_ref,kana_name,birth_date,sex',
        'N1,ファム ヴァン フン,2002-08-19,M',
        'N2,ファム ヴァン,2002-08-19,M',
        'N3,,2002-08-19,M',
        '',
      ].join('\n'),
    );
    try {
      const page = await signIn(DEMO.caseworker);
      await page.getByRole('link', { name: '記録照合' }).click();
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByRole('button', { name: '照合を開始' }).click();
      await page.getByTestId('match-status').getByText('完了').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('match-percent').textContent()).toBe('100%');
      expect(await page.getByTestId('match-counts').textContent()).toContain('照合済み 1件、要確認 1件');
      // The half name fits both twins: the reviewer sees both, with the evidence, and picks one.
      const rows = page.getByTestId('review-queue').locator('tbody tr');
      await rows.nth(1).waitFor();
      expect(await rows.count()).toBe(2);
      await expectAccessible(page, 'match review');
      const hung = rows.filter({ hasText: 'PHAM VAN HUNG' });
      await hung.getByRole('button', { name: 'この人です' }).click();
      await page.getByTestId('review-empty').waitFor();
      // The counts refresh after the review list does: wait for them rather than read once.
      await page.getByTestId('match-counts').filter({ hasText: '照合済み 2件、要確認 0件' }).waitFor();
      const [audit] = await t.dataSource.query(
        `SELECT resident_id FROM audit_event WHERE action = 'match_review.accept' ORDER BY at DESC LIMIT 1`,
      );
      expect(audit.resident_id).toBe(twins[0].id);
      await page.context().close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shows the insurance obligations with their gaps, and records a coverage period', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, {
      familyName: 'LIMA',
      givenName: 'JOAO',
      birthDate: '1988-03-03',
    });
    const page = await signIn(DEMO.caseworker);
    await page.goto(`${base}/residents/${resident.id}`);
    await page.getByRole('tab', { name: '保険' }).click();
    const nhi = page.getByTestId('obligations').locator('tr', { hasText: '国民健康保険' });
    await nhi.getByText('未加入').waitFor();
    await expectAccessible(page, 'insurance tab');

    await page.getByLabel('開始日').fill('2024-04-01');
    await page.getByRole('button', { name: '期間を記録' }).click();
    await nhi.getByText('加入済み').waitFor();
    expect(await page.getByTestId('coverage-periods').textContent()).toContain('2024-04-01 – 継続中');

    // A second open NHI period would overlap the first: refused, and said so.
    await page.getByLabel('開始日').fill('2025-01-01');
    await page.getByRole('button', { name: '期間を記録' }).click();
    await page.getByRole('alert').getByText('同じ制度の加入期間と重なっています').waitFor();

    // Ending the first period on the last day of 2024 makes room for the new one.
    await page.getByLabel('国民健康保険の最終加入日').fill('2024-12-31');
    await page.getByRole('button', { name: '終了' }).click();
    await page.getByTestId('coverage-periods').getByText('2024-04-01 – 2024-12-31').waitFor();
    await page.getByRole('button', { name: '期間を記録' }).click();
    await page.getByTestId('coverage-periods').getByText('2025-01-01 – 継続中').waitFor();

    // Employment is not on record, so EI is "unknown"; told that LIMA does not work, it is not required.
    const ei = page.getByTestId('obligations').locator('tr', { hasText: '雇用保険' });
    await ei.getByText('不明').waitFor();
    await page.getByRole('combobox', { name: '就労している' }).click();
    await page.getByRole('option', { name: 'いいえ' }).click();
    await page.getByRole('button', { name: '事実を保存' }).click();
    await page.getByText('保存しました。').waitFor();
    await ei.getByText('なし').waitFor();
    await expectAccessible(page, 'insurance facts');
    await page.context().close();
  });

  it('lists who lacks health insurance with the reason, filters it, and shows the renewal check', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const soon = new Date(Date.parse(today) + 20 * 86_400_000).toISOString().slice(0, 10);
    await createResident(caseworker, {
      familyName: 'AAQUINO',
      givenName: 'ROSA',
      birthDate: '1991-01-01',
      nationality: 'PH',
      stayExpiryDate: soon,
    });
    const page = await signIn(DEMO.caseworker);
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '保険の未加入' }).click();
    const gaps = page.getByLabel('未加入者一覧', { exact: true });
    const row = gaps.locator('tr', { hasText: 'AAQUINO ROSA' });
    await row.getByText('国民健康保険').first().waitFor();
    await expect(page.getByTestId('gap-count').textContent()).resolves.toMatch(/\d+人/);
    await expectAccessible(page, 'coverage gaps');

    // Filtering by nationality keeps her and drops the Brazilian residents.
    await page.getByLabel('国籍').fill('ph');
    await page.getByRole('button', { name: '表示' }).click();
    await page.locator('table tbody tr').filter({ hasNotText: 'PH' }).first().waitFor({ state: 'detached' });
    await row.waitFor();

    await page.getByRole('tab', { name: '更新前の確認' }).click();
    const renewal = page.getByLabel('更新前の確認', { exact: true }).locator('tr', { hasText: 'AAQUINO ROSA' });
    await renewal.getByText('保険証').waitFor();
    expect(await renewal.textContent()).toContain(soon);
    await page.context().close();
  });

  it("loads employers' reports for a PESO counselor and shows the late and the wrong ones", async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    await createResident(caseworker, {
      familyName: 'PHAN',
      givenName: 'THI HOA',
      kanaName: 'ファン ティ ホア',
      birthDate: '1997-07-07',
      nationality: 'VN',
    });
    const dir = await mkdtemp(join(tmpdir(), 'kyosei-web-'));
    const file = join(dir, 'reports.csv');
    await writeFile(
      file,
      [
        'source_ref,kana_name,birth_date,sex,report_type,event_date,ei_insured,received_on,employer_name,weekly_hours',
        'W1,ファン ティ ホア,1997-07-07,F,HIRE,2026-09-01,1,2026-10-20,遠州食品,30',
        'W2,ファン ティ ホア,1997-07-07,F,HIRE,2026-02-30,1,2026-10-20,遠州食品,30',
      ].join('\n'),
    );
    const page = await signIn(DEMO.counselor);
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '雇用状況届出' }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByTestId('report-counts').filter({ hasText: '記録 1件' }).waitFor();
    // Insured hire on 09-01 was due 10-10; received 10-20.
    const late = page.getByLabel('期限後の届出', { exact: true }).locator('tr', { hasText: 'W1' });
    await late.getByText('10日').waitFor();
    expect(await late.textContent()).toContain('2026-10-10');
    await page.getByLabel('列に誤りのある届出', { exact: true }).getByText('must be a calendar date').waitFor();
    await page.getByRole('link', { name: '期限後の届出をダウンロード（CSV）' }).waitFor();
    await expectAccessible(page, 'employer reports');
    await page.context().close();
    await rm(dir, { recursive: true, force: true });
  });
});
