import { Foundation1764400000000 } from './1764400000000-foundation.js';

/** Every migration, in order. Listed as classes (no globs) so builds and tests see the same set. */
export const MIGRATIONS = [Foundation1764400000000];
