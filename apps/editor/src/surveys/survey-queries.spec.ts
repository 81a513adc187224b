import { describe, expect, it } from '@jest/globals';
import { answerShares } from './survey-queries';

describe('survey answer shares', () => {
  it('gives each answer its whole-percent share of all answers', () => {
    const answers = [
      { answer: 'too-expensive', label: 'Too expensive', count: 3 },
      { answer: 'quality', label: 'Quality', count: 1 },
      { answer: 'other', label: 'Other', count: 0 },
    ];
    expect(answerShares({ answers, total: 4 })).toEqual([75, 25, 0]);
  });

  it('shows nothing answered as 0 %, not a division by zero', () => {
    expect(answerShares({ answers: [{ answer: '1', label: '1', count: 0 }], total: 0 })).toEqual([0]);
  });
});
