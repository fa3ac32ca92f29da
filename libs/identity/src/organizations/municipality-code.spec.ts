import { isMunicipalityCode, municipalityCheckDigit } from './municipality-code.js';

describe('JIS X 0402 municipality codes', () => {
  it.each([
    ['221309', 'Hamamatsu'],
    ['131016', 'Chiyoda, Tokyo'],
    ['271004', 'Osaka'],
    ['012131', 'Tomakomai (remainder 0 gives check digit 1)'],
    ['012360', 'Hokuto (remainder 1 gives check digit 0)'],
    ['222216', 'Kosai'],
  ])('accepts %s (%s)', (code) => {
    expect(isMunicipalityCode(code)).toBe(true);
  });

  it.each(['221308', '22130', '2213090', 'abcdef', '', 221309])('rejects %p', (code) => {
    expect(isMunicipalityCode(code)).toBe(false);
  });

  it('computes the check digit from the five-digit body', () => {
    expect(municipalityCheckDigit('22130')).toBe(9);
  });
});
