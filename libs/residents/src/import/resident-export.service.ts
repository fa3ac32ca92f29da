import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { csvCell, ProblemException, type RequestContext } from '@app/platform';
import { DataSource } from 'typeorm';
import { IMPORT_COLUMNS, type ImportColumn } from './import-row.js';

const PAGE = 5_000;
const EXPORTED = IMPORT_COLUMNS.filter((column) => column !== 'event');

/**
 * The municipality's residents in the import's own format, streamed page by page (keyset on
 * resident_key), so a re-import of an export changes nothing. residence_card_number stays empty:
 * Kyosei keeps only a keyed hash of it.
 */
@Injectable()
export class ResidentExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Checks and audits the export before the first byte goes out, then hands over the lines. */
  async start(ctx: RequestContext, municipalityCode: string): Promise<AsyncGenerator<string>> {
    if (!ctx.principal?.municipalityCodes.includes(municipalityCode)) {
      throw ProblemException.validation([{ field: 'municipality', reason: 'is not a municipality of your office' }]);
    }
    await this.audit.record(ctx, { action: 'resident.export', entity: 'resident', diff: { municipalityCode } });
    return this.lines(municipalityCode);
  }

  private async *lines(municipalityCode: string): AsyncGenerator<string> {
    yield `${EXPORTED.join(',')}\n`;
    let after = '';
    for (;;) {
      const rows: Array<Record<ImportColumn, unknown>> = await this.dataSource.query(
        `SELECT r.resident_key, r.family_name, r.given_name, r.middle_name, r.kanji_name, r.common_name, r.common_name_kana,
                r.kana_name, r.birth_date, r.sex, r.nationality, r.registry_category, r.status_code, r.status_subtype,
                r.stay_period, r.stay_expiry_date, NULL AS residence_card_number, r.postal_code, r.address,
                h.household_key, CASE WHEN h.id IS NULL THEN NULL WHEN h.head_resident_id = r.id THEN 'Y' ELSE 'N' END
                  AS household_head,
                r.moved_in_on, r.moved_out_on, r.preferred_language, r.communication_level
           FROM resident r LEFT JOIN household h ON h.id = r.household_id
          WHERE r.municipality_code = $1 AND r.resident_key IS NOT NULL AND r.resident_key > $2
          ORDER BY r.resident_key
          LIMIT ${PAGE}`,
        [municipalityCode, after],
      );
      if (!rows.length) return;
      yield rows.map((row) => EXPORTED.map((column) => csvCell(row[column])).join(',')).join('\n') + '\n';
      after = String(rows[rows.length - 1].resident_key);
    }
  }
}
