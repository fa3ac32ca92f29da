import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/platform';
import { SmtpConnection, SmtpError, smtpSettings, type SmtpSettings } from './smtp-client.js';

const IDLE_MS = 15_000;

/**
 * Open connections to the relay, reused message after message (one message per connection at a
 * time), closed after a quiet while.
 */
@Injectable()
export class SmtpPool {
  private readonly idle: SmtpConnection[] = [];
  private readonly settings: SmtpSettings;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(config: AppConfig) {
    this.settings = smtpSettings(config.get('SMTP_URL'));
  }

  /**
   * A connection with a transaction begun (MAIL FROM, RCPT TO, DATA accepted). A kept connection
   * the server has meanwhile dropped is replaced by a fresh one once.
   */
  async begin(from: string, to: string): Promise<SmtpConnection> {
    for (;;) {
      const kept = this.idle.pop();
      const connection = kept && kept.usable ? kept : await SmtpConnection.open(this.settings);
      try {
        await connection.beginMessage(from, to);
        return connection;
      } catch (error) {
        const refused = error instanceof SmtpError && error.code !== null;
        if (refused && connection.usable) {
          // The server refused this recipient or sender: the connection itself is fine.
          await connection
            .reset()
            .then(() => this.release(connection))
            .catch(() => connection.destroy());
        } else {
          connection.destroy();
        }
        if (kept && !refused) continue;
        throw error;
      }
    }
  }

  release(connection: SmtpConnection): void {
    if (!connection.usable) return;
    this.idle.push(connection);
    this.sweeper ??= setInterval(() => this.sweep(), IDLE_MS).unref();
  }

  discard(connection: SmtpConnection): void {
    connection.destroy();
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const connection of this.idle.splice(0)) connection.quit();
  }

  private sweep(): void {
    const now = Date.now();
    for (const connection of [...this.idle]) {
      if (now - connection.lastUsed > IDLE_MS || !connection.usable) {
        this.idle.splice(this.idle.indexOf(connection), 1);
        connection.quit();
      }
    }
  }
}
