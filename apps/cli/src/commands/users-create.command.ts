import { CreateUserDto } from '@app/identity/users/user.dto.js';
import { OrganizationsService, UsersService } from '@app/identity';
import { systemContext } from '@app/platform';
import { Command, CommandRunner, Option } from 'nest-commander';
import { randomBytes } from 'node:crypto';
import { CliInputError, validateInput } from './validate-input.js';

interface Options {
  email: string;
  org: string;
  role: string[];
  name?: string;
  password?: string;
}

@Command({
  name: 'users:create',
  description:
    'Create a staff account: --email E --org (id | municipality code | name) --role ROLE [--role ROLE] [--name NAME]. ' +
    'The password comes from --password, KYOSEI_NEW_USER_PASSWORD, or is generated and printed once.',
})
export class UsersCreateCommand extends CommandRunner {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    const org = await this.organizations.findByReference(options.org);
    if (!org) throw new CliInputError(`org: no office matches "${options.org}"`);
    const generated =
      options.password || process.env.KYOSEI_NEW_USER_PASSWORD ? null : randomBytes(12).toString('base64url');
    const input = await validateInput(CreateUserDto, {
      email: options.email,
      displayName: options.name ?? options.email.split('@')[0],
      roles: options.role.map((role) => role.toUpperCase()),
      password: options.password ?? process.env.KYOSEI_NEW_USER_PASSWORD ?? generated,
      orgId: org.id,
    });
    const user = await this.users.create(systemContext('cli-users-create'), input);
    process.stdout.write(
      `${JSON.stringify({ id: user.id, email: user.email, roles: user.roles, orgId: user.orgId })}\n`,
    );
    if (generated) process.stdout.write(`generated password (shown once): ${generated}\n`);
  }

  @Option({ flags: '--email <email>', required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--org <org>', description: 'Office id, municipality code or exact name', required: true })
  parseOrg(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: 'Repeat for several roles', required: true })
  parseRole(value: string, previous: string[] = []): string[] {
    return [...previous, ...value.split(',')];
  }

  @Option({ flags: '--name <name>', description: 'Display name' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'Initial password (at least 12 characters)' })
  parsePassword(value: string): string {
    return value;
  }
}
