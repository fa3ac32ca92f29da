import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { systemContext, type Role } from '@app/platform';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';

export const DEMO_CITY_CODE = '221309';

export const DEMO_USERS: ReadonlyArray<{ email: string; displayName: string; roles: Role[]; office: 'city' | 'peso' }> =
  [
    { email: 'admin@demo.city', displayName: 'Demo Administrator', roles: ['ADMIN'], office: 'city' },
    { email: 'caseworker@demo.city', displayName: 'Demo Caseworker', roles: ['CITY_CASEWORKER'], office: 'city' },
    { email: 'school@demo.city', displayName: 'Demo School Officer', roles: ['SCHOOL_OFFICER'], office: 'city' },
    { email: 'counselor@demo.peso', displayName: 'Demo PESO Counselor', roles: ['PESO_COUNSELOR'], office: 'peso' },
    { email: 'reports@demo.city', displayName: 'Demo Report Viewer', roles: ['REPORT_VIEWER'], office: 'city' },
  ];

export interface DemoSeedResult {
  created: boolean;
  /** Set only when the password was generated, so the operator can read it once. */
  generatedPassword: string | null;
}

/** The demo city (Hamamatsu), its PESO office and one user per role. Runs once. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  async seed(password: string | undefined): Promise<DemoSeedResult> {
    const ctx = systemContext('demo-seed');
    const generatedPassword = password ? null : randomBytes(12).toString('base64url');
    const created = await this.dataSource.transaction(async (tx) => {
      // Serialize concurrent seeders (two start commands at once).
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kyosei-demo-seed'))`);
      if (await tx.exists(Organization, { where: { municipalityCode: DEMO_CITY_CODE } })) return false;
      const city = await this.organizations.create(
        ctx,
        { kind: 'CITY', name: '浜松市 (Hamamatsu City)', municipalityCode: DEMO_CITY_CODE },
        tx,
      );
      const peso = await this.organizations.create(
        ctx,
        {
          kind: 'PESO',
          name: 'ハローワーク浜松 (Hello Work Hamamatsu)',
          jurisdictionCodes: [DEMO_CITY_CODE, '222216'],
        },
        tx,
      );
      for (const user of DEMO_USERS) {
        await this.users.create(
          ctx,
          {
            email: user.email,
            displayName: user.displayName,
            roles: user.roles,
            password: password ?? generatedPassword!,
            orgId: user.office === 'city' ? city.id : peso.id,
          },
          tx,
        );
      }
      return true;
    });
    this.logger.log(created ? 'demo data created' : 'demo data already present');
    return { created, generatedPassword: created ? generatedPassword : null };
  }
}
