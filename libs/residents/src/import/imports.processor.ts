import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobName, QueueName, type JobPayload } from '@app/platform';
import { UnrecoverableError, type Job } from 'bullmq';
import { ImportFileError, ResidentImportService, type ImportCounts } from './resident-import.service.js';

/** The imports queue: runs a register import, reporting progress; retries resume at the checkpoint. */
@Processor(QueueName.imports)
export class ImportsProcessor extends WorkerHost {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(private readonly importer: ResidentImportService) {
    super();
  }

  async process(job: Job): Promise<ImportCounts> {
    switch (job.name) {
      case JobName.importResidents:
        return this.importResidents(job as Job<JobPayload[typeof JobName.importResidents]>);
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.imports}`);
    }
  }

  private async importResidents(job: Job<JobPayload[typeof JobName.importResidents]>): Promise<ImportCounts> {
    try {
      return await this.importer.run(job.data.importId, async (progress) => {
        await job.updateProgress({ ...progress });
      });
    } catch (error) {
      // A file that cannot be imported will not get better by retrying.
      if (error instanceof ImportFileError) throw new UnrecoverableError(error.message);
      this.logger.warn(
        { importId: job.data.importId, attempt: job.attemptsMade + 1 },
        'import interrupted; will resume',
      );
      throw error;
    }
  }
}
