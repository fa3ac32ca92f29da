import type { SignedIn } from '../support/http.js';

let counter = 0;

/** A resident as a caseworker would enter one; pass fields to override. */
export async function createResident(caseworker: SignedIn, fields: Record<string, unknown> = {}) {
  counter += 1;
  const response = await caseworker.post('/api/v1/residents', {
    residentKey: `K${Date.now().toString(36)}${counter}`,
    familyName: 'SILVA',
    givenName: 'ANA',
    birthDate: '1990-05-10',
    sex: 'F',
    nationality: 'BR',
    registryCategory: 'MID_LONG_TERM',
    statusCode: 'LONG_TERM',
    stayPeriod: '3y',
    stayExpiryDate: '2028-05-09',
    preferredLanguage: 'pt',
    ...fields,
  });
  if (response.status !== 201) throw new Error(`create resident: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number } & Record<string, unknown>;
}
