import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, type JobPayload } from '@app/platform';
import type { Job } from 'bullmq';
import { SchoolGuideService } from './school-guide.service.js';

/** The schooling queue: enrolment guide dispatches (idempotent: see SchoolGuideService). */
@Processor(QueueName.schooling)
export class SchoolingProcessor extends WorkerHost {
  constructor(private readonly guide: SchoolGuideService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.schoolGuideDispatch) {
      const { dispatchId } = job.data as JobPayload['school-guide-dispatch'];
      return this.guide.run(dispatchId, (percent) => job.updateProgress(percent));
    }
    throw new Error(`unknown job ${job.name}`);
  }
}
