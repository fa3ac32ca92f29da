import { MatchRunsProcessor } from '@app/matching';
import { JobName, type JobPayload } from '@app/platform';
import { ResidentImportService } from '@app/residents';
import type { Job } from 'bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { createPeso, createUser, DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { startBuilt, waitFor } from './support/processes.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { serviceEnv } from './support/test-env.js';

const REGISTER = `resident_key,family_name,given_name,middle_name,common_name,common_name_kana,kana_name,birth_date,sex,nationality
M001,NGUYEN,VAN AN,,,,,1996-02-14,M,VN
M002,VU,THI LAN,,,,,1998-03-05,F,VN
M003,DELA CRUZ,MARIA,SANTOS,,,,1985-07-21,F,PH
M004,KIM,MINJUN,,金本,カネモト,,1979-11-11,M,KR
M005,SILVA,RAFAEL,,,,,1990-10-04,M,BR
M006,TRAN,DUC MINH,,,,,2001-06-30,M,VN
M007,TRAN,DUC MANH,,,,,2001-06-30,M,VN
M008,GURUNG,BIKASH,,,,タパ ビカス,1995-10-10,M,NP
`;

const INPUT = `source_ref,kana_name,birth_date,sex,alphabet_name,nationality
E1,グエン\u3000ヴァン\u3000アン,1996-02-14,M,,
E2,ﾌﾞ ﾃｨ ﾗﾝ,1998-03-05,F,,
E3,マリア・サントス・デラクルス,1985-07-21,F,,
E4,カネモト,1979-11-11,M,,
E5,ハファエル シルバ,1990-04-10,M,,
E6,チャン ドゥック ミン,2001-06-30,M,,
E7,グエン ヴァン アン,1970-01-01,M,,
E8,,1990-01-01,F,,
E9,スズキ ハナコ,1990-02-30,F,,
E10,ヤマダ タロウ,1980-01-01,M,,
E11,チャン ドゥック,2001-06-30,M,,
`;

