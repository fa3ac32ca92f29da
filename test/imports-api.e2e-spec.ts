import { ResidentImportService } from '@app/residents';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { join } from 'node:path';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { DEMO, seedDemo } from './factories/identity.js';
import { login, type SignedIn } from './support/http.js';
import { startBuilt, waitFor } from './support/processes.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { serviceEnv } from './support/test-env.js';
import { queueConnection } from '@app/platform';

const CSV = `resident_key,family_name,given_name,birth_date,sex,nationality,status_code
A1,PEREZ,JUAN,1990-01-01,M,PE,LONG_TERM
A2,LOPEZ,"ANA, MARIA",1991-13-01,F,PE,LONG_TERM
A3,GARCIA,LUIS,1989-05-05,M,PE,SPOUSE_JP
`;

function bigCsv(rows: number): string {
  const lines = [
    'resident_key,family_name,given_name,kana_name,birth_date,sex,nationality,status_code,stay_expiry_date',
  ];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `B${i},NGUYEN,VAN ${i},グエン ヴァン,1990-01-${String((i % 28) + 1).padStart(2, '0')},M,VN,SSW_1,2028-01-01`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('imports through the API and the worker', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let caseworker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config, { schedules: false }), {
      logger: false,
    });
    await worker.init();
    caseworker = await login(t.http, DEMO.caseworker);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('accepts an upload, runs it as a job, shows progress and serves the rejected lines as CSV', async () => {
    const started = await caseworker
      .upload('/api/v1/imports/residents')
      .attach('file', Buffer.from(CSV), 'extract.csv');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ fileName: 'extract.csv', municipalityCode: '221309' });
    const id = started.body.id as string;
    await waitFor(
      async () => (await caseworker.get(`/api/v1/imports/${id}`)).body.status === 'DONE',
      10_000,
      'the import',
    );
    const done = await caseworker.get(`/api/v1/imports/${id}`).expect(200);
    expect(done.body).toMatchObject({ percent: 100, insertedRows: 2, failedRows: 1, processedRows: 3 });
    const errors = await caseworker.get(`/api/v1/imports/${id}/errors`).expect(200);
    expect(errors.headers['content-type']).toMatch(/text\/csv/);
    expect(errors.text).toBe('line,field,reason\n3,birth_date,birth_date must be a date written YYYY-MM-DD\n');
  });

  it('refuses an upload without a file, and imports for a municipality the office does not serve', async () => {
    const noFile = await caseworker.upload('/api/v1/imports/residents').field('note', 'x');
    expect(noFile.status).toBe(400);
    const foreign = await caseworker
      .upload('/api/v1/imports/residents?municipality=131016')
      .attach('file', Buffer.from(CSV), 'extract.csv');
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('municipality');
  });

  it('finishes with no duplicates when the worker process is killed in the middle and the import runs again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyosei-kill-'));
    const path = join(dir, 'big.csv');
    await writeFile(path, bigCsv(30_000));
    const importer = t.app.get(ResidentImportService);
    const id = await importer.createRun({
      municipalityCode: '221309',
      fileName: 'big.csv',
      filePath: path,
      orgId: null,
      userId: null,
    });
    // A separate worker process takes the import as a job and is killed -9 half-way.
    await worker.close();
    const env = {
      ...serviceEnv(t.config),
      // Small slices, so that the kill lands between two commits of a run that takes a few seconds.
      IMPORT_SLICE_ROWS: '200',
    };
    const external = startBuilt('worker', env);
    try {
      const { Queue } = await import('bullmq');
      const queue = new Queue('imports', { connection: queueConnection(t.config), prefix: t.config.REDIS_PREFIX });
      await queue.add('import-residents', { importId: id }, { jobId: `import-${id}` });
      await queue.close();
      await waitFor(
        async () =>
          (await t.dataSource.query(`SELECT processed_rows FROM import_run WHERE id = $1`, [id]))[0].processed_rows >=
          2_000,
        20_000,
        'the import to be under way',
      );
      external.child.kill('SIGKILL');
      await external.exited;
      const [partial] = await t.dataSource.query(`SELECT status, processed_rows FROM import_run WHERE id = $1`, [id]);
      expect(partial.status).toBe('RUNNING');
      expect(partial.processed_rows).toBeLessThan(30_000);
      // Progress is visible while (here: where) the run stopped, not only when it is done.
      const progress = await caseworker.get(`/api/v1/imports/${id}`).expect(200);
      expect(progress.body.percent).toBeGreaterThan(0);
      expect(progress.body.percent).toBeLessThan(100);

      const counts = await importer.run(id);
      expect(counts).toMatchObject({ processedRows: 30_000, insertedRows: 30_000, failedRows: 0 });
      const [{ count, distinct }] = await t.dataSource.query(
        `SELECT count(*)::int AS count, count(DISTINCT resident_key)::int AS distinct FROM resident WHERE resident_key LIKE 'B%'`,
      );
      expect({ count, distinct }).toEqual({ count: 30_000, distinct: 30_000 });
    } finally {
      external.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config, { schedules: false }), {
        logger: false,
      });
    }
  }, 90_000);
});
