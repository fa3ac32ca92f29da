import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { QueueName, schoolYearOf } from '@app/platform';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ReportsProcessor } from '@app/reports';
import type { Job, Queue } from 'bullmq';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { createCity, createUser, DEMO, seedDemo } from './factories/identity.js';
import { createResident } from './factories/residents.js';
import { login, type SignedIn } from './support/http.js';
import { waitFor } from './support/processes.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

// The web UI in Debian's Chromium (never a downloaded browser), against the real API and worker.
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '..', 'docs', 'screenshots');
/** A date in the offices' calendar (Asia/Tokyo), `days` from today. */
const officeDate = (days = 0) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** This school year (from 1 April), and the birth date of a child in `grade` (1–9 counted from elementary entry). */
const schoolYear = schoolYearOf(officeDate());
const bornForGrade = (grade: number) => `${schoolYear - 6 - grade}-09-15`;
/** The MEXT survey's categories, which add up to its total. */
const SURVEY_CATEGORIES = [
  'ENROLLED_COMPULSORY',
  'ENROLLED_FOREIGN_SCHOOL',
  'NOT_ENROLLED',
  'MOVED_OR_LEFT',
  'UNCONFIRMED',
  'NOT_TRACKED',
];

/** What the accessibility check reads of a page's running animations (the tests' types have no DOM). */
type SettlingAnimation = { playState: string; effect: { getTiming(): { iterations?: number } } | null };

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

  /**
   * The whole page in one picture: a taller window (a full-page capture garbles the fixed header and
   * menu). Pages that show today's date or the time are taken only when missing or when
   * UPDATE_SCREENSHOTS=1, so that a test run leaves the checkout as it found it.
   */
  async function tallScreenshot(page: Page, name: string, height: number, dated = false): Promise<void> {
    if (dated && !retake(name)) return;
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: viewport.width, height });
    await page.screenshot({ path: join(SCREENSHOTS, name) });
    await page.setViewportSize(viewport);
  }

  /** Whether to take a dated picture (see tallScreenshot): only when missing or asked for. */
  const retake = (name: string) => Boolean(process.env.UPDATE_SCREENSHOTS) || !existsSync(join(SCREENSHOTS, name));

  /**
   * Waits until the worker has opened these alerts about the resident and has no evaluation left to
   * run, so that a page shows every alert the change caused.
   */
  async function alertsOpened(who: SignedIn, residentId: string, rules: string[]): Promise<void> {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.alerts), { strict: false });
    await waitFor(
      async () => {
        const open: Array<{ ruleCode: string }> = (await who.get(`/api/v1/alerts?residentId=${residentId}`).expect(200))
          .body.items;
        const pending = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        return (
          rules.every((rule) => open.some((alert) => alert.ruleCode === rule)) &&
          Object.values(pending).every((count) => count === 0)
        );
      },
      15_000,
      `alerts ${rules.join(', ')}`,
    );
  }

  /**
   * 掛川市: a board of education and a caseworker of their own for the schooling tests, so that the
   * roster, the survey and the guide hold these tests' children only, whichever of them run.
   */
  let kakegawa: Promise<{ school: string; caseworker: string }> | undefined;
  const schoolingOffice = () =>
    (kakegawa ??= (async () => {
      const city = await createCity(t, '222135', '掛川市');
      return {
        school: (await createUser(t, city.id, ['SCHOOL_OFFICER'])).email,
        caseworker: (await createUser(t, city.id, ['CITY_CASEWORKER'])).email,
      };
    })());

  const openMenu = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name, exact: true }).click();

  async function expectAccessible(page: Page, what: string): Promise<void> {
    // Colours are checked as they settle: in the middle of a transition (a button leaving its
    // loading state on a slow machine) a label is still half transparent.
    // (Endless ones, a spinner, are left alone.)
    await page.waitForFunction(() =>
      (globalThis as unknown as { document: { getAnimations(): SettlingAnimation[] } }).document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    );
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
      [DEMO.admin, ['ダッシュボード', '統計レポート', 'レポートの実行状況', '監査ログ', 'アクセス記録の開示']],
      [
        DEMO.caseworker,
        [
          'ダッシュボード',
          'アラート',
          '住民検索',
          '住民データ取込',
          '記録照合',
          '保険の未加入',
          '日本語教室',
          'オリエンテーション',
          '就学',
          '就学状況等調査',
          'ケース',
          '紹介の受付',
        ],
      ],
      [DEMO.counselor, ['ダッシュボード', 'アラート', '住民検索', '記録照合', '雇用状況届出', 'ケース', '紹介の受付']],
      [DEMO.school, ['ダッシュボード', 'アラート', '住民検索', '就学', '就学状況等調査', '学校', '就学案内']],
      [DEMO.reports, ['ダッシュボード', '就学状況等調査', '統計レポート']],
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
    // Every alert his record opens, before the pages that show them (and their dates: pictures taken on request).
    await alertsOpened(caseworker, an.id, ['NO_HEALTH_COVERAGE', 'NO_PENSION_COVERAGE']);
    const page = await signIn(DEMO.caseworker);
    await page.getByTestId('alert-counts').getByRole('link', { name: '健康保険の加入がありません' }).waitFor();
    await expectAccessible(page, 'dashboard');
    if (retake('dashboard.png')) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });
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
    await page.getByTestId('alert-list').getByText('年金の加入がありません', { exact: true }).waitFor();
    await expectAccessible(page, 'resident record');
    if (retake('resident-record.png')) await page.screenshot({ path: join(SCREENSHOTS, 'resident-record.png') });
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

  it('lets a caseworker create a course, enroll residents (the second waits) and take attendance', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    for (const [givenName, kanaName] of [
      ['BRUNO', 'フェレイラ ブルーノ'],
      ['CARLA', 'フェレイラ カルラ'],
    ]) {
      await createResident(caseworker, { familyName: 'FERREIRA', givenName, kanaName, birthDate: '1994-04-04' });
    }
    const today = officeDate();
    const page = await signIn(DEMO.caseworker);
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '日本語教室' }).click();
    await page.getByRole('button', { name: '新しい教室を登録' }).click();
    await page.getByLabel('教室名').fill('やさしい日本語 入門（土曜）');
    await page.getByLabel('実施団体').fill('浜松国際交流協会');
    await page.getByLabel('開始日').fill(today);
    await page.getByLabel('終了日').fill(officeDate(60));
    await page.getByLabel('定員').fill('1');
    await expectAccessible(page, 'course form');
    await page.getByRole('button', { name: '教室を登録', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'やさしい日本語 入門（土曜）' }).waitFor();

    // One place: the first is enrolled, the second waits first in line.
    await page.getByLabel('受講登録する住民を検索').fill('FERREIRA');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByRole('button', { name: '受講登録: FERREIRA BRUNO' }).click();
    await page.getByRole('status').getByText('FERREIRA BRUNOさんを受講登録しました。').waitFor();
    await page.getByRole('button', { name: '受講登録: FERREIRA CARLA' }).click();
    await page.getByText('満員のため、FERREIRA CARLAさんを待機リストの1番目に登録しました。').waitFor();
    const roster = page.getByTestId('course-roster');
    const bruno = roster.locator('tr', { hasText: 'FERREIRA BRUNO' });
    await bruno.getByText('受講中').waitFor();
    await roster.locator('tr', { hasText: 'FERREIRA CARLA' }).getByText('待機中').waitFor();

    // A class day today, and its attendance from the checklist.
    const addSession = page.getByRole('form', { name: '授業日を追加' });
    await addSession.getByLabel('授業日').fill(today);
    await addSession.getByLabel('内容').fill('自己紹介');
    await page.getByRole('button', { name: '授業日を追加' }).click();
    await page.getByRole('button', { name: `出欠を取る: ${today}` }).click();
    await page.getByTestId('attendance-sheet').getByText('FERREIRA BRUNO').waitFor();
    await page.getByRole('button', { name: '出欠を保存' }).click();
    await page.getByText('1人の出欠を記録しました。').waitFor();
    await bruno.getByText('1/1回（100%）').waitFor();
    await expectAccessible(page, 'course');
    await tallScreenshot(page, 'course.png', 1600, true);

    // Bruno withdraws: Carla gets his place.
    await page.getByRole('button', { name: '退講: FERREIRA BRUNO' }).click();
    await page.getByLabel('理由（退講）').fill('転居のため');
    await page.getByRole('button', { name: '退講を確定' }).click();
    await page.getByText('空いた席にFERREIRA CARLAさんが待機リストから繰り上がりました。').waitFor();
    await roster.locator('tr', { hasText: 'FERREIRA CARLA' }).getByText('受講中').waitFor();
    await page.context().close();
  }, 60_000);

  it('records a proficiency level with the levels of its framework', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, { familyName: 'BATBAYAR', givenName: 'ODON' });
    const page = await signIn(DEMO.caseworker);
    await page.goto(`${base}/residents/${resident.id}`);
    await page.getByRole('tab', { name: '日本語' }).click();
    await page.getByText('日本語能力の判定記録はまだありません。').waitFor();
    // N3 is a JLPT level; switching to the reference framework leaves no level chosen.
    await page.getByRole('combobox', { name: 'レベル' }).click();
    await page.getByRole('option', { name: 'N3' }).click();
    await page.getByRole('combobox', { name: '枠組み' }).click();
    await page.getByRole('option', { name: '日本語教育の参照枠（A1〜C2）' }).click();
    await page.getByLabel('判定日').fill('2026-03-01');
    await page.getByRole('button', { name: '判定を記録' }).click();
    await page.getByText('日本語教育の参照枠（A1〜C2）のレベルを選んでください（A1、A2、B1、B2、C1、C2）。').waitFor();
    await page.getByRole('combobox', { name: 'レベル' }).click();
    expect(await page.getByRole('option', { name: 'N3' }).count()).toBe(0);
    await page.getByRole('option', { name: 'B1' }).click();
    await page.getByRole('button', { name: '判定を記録' }).click();
    await page.getByTestId('latest-levels').getByText('B1').waitFor();
    await expectAccessible(page, 'language tab');
    await page.context().close();
  });

  it('opens a case with a sensitive note, lists it, and explains when someone else changed it', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, {
      familyName: 'GURUNG',
      givenName: 'ASHA',
      birthDate: '1999-09-09',
    });
    const page = await signIn(DEMO.caseworker);
    await page.goto(`${base}/residents/${resident.id}`);
    await page.getByRole('tab', { name: 'ケースと同意' }).click();
    await page.getByText('あなたの事務所が見られるケースはありません。').waitFor();
    await page.getByRole('combobox', { name: '分類' }).click();
    await page.getByRole('option', { name: '住まい' }).click();
    await page.getByLabel('件名').fill('アパートの契約更新の相談');
    await page.getByRole('button', { name: 'ケースを開く', exact: true }).click();
    await page.getByTestId('case-list').getByText('アパートの契約更新の相談').waitFor();
    await expectAccessible(page, 'cases tab');
    await page.getByRole('status').getByRole('link', { name: 'アパートの契約更新の相談' }).click();
    await page.getByRole('heading', { level: 2, name: 'アパートの契約更新の相談' }).waitFor();

    await page.getByLabel('記録の内容').fill('本人から体調について相談あり。通院先を案内した。');
    await page.getByRole('checkbox', { name: '要配慮の記録にする' }).check();
    await page.getByRole('button', { name: '記録を追加' }).click();
    const note = page.getByTestId('case-note').filter({ hasText: '通院先を案内した' });
    await note.getByText('要配慮').waitFor();
    expect(await note.getAttribute('data-sensitivity')).toBe('SENSITIVE');
    await page.getByTestId('case-timeline').getByText('要配慮').waitFor();
    await expectAccessible(page, 'case');
    await tallScreenshot(page, 'case.png', 1400, true);

    // Someone else raises the priority while this clerk changes the status.
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    const current = (await caseworker.get(`/api/v1/cases/${caseId}`).expect(200)).body;
    await caseworker.patch(`/api/v1/cases/${caseId}`, { version: current.version, priority: 'HIGH' }).expect(200);
    await page.getByRole('combobox', { name: '状態' }).click();
    await page.getByRole('option', { name: '回答待ち' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').getByText('他の人がこの記録を変更しました。再読み込みしてください。').waitFor();
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await page.getByRole('heading', { level: 2 }).locator('..').getByText('高', { exact: true }).waitFor();

    // The case is in the clerk's own list.
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'ケース' }).click();
    const row = page.getByTestId('case-list').locator('tr', { hasText: 'アパートの契約更新の相談' });
    await row.getByText('GURUNG ASHA').waitFor();
    await expectAccessible(page, 'case list');
    await page.context().close();
  }, 60_000);

  it("shows a PESO counselor the resident's Japanese but not the city's cases", async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, { familyName: 'RAI', givenName: 'SUMAN' });
    await caseworker
      .post(`/api/v1/residents/${resident.id}/proficiency-assessments`, {
        framework: 'JLPT',
        level: 'N4',
        assessedOn: '2026-01-10',
      })
      .expect(201);
    await caseworker
      .post('/api/v1/cases', { residentId: resident.id, category: 'DEBT', title: '市の債務相談（非公開）' })
      .expect(201);
    const page = await signIn(DEMO.counselor);
    await page.goto(`${base}/residents/${resident.id}`);
    await page.getByRole('tab', { name: '日本語' }).click();
    await page.getByTestId('latest-levels').getByText('N4').waitFor();
    // Counselors read the level; recording one is the city's.
    expect(await page.getByRole('button', { name: '判定を記録' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'オリエンテーション' }).click();
    await page.getByText('登録・出席した開催回はありません。').waitFor();
    await page.getByRole('tab', { name: 'ケースと同意' }).click();
    await page.getByText('あなたの事務所が見られるケースはありません。').waitFor();
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'ケース' }).click();
    await page.getByText('該当するケースはありません。').waitFor();
    const officeWide = page.waitForResponse(
      (response) => response.url().includes('/api/v1/cases?') && !response.url().includes('mine=true'),
    );
    await page.getByText('事務所全体', { exact: true }).click();
    expect((await officeWide).status()).toBe(200);
    await page.getByText('該当するケースはありません。').waitFor();
    expect(await page.getByText('市の債務相談（非公開）').count()).toBe(0);
    await page.context().close();
  });

  it("refers a case to the PESO with consent and sees it from the PESO counselor's login", async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    // The offices the city works with are offered by name.
    const pesoOffice = 'ハローワーク浜松 (Hello Work Hamamatsu)（ハローワーク）';
    const resident = await createResident(caseworker, {
      familyName: 'TAMANG',
      givenName: 'BIKASH',
      birthDate: '1994-04-04',
      nationality: 'NP',
      preferredLanguage: 'ne',
    });
    const page = await signIn(DEMO.caseworker);
    await page.goto(`${base}/residents/${resident.id}`);
    await page.getByRole('tab', { name: 'ケースと同意' }).click();

    // The resident agrees to share with the PESO office for employment support.
    const consent = page.getByRole('form', { name: '同意を記録' });
    await consent.getByRole('combobox', { name: /共有先の機関/ }).click();
    await page.getByRole('option', { name: pesoOffice }).click();
    await consent.getByLabel('同意書の番号').fill('同意-2026-0042');
    await consent.getByLabel('説明した言語').fill('ne');
    await consent.getByRole('button', { name: '同意を記録' }).click();
    await page
      .getByTestId('consents')
      .locator('tr', { hasText: '就労支援' })
      .getByText('有効', { exact: true })
      .waitFor();

    await page.getByRole('combobox', { name: '分類' }).click();
    await page.getByRole('option', { name: '求職' }).click();
    await page.getByLabel('件名').fill('製造業での就職を希望');
    await page.getByRole('button', { name: 'ケースを開く', exact: true }).click();
    await page.getByRole('status').getByRole('link', { name: '製造業での就職を希望' }).click();
    await page.getByRole('heading', { level: 2, name: '製造業での就職を希望' }).waitFor();

    // The consent in force fills in the office and the purpose.
    const refer = page.getByRole('form', { name: '他の機関へ紹介' });
    await refer.getByRole('button', { name: `就労支援 → ${pesoOffice}` }).click();
    // The office list may still be loading when the button is pressed: wait for the name to show.
    const office = refer.getByRole('combobox', { name: /紹介先の機関/ });
    for (let tries = 0; tries < 100 && (await office.inputValue()) !== pesoOffice; tries += 1) {
      await page.waitForTimeout(100);
    }
    expect(await office.inputValue()).toBe(pesoOffice);
    await refer.getByLabel('紹介先へのメッセージ').fill('フォークリフトの資格あり。日勤を希望。');
    await refer.getByRole('button', { name: '紹介する' }).click();
    await refer.getByRole('status').getByText('紹介を送りました。').waitFor();
    await page.getByTestId('case-timeline').getByText('紹介を送付').waitFor();
    await page.getByRole('heading', { level: 2 }).locator('..').getByText('紹介中', { exact: true }).waitFor();
    await expectAccessible(page, 'case referred');
    await page.context().close();

    // The counselor finds it among the incoming referrals, accepts it and opens the case.
    const peso = await signIn(DEMO.counselor);
    await openMenu(peso, '紹介の受付');
    const row = peso.getByTestId('referrals').locator('tr', { hasText: 'フォークリフトの資格あり' });
    await row.getByText('回答待ち').waitFor();
    await row.getByText('受け入れると開けます').waitFor();
    await expectAccessible(peso, 'incoming referrals');
    await row.getByRole('button', { name: '受け入れる' }).click();
    await row.getByText('受け入れ', { exact: true }).waitFor();
    await row.getByRole('link', { name: 'ケースを開く' }).click();
    await peso.getByRole('heading', { level: 2, name: '製造業での就職を希望' }).waitFor();
    await peso.getByText('紹介を受けたケース').waitFor();
    expect(await peso.getByRole('link', { name: 'TAMANG BIKASH' }).getAttribute('href')).toBe(
      `/residents/${resident.id}`,
    );
    await peso.getByTestId('case-timeline').getByText('紹介の受け入れ').waitFor();
    await expectAccessible(peso, 'referred case');
    await peso.context().close();
  }, 60_000);

  it('schedules an orientation session, lists a newcomer to invite, and records attendance', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    await createResident(caseworker, {
      familyName: 'KHANAL',
      givenName: 'RAM',
      kanaName: 'カナル ラム',
      preferredLanguage: 'ne',
      movedInOn: officeDate(-10),
    });
    const page = await signIn(DEMO.caseworker);
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'オリエンテーション' }).click();
    await page.getByRole('tab', { name: '転入者への案内リスト' }).click();
    await page
      .getByTestId('newcomer-invitations')
      .locator('tr', { hasText: 'KHANAL RAM' })
      .getByText('ネパール語')
      .waitFor();
    await page.getByRole('link', { name: '案内リストをダウンロード（CSV）' }).waitFor();
    await expectAccessible(page, 'newcomers');

    await page.getByRole('tab', { name: '開催回' }).click();
    await page.getByRole('button', { name: '開催回を登録' }).click();
    await page.getByLabel('開催日').fill(officeDate());
    await page.getByLabel('会場').fill('浜松市役所 北館 101会議室');
    await page.getByRole('checkbox', { name: '健康保険' }).check();
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.getByLabel('参加登録する住民を検索').fill('KHANAL');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByRole('button', { name: '参加登録: KHANAL RAM' }).click();
    const entry = page.getByTestId('orientation-roster').locator('tr', { hasText: 'KHANAL RAM' });
    await entry.getByText('参加登録').waitFor();
    await page.getByRole('button', { name: '出席: KHANAL RAM' }).click();
    await entry.getByText('出席', { exact: true }).first().waitFor();
    await page.getByText('KHANAL RAMさん：出席を記録しました。').waitFor();
    await expectAccessible(page, 'orientation session');
    await page.context().close();
  });

  it('shows an administrator who saw a resident record, when, and why', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, { familyName: 'SOUZA', givenName: 'DIEGO' });
    await caseworker.get(`/api/v1/residents/${resident.id}`).expect(200);
    const page = await signIn(DEMO.admin);
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'アクセス記録の開示' }).click();
    await page.getByLabel('住民ID').fill(resident.id);
    await page.getByRole('button', { name: '表示' }).click();
    await page.getByTestId('access-disclosure').getByText('住民記録の閲覧').first().waitFor();
    await expectAccessible(page, 'access disclosure');
    await page.context().close();
  });

  it('counts the open alerts on the dashboard, and lets a caseworker acknowledge, dismiss and resolve them', async () => {
    // An office of its own (磐田市): its counts and lists hold this test's alerts only, whatever ran before.
    const city = await createCity(t, '222119', '磐田市');
    const email = (await createUser(t, city.id, ['CITY_CASEWORKER'])).email;
    const caseworker = await login(t.http, email);
    const resident = await createResident(caseworker, { familyName: 'MENDES', givenName: 'PAULO' });
    await alertsOpened(caseworker, resident.id, ['NO_HEALTH_COVERAGE', 'NO_PENSION_COVERAGE']);

    const page = await signIn(email);
    const counts = page.getByTestId('alert-counts');
    for (const title of ['健康保険の加入がありません', '年金の加入がありません']) {
      await counts.locator('tr', { hasText: title }).getByText('1件').waitFor();
    }
    expect(await counts.locator('tbody tr').count()).toBe(2);
    await expectAccessible(page, 'dashboard alerts');

    // A count opens the alerts page for its rule.
    await counts.getByRole('link', { name: '健康保険の加入がありません' }).click();
    const list = page.getByTestId('alert-list');
    const health = list.locator('tr', { hasText: '健康保険の加入がありません' });
    await health.getByText('未確認').waitFor();
    expect(new URL(page.url()).searchParams.get('ruleCode')).toBe('NO_HEALTH_COVERAGE');
    expect(await list.locator('tbody tr').count()).toBe(1);
    expect(await health.getByRole('link', { name: 'MENDES PAULO' }).getAttribute('href')).toBe(
      `/residents/${resident.id}`,
    );
    await expectAccessible(page, 'alerts');
    await health.getByRole('button', { name: '確認済みにする: 健康保険の加入がありません' }).click();
    await page.getByRole('status').getByText('「健康保険の加入がありません」を確認済みにしました。').waitFor();
    await health.getByText('確認済み', { exact: true }).waitFor();

    // Dismissing asks why, and refuses no reason as the API would.
    await page.getByRole('combobox', { name: '種類' }).click();
    await page.getByRole('option', { name: '年金の加入がありません', exact: true }).click();
    const pension = list.locator('tr', { hasText: '年金の加入がありません' });
    await pension.getByRole('button', { name: '対応不要にする: 年金の加入がありません' }).click();
    const dialog = page.getByRole('dialog', { name: 'アラートを対応不要にする' });
    await dialog.getByRole('button', { name: '対応不要にする', exact: true }).click();
    await dialog.getByText('対応不要とする理由を入力してください。').waitFor();
    await expectAccessible(page, 'dismiss dialog');
    await dialog.getByLabel('対応不要とする理由').fill('厚生年金に加入済み（勤務先に確認）');
    await dialog.getByRole('button', { name: '対応不要にする', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('「年金の加入がありません」を対応不要にしました。').waitFor();
    await page.getByText('該当するアラートはありません。').waitFor();
    await page.getByRole('combobox', { name: '状態' }).click();
    await page.getByRole('option', { name: '対応不要', exact: true }).click();
    await pension.getByText('理由：厚生年金に加入済み（勤務先に確認）').waitFor();
    await pension.getByText('対応不要', { exact: true }).waitFor();

    // The record shows the alert still open; someone else resolves it first.
    await pension.getByRole('link', { name: 'MENDES PAULO' }).click();
    const open = page.getByTestId('alert-list').locator('tr', { hasText: '健康保険の加入がありません' });
    await open.getByText('確認済み', { exact: true }).waitFor();
    const [alert] = (await caseworker.get(`/api/v1/alerts?residentId=${resident.id}`).expect(200)).body.items;
    await caseworker.patch(`/api/v1/alerts/${alert.id}`, { status: 'RESOLVED', version: alert.version }).expect(200);
    await open.getByRole('button', { name: '解決済みにする: 健康保険の加入がありません' }).click();
    await page.getByRole('alert').getByText('他の人がこの記録を変更しました。再読み込みしてください。').waitFor();
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await page.getByText('この住民に未対応のアラートはありません。').waitFor();
    await expectAccessible(page, 'resident alerts');
    await page.context().close();
  }, 60_000);

  it('records a coverage period and watches the gap alert resolve', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const resident = await createResident(caseworker, {
      familyName: 'PEREZ',
      givenName: 'MARIA',
      birthDate: '1991-07-07',
    });
    await alertsOpened(caseworker, resident.id, ['NO_HEALTH_COVERAGE', 'NO_PENSION_COVERAGE']);
    const page = await signIn(DEMO.caseworker);
    await page.goto(`${base}/residents/${resident.id}`);
    const open = page.getByTestId('alert-list');
    const health = open.locator('tr', { hasText: '健康保険の加入がありません' });
    const pension = open.locator('tr', { hasText: '年金の加入がありません' });
    await health.getByText('未確認').waitFor();

    // National health insurance since a month ago, recorded in the insurance tab.
    await page.getByRole('tab', { name: '保険' }).click();
    await page.getByLabel('開始日').fill(officeDate(-30));
    await page.getByRole('button', { name: '期間を記録' }).click();
    await page
      .getByTestId('coverage-periods')
      .getByText(`${officeDate(-30)} – 継続中`)
      .waitFor();

    // The worker re-evaluates the record; its open alerts follow without a reload: the pension gap stays.
    await page.getByRole('tab', { name: '概要' }).click();
    await pension.waitFor();
    await health.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await pension.getByText('未確認').count()).toBe(1);
    const resolved = (await caseworker.get(`/api/v1/alerts?residentId=${resident.id}&status=RESOLVED`).expect(200)).body
      .items;
    expect(resolved.map((alert: { ruleCode: string }) => alert.ruleCode)).toEqual(['NO_HEALTH_COVERAGE']);
    await expectAccessible(page, 'resident alerts after coverage');
    await page.context().close();
  });

  it('lets the board add a school, enrol a child, and see the status and a long absence', async () => {
    const office = await schoolingOffice();
    const caseworker = await login(t.http, office.caseworker);
    const child = await createResident(caseworker, {
      familyName: 'SOUZA',
      givenName: 'LUCAS',
      kanaName: 'ソウザ ルーカス',
      birthDate: bornForGrade(3),
      nationality: 'BR',
    });
    const page = await signIn(office.school);
    await openMenu(page, '学校');
    await page.getByText('学校はまだ登録されていません。').waitFor();
    await page.getByRole('button', { name: '学校を追加' }).click();
    const add = page.getByRole('form', { name: '学校を追加' });
    // The API's code pattern, checked before sending.
    await add.getByLabel('学校コード').fill('第一小');
    await add.getByLabel('学校名').fill('掛川市立第一小学校');
    await add.getByRole('combobox', { name: '種別' }).click();
    await page.getByRole('option', { name: '公立小学校' }).click();
    await add.getByRole('button', { name: '追加', exact: true }).click();
    await add.getByText('学校コードは半角英数字・「_」「-」で20文字以内で入力してください。').waitFor();
    await expectAccessible(page, 'school form');
    await add.getByLabel('学校コード').fill('E001');
    await add.getByRole('button', { name: '追加', exact: true }).click();
    await page.getByRole('status').getByText('「掛川市立第一小学校」を追加しました。').waitFor();
    const schools = page.getByTestId('schools');
    await schools.locator('tr', { hasText: '掛川市立第一小学校' }).getByText('公立小学校').waitFor();
    await expectAccessible(page, 'schools');

    // Someone else gives the school its address while this officer edits it.
    await page.getByRole('button', { name: '学校を編集：掛川市立第一小学校' }).click();
    const board = await login(t.http, office.school);
    const school = (await board.get('/api/v1/schools').expect(200)).body.find(
      (candidate: { code: string }) => candidate.code === 'E001',
    );
    await board
      .patch(`/api/v1/schools/${school.id}`, { version: school.version, address: '掛川市長谷1-1' })
      .expect(200);
    const edit = page.getByRole('form', { name: '学校を編集：掛川市立第一小学校' });
    await edit.getByLabel('学校名').fill('掛川市立第一小学校（本校）');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit
      .getByRole('alert')
      .getByText('他の人がこの学校の情報を変更しました。最新の内容を読み込んでから、もう一度変更してください。')
      .waitFor();
    await edit.getByRole('button', { name: '最新の内容を読み込む' }).click();
    // The form opens again with what the other person saved.
    await edit.getByRole('alert').waitFor({ state: 'detached' });
    await expect(edit.getByLabel('所在地').inputValue()).resolves.toBe('掛川市長谷1-1');
    await expect(edit.getByLabel('学校名').inputValue()).resolves.toBe('掛川市立第一小学校');
    await edit.getByRole('button', { name: 'キャンセル' }).click();

    // The child from the roster; nothing is known of the schooling yet.
    await openMenu(page, '就学');
    await page.getByTestId('school-age-children').getByRole('link', { name: 'SOUZA LUCAS' }).click();
    expect(new URL(page.url()).pathname).toBe(`/residents/${child.id}`);
    await page.getByRole('tab', { name: '就学', exact: true }).click();
    await page.getByTestId('schooling-status').getByText('未把握').waitFor();
    expect(await page.getByText('小学3年相当').count()).toBe(1);

    const enrol = page.getByRole('form', { name: '在籍を登録' });
    await enrol.getByRole('combobox', { name: '学校', exact: true }).click();
    await page.getByRole('option', { name: '掛川市立第一小学校（公立小学校）' }).click();
    await enrol.getByLabel('在籍開始日').fill(`${schoolYear}-04-01`);
    await enrol.getByLabel('学年', { exact: true }).fill('3');
    await enrol.getByRole('checkbox', { name: '日本語指導が必要' }).check();
    await enrol.getByRole('button', { name: '在籍を登録' }).click();
    await page.getByTestId('schooling-status').getByText('義務教育諸学校').waitFor();
    await page.getByTestId('school-enrollments').getByText(`${schoolYear}-04-01 – 在籍中`).waitFor();

    // Ten days in each of three months of this school year (fewer, longer months in April and May).
    const thisMonth = officeDate().slice(0, 7);
    const months = [2, 1, 0]
      .map((back) => {
        const [year, month] = thisMonth.split('-').map(Number);
        const date = new Date(Date.UTC(year, month - 1 - back, 1));
        return date.toISOString().slice(0, 7);
      })
      .filter((month) => schoolYearOf(`${month}-01`) === schoolYear);
    const days = Math.ceil(30 / months.length);
    const absence = page.getByRole('form', { name: '欠席日数を記録' });
    for (const month of months) {
      await absence.getByLabel('月').fill(month);
      await absence.getByLabel('欠席日数').fill(String(days));
      await absence.getByRole('button', { name: '記録', exact: true }).click();
      await absence.getByRole('status').getByText(`${month}の欠席を${days}日として記録しました。`).waitFor();
    }
    const absent = page.getByTestId('absent-days');
    await absent.getByText('長期欠席').waitFor();
    expect(await absent.textContent()).toContain(`${days * months.length}日`);
    await expectAccessible(page, 'schooling tab');
    await page.context().close();
  }, 60_000);

  it('lists the school-age children on the roster, and filters it by schooling status', async () => {
    const office = await schoolingOffice();
    const caseworker = await login(t.http, office.caseworker);
    const board = await login(t.http, office.school);
    const ana = await createResident(caseworker, {
      familyName: 'OLIVEIRA',
      givenName: 'ANA',
      kanaName: 'オリベイラ アナ',
      birthDate: bornForGrade(8),
    });
    await createResident(caseworker, { familyName: 'OLIVEIRA', givenName: 'JOAO', birthDate: bornForGrade(2) });
    const school = await board
      .post('/api/v1/schools', { code: 'J001', name: '掛川市立東中学校', kind: 'PUBLIC_LOWER_SECONDARY' })
      .expect(201);
    await board
      .post(`/api/v1/residents/${ana.id}/school-enrollments`, {
        schoolId: school.body.id,
        fromDate: `${schoolYear}-04-01`,
        grade: 2,
      })
      .expect(201);

    const page = await signIn(office.school);
    await openMenu(page, '就学');
    const roster = page.getByTestId('school-age-children');
    const anaRow = roster.locator('tr', { hasText: 'OLIVEIRA ANA' });
    const joaoRow = roster.locator('tr', { hasText: 'OLIVEIRA JOAO' });
    await anaRow.getByText('義務教育諸学校').waitFor();
    expect(await anaRow.textContent()).toContain('オリベイラ アナ');
    expect(await anaRow.textContent()).toContain('中学2年相当');
    expect(await anaRow.textContent()).toContain('掛川市立東中学校');
    expect(await anaRow.getByRole('link', { name: 'OLIVEIRA ANA' }).getAttribute('href')).toBe(`/residents/${ana.id}`);
    await joaoRow.getByText('未把握').waitFor();
    expect(await joaoRow.textContent()).toContain('小学2年相当');
    await expectAccessible(page, 'school-age roster');

    await page.getByRole('combobox', { name: '就学状況' }).click();
    await page.getByRole('option', { name: '義務教育諸学校' }).click();
    await joaoRow.waitFor({ state: 'detached' });
    await anaRow.waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('ENROLLED_COMPULSORY');
    for (const row of await roster.locator('tbody tr').all()) {
      expect(await row.textContent()).toContain('義務教育諸学校');
    }
    await page.getByRole('combobox', { name: '就学状況' }).click();
    await page.getByRole('option', { name: '未把握' }).click();
    await anaRow.waitFor({ state: 'detached' });
    await joaoRow.waitFor();
    await page.context().close();
  });

  it('shows the MEXT survey, whose categories add up to the total, with its CSV and Excel files', async () => {
    const office = await schoolingOffice();
    const caseworker = await login(t.http, office.caseworker);
    await createResident(caseworker, { familyName: 'COSTA', givenName: 'BEATRIZ', birthDate: bornForGrade(5) });
    const page = await signIn(office.school);
    await openMenu(page, '就学状況等調査');
    const table = page.getByTestId('mext-survey');
    // The API's default reference date first: 1 May of the school year.
    await table.getByText(/^\d{4}-05-01時点（団体コード 222135）$/).waitFor();
    const today = officeDate();
    await page.getByLabel('基準日').fill(today);
    await table.getByText(`${today}時点（団体コード 222135）`).waitFor();

    const counts = async (category: string) =>
      (await table.locator(`tr[data-category="${category}"] td`).allTextContents()).map((cell) =>
        Number(cell.replace(/,/g, '')),
      );
    const [elementary, lowerSecondary, total] = await counts('TOTAL');
    expect(total).toBeGreaterThanOrEqual(1);
    expect(elementary + lowerSecondary).toBe(total);
    const sum = [0, 0, 0];
    for (const category of SURVEY_CATEGORIES) (await counts(category)).forEach((count, i) => (sum[i] += count));
    expect(sum).toEqual([elementary, lowerSecondary, total]);
    await page.getByTestId('mext-survey-chart').getByText('義務教育諸学校').waitFor();

    // The files carry the date on screen, and come with the session.
    for (const [name, type] of [
      ['集計表をダウンロード（CSV）', 'text/csv'],
      ['集計表をダウンロード（Excel）', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect(href).toMatch(new RegExp(`^/api/v1/schooling/mext-survey\\.(csv|xlsx)\\?on=${today}$`));
      const file = await page.context().request.get(`${base}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toContain(type);
    }
    await expectAccessible(page, 'MEXT survey');
    await page.context().close();

    // A report viewer sees the aggregates too.
    const viewer = await signIn(DEMO.reports);
    await openMenu(viewer, '就学状況等調査');
    await viewer.getByTestId('mext-survey').locator('tr[data-category="TOTAL"]').waitFor();
    await viewer.context().close();
  });

  it('sends the enrolment guide for a school year, following it until done', async () => {
    const office = await schoolingOffice();
    const caseworker = await login(t.http, office.caseworker);
    // Enters elementary school next April.
    await createResident(caseworker, { familyName: 'PEREIRA', givenName: 'LIA', birthDate: `${schoolYear - 6}-09-15` });
    const page = await signIn(office.school);
    await openMenu(page, '就学案内');
    await page.getByText('まだ送付していません。').waitFor();
    await expectAccessible(page, 'enrolment guide');
    expect(await page.getByRole('combobox', { name: '対象の年度' }).inputValue()).toBe(
      `${schoolYear + 1}年度（${schoolYear + 1}年4月入学）`,
    );
    await page.getByRole('button', { name: '就学案内を送付' }).click();
    const dispatch = page.getByTestId('guide-dispatch');
    await dispatch.getByTestId('guide-status').getByText('完了').waitFor({ timeout: 20_000 });
    expect(await dispatch.textContent()).toMatch(/対象の子ども[1-9]\d*人/);
    await page
      .getByTestId('guide-dispatches')
      .locator('tr', { hasText: `${schoolYear + 1}年度` })
      .getByText('完了')
      .waitFor();
    await expectAccessible(page, 'enrolment guide sent');
    await page.context().close();
  });

  it('shows a PESO counselor no schooling menu and no schooling tab', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const child = await createResident(caseworker, {
      familyName: 'ALVES',
      givenName: 'TIAGO',
      birthDate: bornForGrade(4),
    });
    const page = await signIn(DEMO.counselor);
    const menus = await menu(page);
    for (const item of ['就学', '就学状況等調査', '学校', '就学案内']) expect(menus).not.toContain(item);
    await page.goto(`${base}/residents/${child.id}`);
    await page.getByRole('tab', { name: '就労' }).waitFor();
    expect(await page.getByRole('tab', { name: '就学', exact: true }).count()).toBe(0);
    // The roster's address answers as if there were nothing there (the API's 404).
    await page.goto(`${base}/schooling`);
    await page.getByRole('alert').getByText('見つかりません。').waitFor();
    await page.context().close();
  });

  it('shows a report viewer the coverage report after the nightly run, with hidden small cells, its chart and files', async () => {
    // An office of its own (袋井市): its figures are this test's residents only.
    const city = await createCity(t, '222160', '袋井市');
    const caseworker = await login(t.http, (await createUser(t, city.id, ['CITY_CASEWORKER'])).email);
    const viewer = (await createUser(t, city.id, ['REPORT_VIEWER'])).email;
    const admin = (await createUser(t, city.id, ['ADMIN'])).email;
    // Sixteen residents aged 20–59: six with health insurance for a month, five more since today. No
    // pension and no job on record, so those schemes' cells are small and hidden.
    for (const [index, name] of ['ANA', 'BRUNO', 'CARLA', 'DIEGO', 'EVA', 'FABIO', 'GIL', 'HUGO'].entries()) {
      for (const familyName of ['ALMEIDA', 'BARROS']) {
        const resident = await createResident(caseworker, { familyName, givenName: name, birthDate: '1990-01-01' });
        const since = familyName === 'ALMEIDA' && index < 6 ? officeDate(-30) : index < 5 ? officeDate() : null;
        if (since) {
          await caseworker
            .post(`/api/v1/residents/${resident.id}/coverage-periods`, {
              scheme: 'NHI',
              role: 'INSURED',
              startDate: since,
              source: 'MANUAL',
            })
            .expect(201);
        }
      }
    }
    // The nightly reports, run through the worker as of yesterday and today.
    for (const asOf of [officeDate(-1), officeDate()]) {
      await worker.get(ReportsProcessor).process({
        name: 'reports-nightly',
        data: { asOf },
        updateProgress: async () => undefined,
      } as unknown as Job);
    }

    const page = await signIn(viewer);
    await openMenu(page, '統計レポート');
    const listed = page.getByTestId('report-list').locator('tr', { hasText: '社会保険の加入率' });
    await listed.getByText(officeDate(), { exact: true }).waitFor();
    await expectAccessible(page, 'reports');
    await listed.getByRole('link').click();

    const table = page.getByTestId('report-table');
    await table.getByText(`（${officeDate()}時点）`, { exact: false }).waitFor();
    const cells = (scheme: string) => table.locator('tbody tr', { hasText: scheme }).locator('td').allTextContents();
    // population, covered, uncovered, rate
    await expect(cells('健康保険')).resolves.toEqual(['16', '11', '5', '68.8%']);
    await expect(cells('雇用保険')).resolves.toEqual(['<5', '<5', '<5', '—']);
    const pension = await cells('年金');
    expect(pension[1]).toBe('<5');
    expect(pension).toContain('x');
    expect(pension[3]).toBe('—');
    const legend = page.getByTestId('report-legend');
    await legend.getByText('5未満の数です', { exact: false }).waitFor();
    await legend.getByText('計算できないよう表示しない数です', { exact: false }).waitFor();

    // The chart of the rate over the two nights; its figures are in a table for screen readers.
    const chart = page.getByTestId('coverage-chart');
    await chart.locator('[data-scheme="HEALTH"]').getByText(`${officeDate()}：68.8%`).waitFor();
    const figures = chart.getByTestId('coverage-chart-figures');
    await expect(
      figures
        .locator('tr', { hasText: officeDate(-1) })
        .locator('td')
        .allTextContents(),
    ).resolves.toEqual(['37.5%', '—', '—']);
    await expectAccessible(page, 'coverage report');

    // The files are the run on screen, hidden cells as on screen, with the session.
    for (const [name, type] of [
      ['集計表をダウンロード（CSV）', 'text/csv'],
      ['集計表をダウンロード（Excel）', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/reports\/COVERAGE\/runs\/[0-9a-f-]{36}\.(csv|xlsx)$/);
      const file = await page.context().request.get(`${base}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toContain(type);
      if (type === 'text/csv') expect(await file.text()).toContain('EMPLOYMENT_INSURANCE,<5,<5,<5');
    }

    // Yesterday's figures through the date picker.
    await page.getByRole('combobox', { name: '集計日' }).click();
    await page.getByRole('option', { name: officeDate(-1) }).click();
    await table.getByText(`（${officeDate(-1)}時点）`, { exact: false }).waitFor();
    await expect(cells('健康保険')).resolves.toEqual(['16', '6', '10', '37.5%']);
    await page.context().close();

    // The office's administrator sees the runs, no failures, and reruns one for a date.
    const office = await signIn(admin);
    await openMenu(office, 'レポートの実行状況');
    const runs = office.getByTestId('report-runs');
    await runs.locator('tr', { hasText: '社会保険の加入率' }).first().getByText('完了').waitFor();
    await expectAccessible(office, 'report runs');
    await office.getByText('失敗', { exact: true }).click();
    await office.getByText('失敗した集計はありません。').waitFor();
    await office.getByText('すべて', { exact: true }).click();
    const rerun = office.getByRole('form', { name: '日付を指定して再集計' });
    await rerun.getByRole('combobox', { name: 'レポート' }).click();
    await office.getByRole('option', { name: '社会保険の加入率（健康保険・年金・雇用保険）' }).click();
    await rerun.getByLabel('集計日').fill(officeDate(-1));
    await rerun.getByRole('button', { name: '再集計' }).click();
    await office
      .getByRole('status')
      .getByText(`${officeDate(-1)}時点の再集計を受け付けました`, { exact: false })
      .waitFor();
    await runs
      .locator('tr', { hasText: '社会保険の加入率' })
      .filter({ hasText: officeDate(-1) })
      .getByText('再集計', { exact: true })
      .waitFor({ timeout: 20_000 });
    await office.context().close();
  }, 90_000);
});
