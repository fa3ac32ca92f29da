import { AlertsService } from '@app/alerts';
import { JobName, QueueName } from '@app/platform';
import { DEMO, seedDemo } from '../factories/identity.js';
import { login } from '../support/http.js';
import type { Started } from '../support/processes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  jobState,
  killHard,
  loadPopulation,
  queueOf,
  startBuiltWorker,
  stopGently,
  until,
  waitForJob,
} from './support.js';

const RESIDENTS = 10_000;
const RECORDS = 10_000;

/**
 * [K13] A worker killed with SIGKILL in the middle of a job (no shutdown hook runs, its locks and
 * transactions are simply gone) neither loses nor duplicates work: another worker takes the job
 * over and the result is exactly what an uninterrupted run gives.
 *
 * The other two long jobs are covered where they live: the register import
 * (`test/resident-import.e2e-spec.ts`, "resumes an interrupted run from its last committed slice,
 * without duplicates") and the reminder relay (`test/notifications-delivery.e2e-spec.ts`: 5,000
 * e-mails, five SIGKILLs, each Message-ID received once).
 */
describe('crash safety: a worker killed mid-job', () => {
  let t: TestApp;
  let worker: Started | null = null;

  beforeAll(async () => {
    t = await createTestApp();
    // The worker boots while the register loads.
    worker = startBuiltWorker(t);
    await seedDemo(t);
    const loaded = await loadPopulation(t, RESIDENTS);
    expect(loaded).toBe(RESIDENTS);
  }, 120_000);
  afterAll(async () => {
    await stopGently(worker);
    await t?.close();
  });

  it('the nightly alert sweep, killed after some rules were committed, ends with exactly the alerts of a clean sweep', async () => {
    const started = Date.now();
    const queue = queueOf(t, QueueName.alerts);
    const on = t.app.get(AlertsService).today();
    const snapshot = () =>
      t.dataSource.query(
        `SELECT rule_code, subject_key, status, resident_id, owner_org_id, reason_en, details FROM alert
          ORDER BY rule_code, subject_key, status`,
      ) as Promise<Array<Record<string, unknown>>>;
    const openPerRule = async () =>
      Object.fromEntries(
        (
          (await t.dataSource.query(
            `SELECT rule_code, count(*)::int AS open FROM alert WHERE status IN ('OPEN', 'ACKNOWLEDGED')
              GROUP BY rule_code ORDER BY rule_code`,
          )) as Array<{ rule_code: string; open: number }>
        ).map((row) => [row.rule_code, row.open]),
      );

    // The reference: an uninterrupted sweep of the same register on the same day.
    await queue.add(JobName.alertSweep, { on }, { jobId: 'sweep-clean' });
    const clean = await waitForJob(queue, 'sweep-clean', 60_000);
    const reference = await snapshot();
    const referencePerRule = await openPerRule();
    const cleanSeconds = (clean.finishedOn! - clean.processedOn!) / 1000;
    expect(reference.length).toBeGreaterThan(RESIDENTS / 2);
    await t.dataSource.query(`DELETE FROM alert`);

    // The same sweep again from an empty alert table, killed once some rules have committed.
    await queue.add(JobName.alertSweep, { on }, { jobId: 'sweep-killed' });
    const delay = Math.random() * 200;
    let atKill = { progress: 0, alerts: 0 };
    await until(
      async () => {
        const { state, job } = await jobState(queue, 'sweep-killed');
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM alert`);
        atKill = { progress: Number(job?.progress ?? 0), alerts: n };
        if (state === 'completed') throw new Error('the sweep finished before it could be killed');
        return state === 'active' && atKill.progress > 0 && n > 0;
      },
      60_000,
      'the sweep to commit its first rules',
    );
    await new Promise((resolve) => setTimeout(resolve, delay));
    await killHard(worker!);
    const killedAt = Date.now();
    const leftBehind = await t.dataSource.query(`SELECT count(*)::int AS n FROM alert`);
    expect(atKill.progress).toBeLessThan(100);

    worker = startBuiltWorker(t);
    const finished = await waitForJob(queue, 'sweep-killed', 90_000);
    const recovered = Date.now();

    const after = await snapshot();
    const duplicates = await t.dataSource.query(
      `SELECT rule_code, subject_key, count(*)::int AS n FROM alert WHERE status IN ('OPEN', 'ACKNOWLEDGED')
        GROUP BY rule_code, subject_key HAVING count(*) > 1`,
    );
    console.log(
      `sweep: ${reference.length} alerts from a clean sweep in ${cleanSeconds.toFixed(1)} s; killed at ` +
        `${atKill.progress}% with ${leftBehind[0].n} alerts committed; taken over and finished ` +
        `${((recovered - killedAt) / 1000).toFixed(1)} s after the kill (stalled ${finished.stalledCounter ?? '?'}×, ` +
        `attempts ${finished.attemptsMade}); test ${((recovered - started) / 1000).toFixed(1)} s`,
    );
    expect(finished.stalledCounter).toBe(1);
    expect(duplicates).toEqual([]);
    expect(await openPerRule()).toEqual(referencePerRule);
    // Alerts per rule and status (a retried rule that resolved and reopened its alerts shows here).
    const tally = (rows: Array<Record<string, unknown>>) =>
      rows.reduce<Record<string, number>>((counts, row) => {
        const key = `${row.rule_code as string} ${row.status as string}`;
        counts[key] = (counts[key] ?? 0) + 1;
        return counts;
      }, {});
    expect(tally(after)).toEqual(tally(reference));
    expect(after).toHaveLength(reference.length);
    expect(after).toEqual(reference);
  }, 180_000);

  it('a match run, killed mid-run, is taken over and gives every input line exactly one outcome, as an uninterrupted run does', async () => {
    const started = Date.now();
    const caseworker = await login(t.http, DEMO.caseworker);
    const residents: Array<Record<string, string>> = await t.dataSource.query(
      `SELECT kana_name, birth_date, sex, nationality, concat_ws(' ', family_name, given_name) AS alphabet
         FROM resident WHERE municipality_code = '221309' ORDER BY resident_key`,
    );
    // Rolls as insurers send them, each person on several: as registered, with another birth year
    // (no one to match), with the katakana name only.
    const lines = Array.from({ length: RECORDS }, (_, i) => {
      const r = residents[i % residents.length];
      const birth = i % 5 === 1 ? `${Number(r.birth_date.slice(0, 4)) + 1}${r.birth_date.slice(4)}` : r.birth_date;
      return [`N${i + 1}`, r.kana_name ?? '', birth, r.sex, i % 5 === 2 ? '' : r.alphabet, r.nationality].join(',');
    });
    const file = Buffer.from(`source_ref,kana_name,birth_date,sex,alphabet_name,nationality\n${lines.join('\n')}\n`);
    const upload = async () => {
      const response = await caseworker.upload('/api/v1/match-runs').attach('file', file, 'nhi-roll.csv');
      expect(response.status).toBe(202);
      return response.body.id as string;
    };
    const runOf = async (id: string) => (await caseworker.get(`/api/v1/match-runs/${id}`).expect(200)).body;
    const outcomes = (id: string) =>
      t.dataSource.query(
        `SELECT seq, line, source_ref, decision, resident_id, score::text FROM match_result WHERE run_id = $1 ORDER BY seq`,
        [id],
      ) as Promise<Array<Record<string, unknown>>>;
    const totals = (run: Record<string, unknown>) => ({
      status: run.status,
      totalRows: run.totalRows,
      processedRows: run.processedRows,
      matchedRows: run.matchedRows,
      reviewRows: run.reviewRows,
      unmatchedRows: run.unmatchedRows,
      errorRows: run.errorRows,
    });

    // The reference: the same file, uninterrupted.
    const cleanId = await upload();
    await until(async () => (await runOf(cleanId)).status === 'DONE', 60_000, 'the clean match run');
    const clean = await runOf(cleanId);
    // Read as written (UTF-8): only the lines with neither a katakana nor an alphabet name are errors.
    const nameless = lines.filter((line) => /^[^,]*,,[^,]*,[^,]*,,/.test(line)).length;
    expect(clean).toMatchObject({ encoding: 'UTF-8', errorRows: nameless });
    const reference = await outcomes(cleanId);

    // Again, killed after it has read the file (5%), while it compares or saves.
    const killedId = await upload();
    let atKill = { status: '', percent: 0 };
    await until(
      async () => {
        const run = await runOf(killedId);
        atKill = { status: run.status, percent: run.percent };
        if (run.status === 'DONE') throw new Error('the run finished before it could be killed');
        return run.status === 'RUNNING' && run.percent >= 5;
      },
      60_000,
      'the match run to have read its file',
    );
    // Somewhere in preparing, comparing or saving (one transaction) the results.
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 400));
    await killHard(worker!);
    const killedAt = Date.now();
    expect(await runOf(killedId)).toMatchObject({ status: 'RUNNING', processedRows: 0 });

    worker = startBuiltWorker(t);
    const matching = queueOf(t, QueueName.matching);
    await until(
      async () => {
        const run = await runOf(killedId);
        if (run.status === 'FAILED') throw new Error(`the match run failed: ${run.failure}`);
        if (run.status !== 'DONE' && (await jobState(matching, `match-${killedId}`)).state === 'completed') {
          throw new Error(`the match run's job completed, the run is ${run.status}`);
        }
        return run.status === 'DONE';
      },
      90_000,
      'the killed match run to be finished by the new worker',
    );
    const recovered = Date.now();
    const job = await matching.getJob(`match-${killedId}`);
    const after = await outcomes(killedId);
    const run = await runOf(killedId);
    const seconds = (r: Record<string, string>) => (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
    console.log(
      `match run: ${RECORDS} lines, ${seconds(clean).toFixed(1)} s uninterrupted (${clean.matchedRows} matched, ${clean.reviewRows} review, ${clean.unmatchedRows} ` +
        `unmatched, ${clean.errorRows} errors); killed at ${atKill.percent}%; done ` +
        `${((recovered - killedAt) / 1000).toFixed(1)} s after the kill (stalled ${job?.stalledCounter}×); ` +
        `test ${((recovered - started) / 1000).toFixed(1)} s`,
    );
    expect(job?.stalledCounter).toBe(1);
    expect(after).toHaveLength(RECORDS);
    expect(new Set(after.map((row) => row.seq)).size).toBe(RECORDS);
    expect(after.map((row) => row.line)).toEqual(Array.from({ length: RECORDS }, (_, i) => i + 2));
    expect(totals(run)).toEqual(totals(clean));
    expect(totals(run)).toMatchObject({ status: 'DONE', totalRows: RECORDS, processedRows: RECORDS });
    const strip = (rows: Array<Record<string, unknown>>) =>
      rows.map(({ seq, source_ref, decision, resident_id, score }) => ({
        seq,
        source_ref,
        decision,
        resident_id,
        score,
      }));
    expect(strip(after)).toEqual(strip(reference));
    const result = await caseworker.get(`/api/v1/match-runs/${killedId}/result`).expect(200);
    expect(result.text.trim().split('\n')).toHaveLength(RECORDS + 1);
  }, 180_000);
});
