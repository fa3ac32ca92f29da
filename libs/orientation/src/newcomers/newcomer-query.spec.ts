import { isOrientationLanguage } from '../orientation-topics.js';
import { invitationLanguage, movedInFrom, newcomerConditions } from './newcomer-query.js';

describe('newcomer invitations', () => {
  it('invites in easy Japanese when that is the level or no language is recorded, else in the preferred language', () => {
    expect(invitationLanguage('vi', 'EASY_JA')).toBe('ja-easy');
    expect(invitationLanguage(null, 'INTERPRETER_NEEDED')).toBe('ja-easy');
    expect(invitationLanguage(null, null)).toBe('ja-easy');
    expect(invitationLanguage('vi', 'INTERPRETER_NEEDED')).toBe('vi');
    expect(invitationLanguage('pt-BR', null)).toBe('pt');
    expect(invitationLanguage('en', 'JA')).toBe('en');
  });

  it('counts the window back from today in whole days', () => {
    expect(movedInFrom('2026-03-01', 90)).toBe('2025-12-01');
    const params: unknown[] = [];
    const conditions = newcomerConditions(['221309'], '2026-03-01', 90, params);
    expect(params).toEqual(['2026-03-01', '221309', '2025-12-01']);
    expect(conditions[0]).toBe('r.municipality_code = $2::char(6)');
    expect(newcomerConditions(['221309', '131016'], '2026-03-01', 90, [])[0]).toContain('ANY');
  });

  it('takes real ISO 639-1 codes and ja-easy as languages', () => {
    expect(['vi', 'pt', 'ja', 'ja-easy'].every(isOrientationLanguage)).toBe(true);
    expect(['xx', 'vietnamese', 'VI', 'pt-BR', 'ja_easy', 3].some(isOrientationLanguage)).toBe(false);
  });
});
