import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const NAME_FORMS = ['ALPHABET', 'KANJI', 'COMMON', 'COMMON_KANA', 'KANA'] as const;
export type NameForm = (typeof NAME_FORMS)[number];

/**
 * Each name form of a resident with its script and normalized text; `tokens` (generated from
 * `normalized` by the database) is what the search index holds.
 */
@Entity('resident_name')
export class ResidentName {
  @PrimaryColumn({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @PrimaryColumn({ type: 'text' })
  form: NameForm;

  @Column({ name: 'municipality_code', type: 'char', length: 6 })
  municipalityCode: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text' })
  script: string;

  @Column({ type: 'text' })
  normalized: string;

  @Column({ type: 'text', array: true, insert: false, update: false })
  readonly tokens: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