describe('identity matching (match runs)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let caseworker: SignedIn;
  let dir: string;

  const upload = (body: string, query = '') =>
    caseworker.upload(`/api/v1/match-runs${query}`).attach('file', Buffer.from(body), 'nhi-roll.csv');

  const runToEnd = async (body: string, query = '') => {
    const started = await upload(body, query);
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await waitFor(
      async () => ['DONE', 'FAILED'].includes((await caseworker.get(`/api/v1/match-runs/${id}`)).body.status),
      20_000,
      'the match run',
    );
    const run = (await caseworker.get(`/api/v1/match-runs/${id}`).expect(200)).body;
    const result = await caseworker.get(`/api/v1/match-runs/${id}/result`).expect(200);
    const rows = result.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    return {
      id,
      run,
      text: result.text,
      byRef: new Map(rows.map(([ref, key, decision, score]) => [ref, { key, decision, score: Number(score) }])),
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    dir = await mkdtemp(join(tmpdir(), 'kyosei-match-'));
    const importer = t.app.get(ResidentImportService);
    const path = join(dir, 'register.csv');
    await writeFile(path, REGISTER);
    const importId = await importer.createRun({
      municipalityCode: '221309',
      fileName: 'register.csv',
      filePath: path,
      orgId: null,
      userId: null,
    });
    expect(await importer.run(importId)).toMatchObject({ insertedRows: 8, failedRows: 0 });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config, { schedules: false }), {
      logger: false,
    });
    await worker.init();
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('matches katakana records across readings, order, width, separators, common names and swapped dates', async () => {
    const { run, text, byRef } = await runToEnd(INPUT, '?source=CITY_NHI_ROLL');
    expect(run).toMatchObject({ status: 'DONE', percent: 100, totalRows: 11, processedRows: 11, errorRows: 2 });
    // One line per input row, in input order, with exactly the documented columns.
    expect(text.split('\n')[0]).toBe('source_ref,resident_key,decision,score');
    expect([...byRef.keys()]).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10', 'E11']);
    expect(byRef.get('E1')).toMatchObject({ key: 'M001', decision: 'matched' }); // full-width spaces
    expect(byRef.get('E2')).toMatchObject({ key: 'M002', decision: 'matched' }); // ブ for VU, half-width
    expect(byRef.get('E3')).toMatchObject({ key: 'M003', decision: 'matched' }); // given first, ・, run together
    expect(byRef.get('E4')).toMatchObject({ key: 'M004', decision: 'matched' }); // the common name's kana
    expect(['matched', 'review']).toContain(byRef.get('E5')!.decision); // day and month exchanged
    expect(byRef.get('E5')!.key).toBe('M005');
    // Twins whose given names differ by one syllable: the exact name decides; half a name does not.
    expect(byRef.get('E6')).toMatchObject({ key: 'M006', decision: 'matched' });
    expect(['M006', 'M007']).toContain(byRef.get('E11')!.key);
    expect(byRef.get('E11')!.decision).toBe('review');
    // The same name with another birth date, and people not in the register, stay unmatched.
    expect(byRef.get('E7')).toMatchObject({ key: '', decision: 'unmatched' });
    expect(byRef.get('E10')).toMatchObject({ key: '', decision: 'unmatched' });
    for (const { score } of byRef.values()) expect(score >= 0 && score <= 1).toBe(true);
    expect(byRef.get('E1')!.score).toBeGreaterThan(byRef.get('E11')!.score);
  });

  it('reports rows with no name or an impossible date as unmatched with the reason', async () => {
    const { id, byRef } = await runToEnd(INPUT);
    expect(byRef.get('E8')).toMatchObject({ key: '', decision: 'unmatched', score: 0 });
    expect(byRef.get('E9')).toMatchObject({ key: '', decision: 'unmatched', score: 0 });
    const errors = await caseworker.get(`/api/v1/match-runs/${id}/errors`).expect(200);
    expect(errors.text).toBe(
      'line,source_ref,field,reason\n9,E8,kana_name,is empty\n10,E9,birth_date,"""1990-02-30"" is not a date (YYYY-MM-DD)"\n',
    );
  });

  it('refuses a file without a required column, naming the column', async () => {
    const refused = await upload('source_ref,birth_date,sex\nX1,1990-01-01,M\n');
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([{ field: 'kana_name', reason: 'required column is missing' }]);
  });

  it('asks a person about plausible matches, audits the verdict and remembers it for the next run', async () => {
    const first = await runToEnd(INPUT, '?source=EMPLOYER_REPORT');
    const queue = await caseworker.get(`/api/v1/match-runs/${first.id}/reviews`).expect(200);
    const twin = queue.body.items.find((item: { sourceRef: string }) => item.sourceRef === 'E11');
    expect(twin.candidates.map((c: { residentKey: string }) => c.residentKey).sort()).toEqual(['M006', 'M007']);
    expect(twin.candidates[0].resident).toMatchObject({ familyName: 'TRAN', birthDate: '2001-06-30' });
    const m006 = twin.candidates.find((c: { residentKey: string }) => c.residentKey === 'M006');

    const accepted = await caseworker
      .post(`/api/v1/match-runs/${first.id}/reviews/${twin.seq}/accept`, { residentId: m006.residentId })
      .expect(200);
    expect(accepted.body).toMatchObject({ decision: 'matched', reviewStatus: 'ACCEPTED', residentId: m006.residentId });
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, resident_id FROM audit_event WHERE action = 'match_review.accept' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor_user_id: caseworker.user.id, resident_id: m006.residentId });
    const afterVerdict = (await caseworker.get(`/api/v1/match-runs/${first.id}`).expect(200)).body;
    expect(afterVerdict.matchedRows).toBe(first.run.matchedRows + 1);

    // The same file from the same source again: the record is matched without asking.
    const second = await runToEnd(INPUT, '?source=EMPLOYER_REPORT');
    expect(second.byRef.get('E11')).toMatchObject({ key: 'M006', decision: 'matched' });
    const queueAgain = await caseworker.get(`/api/v1/match-runs/${second.id}/reviews`).expect(200);
    expect(queueAgain.body.items.map((item: { sourceRef: string }) => item.sourceRef)).not.toContain('E11');

    // A rejection sets the candidate aside; the next run does not propose that resident again.
    const rejectRun = await runToEnd(
      'source_ref,kana_name,birth_date,sex\nR1,チャン ドゥック,2001-06-30,M\n',
      '?source=PESO_EI_REPORT',
    );
    const pending = (await caseworker.get(`/api/v1/match-runs/${rejectRun.id}/reviews`).expect(200)).body.items;
    expect(pending).toHaveLength(1);
    const proposed = pending[0].residentId as string;
    const rejected = await caseworker
      .post(`/api/v1/match-runs/${rejectRun.id}/reviews/${pending[0].seq}/reject`)
      .expect(200);
    expect(rejected.body.candidates.map((c: { residentId: string }) => c.residentId)).not.toContain(proposed);
    const again = await runToEnd(
      'source_ref,kana_name,birth_date,sex\nR1,チャン ドゥック,2001-06-30,M\n',
      '?source=PESO_EI_REPORT',
    );
    const results = await t.dataSource.query(`SELECT candidates FROM match_result WHERE run_id = $1`, [again.id]);
    expect(results[0].candidates.map((c: { residentId: string }) => c.residentId)).not.toContain(proposed);
  });

  it('keeps runs of one office from another', async () => {
    const { id } = await runToEnd(INPUT);
    const peso = await createPeso(t, ['131016']);
    const outsider = await createUser(t, peso.id, ['PESO_COUNSELOR']);
    const counselor = await login(t.http, outsider.email);
    await counselor.get(`/api/v1/match-runs/${id}`).expect(404);
    await counselor.get(`/api/v1/match-runs/${id}/result`).expect(404);
    await counselor.get(`/api/v1/match-runs/${id}/reviews`).expect(404);
    const school = await login(t.http, DEMO.school);
    await school.get(`/api/v1/match-runs/${id}`).expect(403);
  });

  it('ends a run whose job BullMQ gave up on after repeated stalls (its workers killed), never a finished one', async () => {
    const processor = worker.get(MatchRunsProcessor);
    const jobOf = (matchRunId: string, attemptsMade: number) =>
      ({ name: JobName.matchRun, data: { matchRunId }, attemptsMade, opts: { attempts: 3 } }) as unknown as Job<
        JobPayload[typeof JobName.matchRun]
      >;
    const stalled = new Error('job stalled more than allowable limit');
    const { id } = await runToEnd(INPUT);
    await processor.onFailed(jobOf(id, 1), stalled);
    expect((await caseworker.get(`/api/v1/match-runs/${id}`).expect(200)).body.status).toBe('DONE');

    // What a worker killed mid-run leaves behind.
    await t.dataSource.query(`UPDATE match_run SET status = 'RUNNING', finished_at = NULL WHERE id = $1`, [id]);
    await processor.onFailed(jobOf(id, 1), new Error('connection reset')); // to be retried: not the end
    expect((await caseworker.get(`/api/v1/match-runs/${id}`).expect(200)).body.status).toBe('RUNNING');
    await processor.onFailed(jobOf(id, 1), stalled);
    expect((await caseworker.get(`/api/v1/match-runs/${id}`).expect(200)).body).toMatchObject({
      status: 'FAILED',
      failure: 'job stalled more than allowable limit',
    });
  });

  it('runs from the command line and writes the result file', async () => {
    const input = join(dir, 'input.csv');
    const output = join(dir, 'output.csv');
    await writeFile(input, INPUT);
    const env = serviceEnv(t.config);
    const cli = startBuilt('cli', env, ['match', '--municipality', '221309', '--input', input, '--output', output]);
    expect(await cli.exited).toBe(0);
    const lines = (await readFile(output, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('source_ref,resident_key,decision,score');
    expect(lines).toHaveLength(12);
    expect(lines[1]).toMatch(/^E1,M001,matched,0\.\d{3}|^E1,M001,matched,1\.000/);
    expect(await readFile(`${output}.errors.csv`, 'utf8')).toContain('E8,kana_name,is empty');

    const missing = join(dir, 'missing.csv');
    await writeFile(missing, 'source_ref,kana_name,sex\nX,グエン,M\n');
    const refused = startBuilt('cli', env, [
      'match',
      '--municipality',
      '221309',
      '--input',
      missing,
      '--output',
      output,
    ]);
    expect(await refused.exited).not.toBe(0);
    expect(refused.output()).toContain('birth_date');
  });
});
