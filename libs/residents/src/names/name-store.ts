import type { EntityManager } from 'typeorm';
import { nameForms } from './name-forms.js';

/**
 * Rewrites the resident_name rows of these residents from their stored names: one row per name
 * form, normalized for search. The API (one resident) and the import (a slice) both use it.
 */
export async function syncNameForms(manager: EntityManager, residentIds: string[]): Promise<void> {
  const residents: Array<Record<string, string | null>> = await manager.query(
    `SELECT id, municipality_code, family_name, given_name, middle_name, kanji_name, common_name, common_name_kana,
            kana_name FROM resident WHERE id = ANY($1::uuid[])`,
    [residentIds],
  );
  const rows = residents.flatMap((r) =>
    nameForms({
      family: r.family_name!,
      given: r.given_name,
      middle: r.middle_name,
      kanji: r.kanji_name,
      common: r.common_name,
      commonKana: r.common_name_kana,
      kana: r.kana_name,
    }).map((form) => [r.id, r.municipality_code, form.form, form.value, form.script, form.normalized]),
  );
  await manager.query(`DELETE FROM resident_name WHERE resident_id = ANY($1::uuid[])`, [residentIds]);
  if (!rows.length) return;
  await manager.query(
    `INSERT INTO resident_name (resident_id, municipality_code, form, value, script, normalized)
     SELECT * FROM unnest($1::uuid[], $2::char(6)[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [0, 1, 2, 3, 4, 5].map((index) => rows.map((row) => row[index])),
  );
}
