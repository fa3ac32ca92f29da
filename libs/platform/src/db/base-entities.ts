import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `id`, `created_at`, `updated_at`: what every table has (docs/architecture.md, "Data"). */
export abstract class TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A mutable record: updates go through `updateVersioned` with the version the client read. */
export abstract class VersionedEntity extends TimestampedEntity {
  @Column({ type: 'int', default: 1 })
  version: number;
}
