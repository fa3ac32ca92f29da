/**
 * A language a resident is served in: ISO 639-1 (`vi`, `pt`, `tl`…), or `ja-easy` for やさしい日本語
 * (easy Japanese), which the domain reference treats as a language of its own.
 */
export const LANGUAGE_CODE = /^([a-z]{2}|ja-easy)$/;
