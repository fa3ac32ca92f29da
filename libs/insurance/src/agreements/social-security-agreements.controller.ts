import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/platform';
import { SSA_AGREEMENTS, ssaRuleRef } from '../obligations/rules.js';

class AgreementCountryName {
  @ApiProperty() ja: string;
  @ApiProperty() en: string;
}

export class SocialSecurityAgreementResponse {
  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'DE' }) country: string;
  @ApiProperty({ type: AgreementCountryName }) name: AgreementCountryName;
  @ApiProperty({ format: 'date' }) inForceFrom: string;
  @ApiProperty({ description: 'Coverage periods can be totalised (otherwise only double contributions are avoided)' })
  pensionTotalisation: boolean;
  @ApiProperty({ description: 'Also exempts from Japanese health insurance' }) coversHealth: boolean;
  @ApiProperty({ description: 'What an obligation result cites for this agreement' }) ruleId: string;
}

// Built once: the agreements are rules data (rules.ts), not rows, and change only with a release.
const AGREEMENTS: SocialSecurityAgreementResponse[] = SSA_AGREEMENTS.map((agreement) => ({
  country: agreement.country,
  name: { ja: agreement.name.ja, en: agreement.name.en },
  inForceFrom: agreement.inForceFrom,
  pensionTotalisation: agreement.pensionTotalisation,
  coversHealth: agreement.coversHealth,
  ruleId: ssaRuleRef(agreement).ruleId,
}));

@ApiTags('insurance')
@Controller('social-security-agreements')
export class SocialSecurityAgreementsController {
  @Get()
  @Roles('CITY_CASEWORKER', 'PESO_COUNSELOR')
  @ApiOperation({ summary: "Japan's social security agreements and the date each takes effect" })
  @ApiOkResponse({ type: [SocialSecurityAgreementResponse] })
  list(): SocialSecurityAgreementResponse[] {
    return AGREEMENTS;
  }
}
