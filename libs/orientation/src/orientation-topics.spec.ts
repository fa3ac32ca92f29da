import { ORIENTATION_TOPIC_CODES } from '../../../migrations/1766200000000-orientation.js';
import { ORIENTATION_TOPICS } from './orientation-topics.js';

describe('orientation topics', () => {
  it('are the same list in the API and in the database check', () => {
    expect(ORIENTATION_TOPIC_CODES).toEqual([...ORIENTATION_TOPICS]);
  });
});
