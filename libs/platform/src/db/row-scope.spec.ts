import type pg from 'pg';
import { RowScope } from './row-scope.js';
import { applyRowScope } from './scoped-connections.js';

/** A connection that records what it is sent (the statements only set session settings). */
function connection() {
  const sent: Array<{ text: string; values?: unknown[] }> = [];
  const client = {
    sent,
    query: async (text: string, values?: unknown[]) => {
      sent.push({ text, values });
      return { rows: [] };
    },
    on: () => client,
    removeListener: () => client,
  };
  return client as typeof client & pg.ClientBase;
}

describe('row scopes on pooled connections', () => {
  it('sets a connection only when the work needs another scope than the one it has', async () => {
    const client = connection();
    await applyRowScope(client); // system work on a new connection: nothing to change
    expect(client.sent).toHaveLength(0);

    await RowScope.run(['221309'], () => applyRowScope(client));
    await RowScope.run(['221309'], () => applyRowScope(client));
    expect(client.sent).toHaveLength(1);
    expect(client.sent[0].text).toContain("set_config('role', 'kyosei_app', false)");
    expect(client.sent[0].values).toEqual(['221309']);

    await RowScope.run(['221309', '222216'], () => applyRowScope(client));
    expect(client.sent[1].values).toEqual(['221309,222216']);

    await applyRowScope(client); // back to system work: the login's own role, unrestricted
    expect(client.sent[2].text).toContain("set_config('role', 'none', false)");
    await RowScope.unrestricted('a reason', () => applyRowScope(client));
    expect(client.sent).toHaveLength(3);
  });

  it('gives an empty list of municipalities no rows, never all of them', async () => {
    const client = connection();
    await RowScope.run([], () => applyRowScope(client));
    expect(client.sent).toEqual([{ text: expect.stringContaining('kyosei_app'), values: [''] }]);
  });

  it('refuses a request scope without the HTTP hook, values that are not codes, and reasonless bypasses', () => {
    expect(() => RowScope.admitRequest(['221309'])).toThrow(/no request row scope/);
    expect(() => RowScope.run(["221309','x"], () => 0)).toThrow(/not a municipality code/);
    expect(() => RowScope.unrestricted(' ', () => 0)).toThrow(/reason/);
  });
});
