import { isMunicipalityCode } from '@app/identity';
import { AppConfig } from '@app/platform';
import { ImportsService, ResidentImportService, syntheticPopulation } from '@app/residents';
import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { runImportJob } from './run-import.js';
import { CliInputError } from './validate-input.js';

interface Options {
  municipality: string;
  size: number;
  seed: number;
  out?: string;
  writeOnly?: boolean;
  ifEmpty?: boolean;
}

/** Writes a CSV in the register-extract format, streaming, with back-pressure. */
export async function writePopulation(path: string, size: number, seed: number): Promise<void> {
  const out = createWriteStream(path);
  for (const line of syntheticPopulation(size, seed)) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

@Command({
  name: 'demo:population',
  description: 'Write a reproducible synthetic population as a register extract and import it',
})
export class DemoPopulationCommand extends CommandRunner {
  constructor(
    private readonly imports: ImportsService,
    private readonly importer: ResidentImportService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  private async hasResidents(municipalityCode: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM resident WHERE municipality_code = $1 LIMIT 1`, [
      municipalityCode,
    ]);
    return rows.length > 0;
  }

  async run(_args: string[], options: Options): Promise<void> {
    if (!isMunicipalityCode(options.municipality)) {
      throw new CliInputError('municipality: must be a 6-digit municipality code with a valid check digit');
    }
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new CliInputError('size: must be a positive integer');
    if (options.ifEmpty && (await this.hasResidents(options.municipality))) {
      process.stderr.write(`${options.municipality} already has residents; nothing to do\n`);
      return;
    }
    const dir = resolve(this.config.get('IMPORT_DIR'));
    await mkdir(dir, { recursive: true });
    const path = resolve(
      options.out ?? `${dir}/population-${options.municipality}-${options.size}-${options.seed}.csv`,
    );
    await writePopulation(path, options.size, options.seed);
    process.stderr.write(`wrote ${options.size} residents to ${path}\n`);
    if (options.writeOnly) return;
    await runImportJob(this.imports, this.importer, this.config, { municipalityCode: options.municipality, path });
  }

  @Option({ flags: '--municipality <code>', required: true })
  parseMunicipality(value: string): string {
    return value;
  }

  @Option({ flags: '--size <n>', required: true })
  parseSize(value: string): number {
    return Number(value);
  }

  @Option({ flags: '--seed <n>', description: 'Same seed, same people (default 2026)', defaultValue: 2026 })
  parseSeed(value: string): number {
    return Number(value);
  }

  @Option({ flags: '--out <file>', description: 'Where to write the CSV' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--write-only', description: 'Only write the file, do not import it' })
  parseWriteOnly(): boolean {
    return true;
  }

  @Option({ flags: '--if-empty', description: 'Do nothing when the municipality already has residents (the demo)' })
  parseIfEmpty(): boolean {
    return true;
  }
}
