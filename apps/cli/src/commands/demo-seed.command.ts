import { InjectDataSource } from '@nestjs/typeorm';
import { DemoSeedService, DEMO_USERS } from '@app/identity';
import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';

@Command({
  name: 'demo:seed',
  description: 'Apply migrations and create the demo city, PESO office and one user per role (once)',
})
export class DemoSeedCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly demo: DemoSeedService,
  ) {
    super();
  }

  async run(): Promise<void> {
    await this.dataSource.runMigrations({ transaction: 'each' });
    const result = await this.demo.seed(process.env.KYOSEI_DEMO_PASSWORD || undefined);
    if (!result.created) {
      process.stdout.write('demo data already present\n');
      return;
    }
    process.stdout.write(`demo users: ${DEMO_USERS.map((user) => user.email).join(', ')}\n`);
    process.stdout.write(
      result.generatedPassword
        ? `demo password (generated, shown once): ${result.generatedPassword}\n`
        : 'demo password: the value of KYOSEI_DEMO_PASSWORD\n',
    );
  }
}
