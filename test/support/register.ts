import { ResidentImportService } from '@app/residents';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import type { TestApp } from './test-app.js';

/** Loads a register extract through the import job; the residents' ids by their resident_key. */
export async function importRegister(
  t: TestApp,
  csv: string,
  municipalityCode = '221309',
): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'kyosei-register-'));
  try {
    const path = join(dir, 'register.csv');
    await writeFile(path, csv);
    const importer = t.app.get(ResidentImportService);
    const importId = await importer.createRun({
      municipalityCode,
      fileName: 'register.csv',
      filePath: path,
      orgId: null,
      userId: null,
    });
    await importer.run(importId);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const keys = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  const rows: Array<{ id: string; resident_key: string }> = await t.dataSource.query(
    `SELECT id, resident_key FROM resident WHERE municipality_code = $1 AND resident_key = ANY ($2::text[])`,
    [municipalityCode, keys],
  );
  return Object.fromEntries(rows.map((row) => [row.resident_key, row.id]));
}

/** The worker (match runs, imports) in this process, on the test app's database and Redis prefix. */
export async function startWorker(t: TestApp): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config, { schedules: false }), {
    logger: false,
  });
  await worker.init();
  return worker;
}
