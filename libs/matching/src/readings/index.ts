export { clearReadingsMemo, katakanaReadings, MAX_READINGS, readingsOfName } from './katakana-readings.js';
export { plainLatinWord } from './latin-word.js';
