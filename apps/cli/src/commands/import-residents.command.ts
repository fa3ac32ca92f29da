import { isMunicipalityCode } from '@app/identity';
import { AppConfig } from '@app/platform';
import { ImportsService, ResidentImportService } from '@app/residents';
import { Injectable } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runImportJob } from './run-import.js';
import { CliInputError } from './validate-input.js';

interface Options {
  municipality: string;
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
    await runImportJob(this.imports, this.importer, this.config, { municipalityCode: options.municipality, path });
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
