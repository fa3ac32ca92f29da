import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { startBuilt } from './support/processes.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { serviceEnv } from './support/test-env.js';

interface Result {
  scheme: string;
  required: boolean | 'unknown';
  covered: boolean | null;
  gap: boolean | null;
  reasonCode: string;
  reasonText: { ja: string; en: string };
  ruleId: string;
  effectiveFrom: string;
  missingFacts: string[];
}

// A part-time worker at a company of 51 insured employees, the day before and the day the
// 51-employee threshold took effect.
const PART_TIMER = {
  birthDate: '1995-04-10',
  registryCategory: 'MID_LONG_TERM',
  statusCode: 'SPOUSE_JP',
  hasResidentRecord: true,
  weeklyContractHours: 20,
  monthlyScheduledWage: 88_000,
  expectedEmploymentMonths: 12,
  employerIsCorporation: true,
  employerInsuredHeadcount: 51,
  isDaytimeStudent: false,
  onPublicAssistance: false,
  coveredByEmployeeHealthInsurance: false,
};

describe('social insurance obligations (what-if)', () => {
  let t: TestApp;
  let caseworker: SignedIn;

  const evaluate = async (facts: object, who: SignedIn = caseworker) => {
    const response = await who.post('/api/v1/obligations/evaluate', facts);
    return {
      status: response.status,
      body: response.body,
      byScheme: new Map((response.body as Result[]).map?.((r) => [r.scheme, r]) ?? []),
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(() => t.close());

  it('answers every scheme with its rule, and applies the rule in force on the date', async () => {
    const before = await evaluate({ ...PART_TIMER, onDate: '2024-09-30' });
    expect(before.status).toBe(200);
    expect([...before.byScheme.keys()]).toEqual(['NHI', 'EHI', 'NP', 'EPI', 'EI', 'LTCI', 'LATE_ELDERLY']);
    for (const result of before.body as Result[]) {
      expect(result).toEqual({
        scheme: expect.any(String),
        required: expect.anything(),
        covered: result.covered,
        gap: result.gap,
        reasonCode: expect.stringMatching(/^[A-Z0-9_]+$/),
        reasonText: { ja: expect.any(String), en: expect.any(String) },
        ruleId: expect.any(String),
        effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        missingFacts: expect.any(Array),
      });
    }
    expect(before.byScheme.get('EHI')!.required).toBe(false);
    expect(before.byScheme.get('NHI')!.required).toBe(true);
    const after = await evaluate({ ...PART_TIMER, onDate: '2024-10-01' });
    // From that day the employer's health insurance is required (and missing: a gap), NHI no longer.
    expect(after.byScheme.get('EHI')).toMatchObject({
      required: true,
      covered: false,
      gap: true,
      effectiveFrom: '2024-10-01',
    });
    expect(after.byScheme.get('NHI')!.required).toBe(false);
    expect(after.byScheme.get('EPI')!.required).toBe(true);
    expect(after.byScheme.get('NP')!.required).toBe(true);
    expect(after.byScheme.get('EI')!.required).toBe(true);
  });

  it('says unknown and names the missing facts instead of guessing', async () => {
    const { status, byScheme } = await evaluate({
      onDate: '2026-11-29',
      birthDate: '1990-01-01',
      hasResidentRecord: true,
    });
    expect(status).toBe(200);
    const ehi = byScheme.get('EHI')!;
    expect(ehi.required).toBe('unknown');
    expect(ehi.missingFacts).toEqual(expect.arrayContaining(['weeklyContractHours']));
    expect(byScheme.get('NP')!.required).toBe(true); // age and address decide it alone
  });

  it('refuses bad facts with the field and the reason, never a 500', async () => {
    for (const [facts, field] of [
      [{ onDate: '2027-02-29' }, 'onDate'],
      [{ weeklyContractHours: -1 }, 'weeklyContractHours'],
      [{ employerInsuredHeadcount: 50.5 }, 'employerInsuredHeadcount'],
      [{ ssaCertificateCountry: 'usa' }, 'ssaCertificateCountry'],
      [{ registryCategory: 'TOURIST' }, 'registryCategory'],
      [{ hasResidentRecord: 'yes' }, 'hasResidentRecord'],
      [{ favouriteColour: 'blue' }, 'favouriteColour'],
    ] as const) {
      const response = await caseworker.post('/api/v1/obligations/evaluate', facts);
      expect({ facts, status: response.status }).toEqual({ facts, status: 400 });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('is open to caseworkers and counselors, not to other roles or anonymous callers', async () => {
    const counselor = await login(t.http, DEMO.counselor);
    expect((await evaluate({ onDate: '2026-11-29' }, counselor)).status).toBe(200);
    const school = await login(t.http, DEMO.school);
    expect((await evaluate({ onDate: '2026-11-29' }, school)).status).toBe(403);
    await request(t.http).post('/api/v1/obligations/evaluate').send({}).expect(401);
  });

  it('evaluates a JSON file of facts from the command line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyosei-obligations-'));
    try {
      const file = join(dir, 'facts.json');
      await writeFile(file, JSON.stringify({ ...PART_TIMER, onDate: '2024-10-01' }));
      const env = serviceEnv(t.config);
      const cli = startBuilt('cli', env, ['obligations', 'evaluate', file]);
      expect(await cli.exited).toBe(0);
      const results = JSON.parse(cli.output().slice(cli.output().indexOf('['))) as Result[];
      expect(results.find((r) => r.scheme === 'EHI')).toMatchObject({ required: true });

      await writeFile(file, JSON.stringify({ weeklyContractHours: 'twenty' }));
      const bad = startBuilt('cli', env, ['obligations', 'evaluate', file]);
      expect(await bad.exited).not.toBe(0);
      expect(bad.output()).toContain('weeklyContractHours');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
