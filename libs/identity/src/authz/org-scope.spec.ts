import type { Principal } from '@app/platform';
import { assertMunicipalityInScope, canSeeMunicipality } from './org-scope.js';

const peso: Principal = {
  kind: 'user',
  userId: 'u1',
  serviceTokenId: null,
  sessionId: 's1',
  orgId: 'o1',
  orgKind: 'PESO',
  municipalityCodes: ['221309', '222216'],
  roles: ['PESO_COUNSELOR'],
};

describe('organization scope', () => {
  it('lets a PESO office see every municipality of its jurisdiction and no other', () => {
    expect(canSeeMunicipality(peso, '222216')).toBe(true);
    expect(canSeeMunicipality(peso, '131016')).toBe(false);
  });

  it('reports an out-of-scope record as not found rather than forbidden', () => {
    expect(() => assertMunicipalityInScope(peso, '131016', 'Resident')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ status: 404 }) }),
    );
  });
});
