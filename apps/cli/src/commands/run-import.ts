import { AppConfig, importJobId, QueueName, systemContext } from '@app/platform';
import { ImportsProcessor, ImportsService, ResidentImportService, type ImportRunView } from '@app/residents';
import { QueueEvents, Worker } from 'bullmq';
import { basename } from 'node:path';

/** A one-line progress bar on stderr (stdout keeps the result). */
function drawProgress(percent: number, rows: number): void {
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${rows} rows`,
  );
}

/**
 * Queues the import job the API also queues, works the queue in this process (so the import
 * runs whether or not a worker is up), shows the job's progress and prints the result.
 */
export async function runImportJob(
  imports: ImportsService,
  importer: ResidentImportService,
  config: AppConfig,
  input: { municipalityCode: string; path: string },
): Promise<ImportRunView> {
  const connection = { url: config.get('REDIS_URL'), maxRetriesPerRequest: null };
  const prefix = config.get('REDIS_PREFIX');
  const events = new QueueEvents(QueueName.imports, { connection, prefix });
  // The processor class, not a registered provider: other CLI commands must not take jobs.
  const processor = new ImportsProcessor(importer);
  const worker = new Worker(QueueName.imports, (job) => processor.process(job), { connection, prefix, concurrency: 1 });
  try {
    await events.waitUntilReady();
    const run = await imports.start(systemContext('cli-import'), {
      municipalityCode: input.municipalityCode,
      fileName: basename(input.path),
      filePath: input.path,
    });
    const jobId = importJobId(run.id);
    await new Promise<void>((resolveDone, reject) => {
      events.on('progress', ({ jobId: id, data }) => {
        if (id === jobId && typeof data === 'object' && data) {
          const progress = data as { percent: number; processedRows: number };
          drawProgress(progress.percent, progress.processedRows);
        }
      });
      events.on('completed', ({ jobId: id }) => id === jobId && resolveDone());
      events.on('failed', ({ jobId: id, failedReason }) => {
        if (id !== jobId) return;
        // A failure that will be retried is not the end; the last attempt's is.
        void imports.get(run.id).then((view) => view.status === 'FAILED' && reject(new Error(failedReason)));
      });
    });
    const result = await imports.get(run.id);
    drawProgress(100, result.processedRows);
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.failedRows) {
      process.stderr.write(`${result.failedRows} row(s) rejected; see GET /api/v1/imports/${result.id}/errors\n`);
    }
    return result;
  } finally {
    await worker.close();
    await events.close();
  }
}
