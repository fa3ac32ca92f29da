import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, ensureDatabase, QUEUE_SCHEMA } from '@app/platform';
import { Command, CommandRunner, Option } from 'nest-commander';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';

/** Tables whose row counts the manifest records and a restore checks. */
const COUNTED = [
  'organization',
  'app_user',
  'resident',
  'resident_name',
  'household',
  'status_history',
  'coverage_period',
  'employment_record',
  'support_case',
  'case_note',
  'alert',
  'notification',
  'school_enrollment',
  'schooling_status',
  'report_run',
  'audit_event',
];

export interface BackupManifest {
  format: 'kyosei-backup-1';
  createdAt: string;
  /** The last migration applied to the database backed up: a restore needs code at least this new. */
  schemaVersion: string;
  migrations: number;
  dumpFile: string;
  dumpBytes: number;
  dumpSha256: string;
  rowCounts: Record<string, number>;
}

export const manifestPath = (file: string): string => `${file}.manifest.json`;

/** pg_dump / pg_restore from PG_BIN_DIR when set (to match the server's major version), else PATH. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  return process.env.PG_BIN_DIR ? `${process.env.PG_BIN_DIR}/${name}` : name;
}

function runTool(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} exited ${code}: ${errors.trim()}`)),
    );
  });
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = n;
  }
  return counts;
}

export async function lastMigration(dataSource: DataSource): Promise<{ name: string; count: number }> {
  const rows: Array<{ name: string }> = await dataSource.query(`SELECT name FROM schema_migration ORDER BY timestamp`);
  return { name: rows.at(-1)?.name ?? '', count: rows.length };
}

@Command({
  name: 'backup',
  arguments: '<file>',
  description:
    'Back up the database: FILE (pg_dump custom format) and FILE.manifest.json (schema version, row counts, checksum)',
})
export class BackupCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    // One consistent snapshot for the dump; the counts are read just before it (a busy system may
    // move on meanwhile: the restore check compares with what the dump holds, counted after restore).
    const partial = `${file}.partial`;
    await runTool(pgTool('pg_dump'), [
      '--format=custom',
      '--no-owner',
      // The records, not the queues' working state: with queues on PostgreSQL their schema holds
      // jobs and locks of running processes (as Redis does otherwise, which no backup holds
      // either), and a restoring process has already created it. Shared state (throttles,
      // heartbeats) is ephemeral: its unlogged table is dumped without rows.
      `--exclude-schema=${QUEUE_SCHEMA}`,
      '--no-unlogged-table-data',
      '--file',
      partial,
      this.config.get('DATABASE_URL'),
    ]);
    const counts = await rowCounts(this.dataSource);
    const migration = await lastMigration(this.dataSource);
    await rename(partial, file);
    const manifest: BackupManifest = {
      format: 'kyosei-backup-1',
      createdAt: new Date().toISOString(),
      schemaVersion: migration.name,
      migrations: migration.count,
      dumpFile: file.split('/').pop()!,
      dumpBytes: (await stat(file)).size,
      dumpSha256: await sha256(file),
      rowCounts: counts,
    };
    await writeFile(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
    process.stdout.write(
      `${JSON.stringify({ file, manifest: manifestPath(file), schemaVersion: manifest.schemaVersion })}\n`,
    );
  }
}

interface RestoreOptions {
  force?: boolean;
}

@Command({
  name: 'restore',
  arguments: '<file>',
  description:
    'Restore a backup into DATABASE_URL (which must be empty unless --force), then apply newer migrations and check the row counts',
})
export class RestoreCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run([file]: string[], options: RestoreOptions): Promise<void> {
    const manifest = JSON.parse(await readFile(manifestPath(file), 'utf8')) as BackupManifest;
    if (manifest.format !== 'kyosei-backup-1') throw new Error(`${manifestPath(file)}: not a Kyosei backup manifest`);
    if ((await sha256(file)) !== manifest.dumpSha256) throw new Error(`${file}: checksum differs from the manifest`);
    const codeMigrations = this.dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
    if (!codeMigrations.includes(manifest.schemaVersion)) {
      throw new Error(
        `the backup's schema (${manifest.schemaVersion}) is newer than this version of Kyosei knows: upgrade the code first`,
      );
    }
    const [{ tables }] = await this.dataSource.query(
      `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    if (tables > 0 && !options.force) {
      throw new Error('the database is not empty: restore into a new database, or pass --force to replace it');
    }
    if (tables > 0) {
      await this.dataSource.query(`DROP SCHEMA public CASCADE`);
      await this.dataSource.query(`CREATE SCHEMA public`);
    }
    await ensureDatabase(this.config.get('DATABASE_URL'));
    await runTool(pgTool('pg_restore'), [
      '--no-owner',
      '--exit-on-error',
      '--dbname',
      this.config.get('DATABASE_URL'),
      file,
    ]);
    const counts = await rowCounts(this.dataSource);
    const differing = Object.entries(manifest.rowCounts).filter(([table, n]) => counts[table] !== n);
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(
      `${JSON.stringify({
        restored: file,
        schemaVersion: manifest.schemaVersion,
        migrationsApplied: applied.map((m) => m.name),
        rowCounts: counts,
        differing: Object.fromEntries(differing.map(([table, n]) => [table, { backup: n, restored: counts[table] }])),
      })}\n`,
    );
    if (differing.length)
      throw new Error(`row counts differ from the manifest: ${differing.map(([t]) => t).join(', ')}`);
  }

  @Option({ flags: '--force', description: 'Replace what the database holds' })
  parseForce(): boolean {
    return true;
  }
}
