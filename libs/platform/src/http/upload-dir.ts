import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where uploaded files wait for the job that reads them: AppConfig's IMPORT_DIR, same default.
 * Read from the environment because upload interceptors' options are evaluated when their module
 * loads, before dependency injection exists. Created on first use.
 */
export function uploadDir(): string {
  const dir = resolve(process.env.IMPORT_DIR || 'var/imports');
  mkdirSync(dir, { recursive: true });
  return dir;
}
