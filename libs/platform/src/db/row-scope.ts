import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/** The role request work runs as; row-level security applies to it (migration 1766900000000). */
export const APPLICATION_ROLE = 'kyosei_app';

/**
 * Whose rows the work in progress may touch. `setting` is what goes into the session setting
 * `kyosei.municipalities` (comma-separated codes; '' for none); null means system work (the
 * migrations, jobs, the CLI): the owner's login, which row-level security does not restrict.
 */
interface Scope {
  setting: string | null;
  /** Set for an HTTP request's scope, which its principal's municipalities replace once. */
  readonly request: boolean;
  /** Why unrestricted work runs inside a restricted context (for readers and debuggers). */
  readonly reason?: string;
}

const storage = new AsyncLocalStorage<Scope>();

const settingOf = (municipalities: readonly string[]): string => {
  for (const code of municipalities) {
    if (!/^\d{6}$/.test(code)) throw new Error(`not a municipality code: ${JSON.stringify(code)}`);
  }
  return municipalities.join(',');
};

/**
 * The database backstop for office scoping (docs/security.md, "A query that forgets its office
 * filter"). Every query already filters by municipality; this makes PostgreSQL refuse the rows of
 * other municipalities even to a query that forgot to. The scope travels in an async-local store
 * (the one such use in the system: a backstop must not depend on every caller remembering to
 * pass it) and is applied to each pooled connection as it is checked out (`db/scoped-connections`).
 */
export const RowScope = {
  /** Runs `work` seeing only the rows of these municipalities (none for an empty list). */
  run<T>(municipalities: readonly string[], work: () => T): T {
    return storage.run({ setting: settingOf(municipalities), request: false }, work);
  },

  /**
   * Runs `work` as system work, unrestricted, inside a restricted context. Every use names why the
   * work legitimately reaches rows of municipalities other than the caller's.
   */
  unrestricted<T>(reason: string, work: () => T): T {
    if (!reason.trim()) throw new Error('RowScope.unrestricted needs a reason');
    return storage.run({ setting: null, request: false, reason }, work);
  },

  /**
   * The `kyosei.municipalities` setting the current work needs: null for system work (no scope
   * at all), else the codes, comma-separated ('' sees no rows).
   */
  currentSetting(): string | null {
    const scope = storage.getStore();
    return scope ? scope.setting : null;
  },

  /**
   * Called by the auth guard once it knows the principal: the rest of the request sees the rows of
   * these municipalities. Throws when no request scope is open (the hook below is missing), so a
   * wiring mistake fails loudly instead of running the request as unrestricted system work.
   */
  admitRequest(municipalities: readonly string[]): void {
    const scope = storage.getStore();
    if (!scope?.request) throw new Error('no request row scope is open: registerRowScope() must run for HTTP');
    scope.setting = settingOf(municipalities);
  },
};

/**
 * Opens a row scope for every HTTP request, before the handler runs. It starts with no rows at all
 * (a public route, or a query made before the guard has spoken, sees no resident) and the guard
 * replaces it with the principal's municipalities. `preHandler` is the last hook before the
 * handler, after the body is read: nothing between it and the guard runs outside the scope.
 */
export function registerRowScope(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (_request, _reply, done) => {
    storage.run({ setting: '', request: true }, done);
  });
}
