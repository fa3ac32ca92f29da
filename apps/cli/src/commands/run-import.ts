import { AppConfig, importJobId, QueueName, systemContext } from '@app/platform';
import { ImportsProcessor, ImportsService, ResidentImportService, type ImportRunView } from '@app/residents';
import { basename } from 'node:path';
import { drawProgress, runQueuedJob } from './run-queued-job.js';

/** Runs the register import job the API also queues, showing its progress; prints the result. */
export async function runImportJob(
  imports: ImportsService,
  importer: ResidentImportService,
  config: AppConfig,
  input: { municipalityCode: string; path: string },
): Promise<ImportRunView> {
  const processor = new ImportsProcessor(importer);
  let runId = '';
  await runQueuedJob(config, {
    queue: QueueName.imports,
    process: (job) => processor.process(job),
    enqueue: async () => {
      const run = await imports.start(systemContext('cli-import'), {
        municipalityCode: input.municipalityCode,
        fileName: basename(input.path),
        filePath: input.path,
      });
      runId = run.id;
      return importJobId(run.id);
    },
    failedForGood: async () => (await imports.get(runId)).status === 'FAILED',
    progressText: (progress) => `${progress.processedRows} rows`,
  });
  const result = await imports.get(runId);
  drawProgress(100, `${result.processedRows} rows`);
  process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.failedRows) {
    process.stderr.write(`${result.failedRows} row(s) rejected; see GET /api/v1/imports/${result.id}/errors\n`);
  }
  return result;
}
