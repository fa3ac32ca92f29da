import { isMunicipalityCode } from '@app/identity';
import { AppConfig, importJobId, QueueName, systemContext } from '@app/platform';
import { ImportsProcessor, ImportsService, ResidentImportService } from '@app/residents';
import { Injectable } from '@nestjs/common';
import { QueueEvents, Worker } from 'bullmq';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CliInputError } from './validate-input.js';

interface Options {
  municipality: string;
}

/** A one-line progress bar on stderr (stdout keeps the result). */
function drawProgress(percent: number, rows: number): void {
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${rows} rows`,
  );
}

@Injectable()
@SubCommand({
  name: 'residents',
  arguments: '<file>',
  description: 'Import a Basic Resident Register extract (CSV, UTF-8 or Shift_JIS) through the import job',
})
export class ImportResidentsCommand extends CommandRunner {
  constructor(
    private readonly imports: ImportsService,
    private readonly importer: ResidentImportService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run([file]: string[], options: Options): Promise<void> {
    if (!isMunicipalityCode(options.municipality)) {
      throw new CliInputError('municipality: must be a 6-digit municipality code with a valid check digit');
    }
    const path = resolve(file);
    if (!existsSync(path)) throw new CliInputError(`file: ${path} does not exist`);
    const connection = { url: this.config.get('REDIS_URL'), maxRetriesPerRequest: null };
    const prefix = this.config.get('REDIS_PREFIX');
    // The same job the API queues. This process works the queue too, so the import runs
    // whether or not a worker is up; whoever takes the job, progress arrives here.
    const events = new QueueEvents(QueueName.imports, { connection, prefix });
    // The processor class, not a registered provider: other CLI commands must not take jobs.
    const processor = new ImportsProcessor(this.importer);
    const worker = new Worker(QueueName.imports, (job) => processor.process(job), {
      connection,
      prefix,
      concurrency: 1,
    });
    try {
      await events.waitUntilReady();
      const run = await this.imports.start(systemContext('cli-import'), {
        municipalityCode: options.municipality,
        fileName: basename(path),
        filePath: path,
      });
      const jobId = importJobId(run.id);
      const done = new Promise<void>((resolveDone, reject) => {
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
          void this.imports.get(run.id).then((view) => view.status === 'FAILED' && reject(new Error(failedReason)));
        });
      });
      await done;
      const result = await this.imports.get(run.id);
      drawProgress(100, result.processedRows);
      process.stderr.write('\n');
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (result.failedRows) {
        process.stderr.write(`${result.failedRows} row(s) rejected; see GET /api/v1/imports/${result.id}/errors\n`);
      }
    } finally {
      await worker.close();
      await events.close();
    }
  }

  @Option({
    flags: '--municipality <code>',
    description: 'Municipality code of the extract (e.g. 221309)',
    required: true,
  })
  parseMunicipality(value: string): string {
    return value;
  }
}

@Command({ name: 'import', description: 'Import data files', subCommands: [ImportResidentsCommand] })
export class ImportCommand extends CommandRunner {
  async run(): Promise<void> {
    process.stderr.write('usage: kyosei import residents --municipality CODE FILE\n');
    process.exitCode = 2;
  }
}
