import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ProblemException } from '../problem/problem.js';

/**
 * `UPDATE … WHERE id = $1 AND version = $2` with a row-count check: a stale version is a 409
 * (someone else saved first), a missing row a 404. TypeORM's @VersionColumn alone does not
 * compare the version the client saw.
 */
export async function updateVersioned<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
  label: string,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  if (result.affected === 1) return;
  const exists = await manager.getRepository(target).exists({ where: { id } as never });
  if (!exists) throw ProblemException.notFound(label);
  throw ProblemException.staleVersion(label, expectedVersion);
}
