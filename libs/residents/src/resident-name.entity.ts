import { TimestampedEntity } from '@app/platform';
import { Column, Entity } from 'typeorm';

export const NAME_FORMS = ['ALPHABET', 'KANJI', 'COMMON', 'COMMON_KANA', 'KANA'] as const;
export type NameForm = (typeof NAME_FORMS)[number];

/** Each name form of a resident with its script and normalized text (for search). */
@Entity('resident_name')
export class ResidentName extends TimestampedEntity {
  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ name: 'municipality_code', type: 'char', length: 6 })
  municipalityCode: string;

  @Column({ type: 'text' })
  form: NameForm;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text' })
  script: string;

  @Column({ type: 'text' })
  normalized: string;
}
