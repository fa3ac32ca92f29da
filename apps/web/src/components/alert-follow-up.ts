import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/** How long the record's alerts are read again after a change, and how often. */
const FOLLOW_MS = 20_000;
const EVERY_MS = 1_000;

/**
 * A change to a resident (a coverage period, insurance facts, employment, schooling…) makes the worker
 * re-evaluate the resident's alerts a moment later, in another process. This notices a change made on
 * the page (a query of the resident invalidated or set by hand) and returns a refetch interval for
 * the record's alerts for a short while, so that an alert the change resolved or opened shows up
 * without a reload. Nothing is polled while the record is only read.
 */
export function useAlertFollowUp(residentId: string): () => number | false {
  const client = useQueryClient();
  const [until, setUntil] = useState(0);
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated') return;
        // Tabs invalidate their queries after a change; the record's edit form sets the new record.
        const changed =
          event.action.type === 'invalidate' || (event.action.type === 'success' && event.action.manual === true);
        if (!changed) return;
        const key = event.query.queryKey;
        // The alerts' own refresh (after acknowledging one, say) is not a change to the resident.
        if (key[0] === 'alerts' || !JSON.stringify(key).includes(residentId)) return;
        setUntil(Date.now() + FOLLOW_MS);
      }),
    [client, residentId],
  );
  return () => (Date.now() < until ? EVERY_MS : false);
}
