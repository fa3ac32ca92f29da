import { EvaluateObligationsDto, ObligationsService } from '@app/insurance';
import { Injectable } from '@nestjs/common';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliInputError, validateInput } from './validate-input.js';

/**
 * `kyosei obligations evaluate FILE.json`: the what-if of POST /api/v1/obligations/evaluate for a
 * JSON file of facts (the same names and checks), printed as JSON.
 */
@Injectable()
@SubCommand({
  name: 'evaluate',
  arguments: '<file>',
  description: 'Which social insurance schemes the law requires for the facts in a JSON file',
})
export class ObligationsEvaluateCommand extends CommandRunner {
  constructor(private readonly obligations: ObligationsService) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    const path = resolve(file);
    let body: unknown;
    try {
      body = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new CliInputError(`file: ${path} is not readable JSON (${(error as Error).message})`);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new CliInputError('file: must hold one JSON object of facts');
    }
    const facts = await validateInput(EvaluateObligationsDto, body);
    process.stdout.write(`${JSON.stringify(this.obligations.evaluate(facts), null, 2)}\n`);
  }
}

@Command({
  name: 'obligations',
  description: 'Social insurance obligations',
  subCommands: [ObligationsEvaluateCommand],
})
export class ObligationsCommand extends CommandRunner {
  async run(): Promise<void> {
    process.stderr.write('usage: kyosei obligations evaluate FILE.json\n');
    process.exitCode = 2;
  }
}
