import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';

interface MigrateOptions {
  dryRun?: boolean;
}

/**
 * Migrations are forward-only: each applies in its own transaction, in order; `--dry-run` lists the
 * ones an upgrade would apply without touching anything.
 */
@Command({ name: 'migrate', description: 'Apply pending database migrations (--dry-run: list them only)' })
export class MigrateCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run(_args: string[], options: MigrateOptions = {}): Promise<void> {
    if (options.dryRun) {
      const pending = await this.pending();
      process.stdout.write(
        pending.length
          ? `${pending.length} pending migration(s):\n${pending.map((name) => `  ${name}\n`).join('')}`
          : 'database is up to date\n',
      );
      return;
    }
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(
      applied.length
        ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`
        : 'database is up to date\n',
    );
  }

  private async pending(): Promise<string[]> {
    const [{ exists }] = await this.dataSource.query(
      `SELECT to_regclass('public.schema_migration') IS NOT NULL AS exists`,
    );
    const done = new Set<string>(
      exists
        ? (await this.dataSource.query(`SELECT name FROM schema_migration`)).map((row: { name: string }) => row.name)
        : [],
    );
    return this.dataSource.migrations.map((migration) => migration.name!).filter((name) => !done.has(name));
  }

  @Option({ flags: '--dry-run', description: 'List the pending migrations without applying them' })
  parseDryRun(): boolean {
    return true;
  }
}
