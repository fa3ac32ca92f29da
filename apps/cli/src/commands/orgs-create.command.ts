import { CreateOrganizationDto } from '@app/identity/organizations/organization.dto.js';
import { OrganizationsService } from '@app/identity';
import { systemContext } from '@app/platform';
import { Command, CommandRunner, Option } from 'nest-commander';
import { validateInput } from './validate-input.js';

interface Options {
  kind: string;
  name: string;
  code?: string;
  jurisdiction?: string;
}

@Command({
  name: 'orgs:create',
  description:
    'Create an office: --kind CITY --name NAME --code 221309, or --kind PESO --name NAME --jurisdiction 221309,222216',
})
export class OrgsCreateCommand extends CommandRunner {
  constructor(private readonly organizations: OrganizationsService) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    const input = await validateInput(CreateOrganizationDto, {
      kind: options.kind?.toUpperCase(),
      name: options.name,
      municipalityCode: options.code,
      jurisdictionCodes: options.jurisdiction?.split(',').map((code) => code.trim()),
    });
    const org = await this.organizations.create(systemContext('cli-orgs-create'), input);
    process.stdout.write(`${JSON.stringify(org)}\n`);
  }

  @Option({ flags: '--kind <kind>', description: 'CITY or PESO', required: true })
  parseKind(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'Name of the office', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--code <code>', description: 'CITY: municipality code (JIS X 0402, 6 digits)' })
  parseCode(value: string): string {
    return value;
  }

  @Option({ flags: '--jurisdiction <codes>', description: 'PESO: comma-separated municipality codes' })
  parseJurisdiction(value: string): string {
    return value;
  }
}
