import { api, unwrap } from './client';
import type { components } from './schema';
import type { Resident } from './types';

/** One resident record; shared by the record page and the route that prefetches it. */
export const residentQuery = (id: string) => ({
  queryKey: ['resident', id],
  // Fresh enough for the page that mounts right after the route prefetched it.
  staleTime: 10_000,
  queryFn: () => unwrap<Resident>(api.GET('/api/v1/residents/{id}', { params: { path: { id } } })),
});

export type StatusOfResidence = components['schemas']['StatusOfResidenceResponse'];

/** The statuses of residence: reference data, fetched once per session. */
export const statusesQuery = {
  queryKey: ['statuses-of-residence'],
  queryFn: async () => (await unwrap<{ items: StatusOfResidence[] }>(api.GET('/api/v1/statuses-of-residence'))).items,
  staleTime: Infinity,
};
