import { api, unwrap } from './client';
import type { Resident } from './types';

/** One resident record; shared by the record page and the route that prefetches it. */
export const residentQuery = (id: string) => ({
  queryKey: ['resident', id],
  // Fresh enough for the page that mounts right after the route prefetched it.
  staleTime: 10_000,
  queryFn: () => unwrap<Resident>(api.GET('/api/v1/residents/{id}', { params: { path: { id } } })),
});
