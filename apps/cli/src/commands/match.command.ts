import { isMunicipalityCode } from '@app/identity';
import { MATCH_SOURCES, MatchRunsProcessor, MatchRunsService, type MatchSource } from '@app/matching';
import { AppConfig, matchRunJobId, QueueName, systemContext } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { createWriteStream, existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drawProgress, runQueuedJob } from './run-queued-job.js';
import { CliInputError } from './validate-input.js';

interface Options {
  municipality: string;
  input: string;
  output: string;
  source?: MatchSource;
}

/**
 * `kyosei match --municipality CODE --input FILE --output FILE`: the match-run job the API runs,
 * worked in this process; writes the result CSV (and the rows that could not be matched, with
 * their reasons, beside it as FILE.errors.csv).
 */
@Injectable()
@Command({
  name: 'match',
  description: 'Match external records (katakana names) to the residents of a municipality',
})
export class MatchCommand extends CommandRunner {
  constructor(
    private readonly runs: MatchRunsService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_: string[], options: Options): Promise<void> {
    if (!isMunicipalityCode(options.municipality)) {
      throw new CliInputError('municipality: must be a 6-digit municipality code with a valid check digit');
    }
    const input = resolve(options.input);
    if (!existsSync(input)) throw new CliInputError(`input: ${input} does not exist`);
    const output = resolve(options.output);
    const processor = new MatchRunsProcessor(this.runs);
    let runId = '';
    await runQueuedJob(this.config, {
      queue: QueueName.matching,
      process: (job) => processor.process(job),
      enqueue: async () => {
        const run = await this.runs.start(systemContext('cli-match'), {
          municipalityCode: options.municipality,
          source: options.source,
          fileName: basename(input),
          filePath: input,
        });
        runId = run.id;
        return matchRunJobId(run.id);
      },
      failedForGood: async () => (await this.runs.get(runId)).status === 'FAILED',
    });
    const result = await this.runs.get(runId);
    drawProgress(100, `${result.processedRows} rows`);
    process.stderr.write('\n');
    // The command line started the run with no office: its municipality's view of it.
    const everywhere = { orgId: null, municipalityCodes: [options.municipality] };
    await pipeline(Readable.from(await this.runs.resultCsv(runId, everywhere)), createWriteStream(output));
    if (result.errorRows > 0) {
      await pipeline(
        Readable.from([await this.runs.errorsCsv(runId, everywhere)]),
        createWriteStream(`${output}.errors.csv`),
      );
      process.stderr.write(`${result.errorRows} row(s) could not be matched; reasons in ${output}.errors.csv\n`);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }

  @Option({ flags: '--municipality <code>', description: 'Municipality whose residents are matched', required: true })
  parseMunicipality(value: string): string {
    return value;
  }

  @Option({
    flags: '--input <file>',
    description: 'CSV: source_ref,kana_name,birth_date,sex[,alphabet_name,nationality]',
    required: true,
  })
  parseInput(value: string): string {
    return value;
  }

  @Option({
    flags: '--output <file>',
    description: 'Result CSV: source_ref,resident_key,decision,score',
    required: true,
  })
  parseOutput(value: string): string {
    return value;
  }

  @Option({ flags: '--source <source>', description: `Where the records come from (${MATCH_SOURCES.join(', ')})` })
  parseSource(value: string): MatchSource {
    if (!(MATCH_SOURCES as readonly string[]).includes(value)) {
      throw new CliInputError(`source: must be one of ${MATCH_SOURCES.join(', ')}`);
    }
    return value as MatchSource;
  }
}
