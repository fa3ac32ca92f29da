import { Injectable } from '@nestjs/common';
import { AlertsService } from './alerts.service.js';

/** Residents evaluated together at most; also the alerts worker's concurrency (one job holds one place). */
export const EVALUATION_BATCH_SIZE = 250;
/** How long the first job of a batch waits for the jobs the worker is still fetching. */
const GATHER_MS = 10;

interface Waiter {
  resolve: (totals: BatchTotals) => void;
  reject: (error: unknown) => void;
}

export interface BatchTotals {
  residents: number;
  opened: number;
  resolved: number;
}

/**
 * Gathers the residents of the evaluation jobs the worker runs side by side into one evaluation,
 * so that 1,000 changes a second cost a few queries per rule and batch rather than per resident.
 * One batch runs at a time: a resident changed again while their batch runs waits for the next
 * one, so an older reading can never be written after a newer one (in this process).
 */
@Injectable()
export class ResidentEvaluationBatcher {
  private readonly pending = new Map<string, Waiter[]>();
  private running = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly alerts: AlertsService) {}

  /** Resolves when an evaluation that started after this call has covered the resident. */
  evaluate(residentId: string): Promise<BatchTotals> {
    return new Promise((resolve, reject) => {
      this.pending.set(residentId, [...(this.pending.get(residentId) ?? []), { resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, GATHER_MS);
  }

  private async flush(): Promise<void> {
    const batch = new Map<string, Waiter[]>();
    for (const [residentId, waiters] of this.pending) {
      if (batch.size === EVALUATION_BATCH_SIZE) break;
      batch.set(residentId, waiters);
    }
    for (const residentId of batch.keys()) this.pending.delete(residentId);
    this.running = true;
    try {
      const counts = await this.alerts.evaluateResidents([...batch.keys()]);
      const totals = { residents: batch.size, ...counts };
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.resolve(totals);
    } catch (error) {
      // Every job of the batch fails and is retried by the queue (evaluation is idempotent).
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    } finally {
      this.running = false;
      if (this.pending.size) this.schedule();
    }
  }
}
