import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api-error';
import { problemRange, problemText, templateProblem } from './template-problem';

const doc = ['---', 'subject: Hi', '---', '<p>{{custmer.firstName}}</p>', '<p>{{shout x}}</p>'].join('\n');
const lineStart = (n: number) =>
  doc
    .split('\n')
    .slice(0, n - 1)
    .reduce((sum, line) => sum + line.length + 1, 0);

describe('a refused template', () => {
  it('reads line, column and the name from a 422 template_invalid', () => {
    const error = new ApiError('"custmer" is not a variable here', 422, 'template_invalid', {
      line: 4,
      column: 6,
      name: 'custmer',
    });
    const problem = templateProblem(error)!;
    expect(problem).toEqual({
      message: '"custmer" is not a variable here',
      code: 'template_invalid',
      line: 4,
      column: 6,
      name: 'custmer',
    });
    expect(problemText(problem)).toBe('Line 4, column 6: "custmer" is not a variable here');
    const range = problemRange(doc, problem)!;
    expect(doc.slice(range.from, range.to)).toBe('custmer');
    expect(range.from).toBe(lineStart(4) + 5);
  });

  it('marks from the column to the end of the word when there is no name, the line when no column', () => {
    const unknownHelper = templateProblem(
      new ApiError('Unknown helper', 422, 'unknown_helper', { line: 5, column: 6 }),
    )!;
    const range = problemRange(doc, unknownHelper)!;
    expect(doc.slice(range.from, range.to)).toBe('shout');
    const lineOnly = templateProblem(new ApiError('Parse error', 422, 'template_invalid', { line: 2 }))!;
    expect(problemText(lineOnly)).toBe('Line 2: Parse error');
    const placed = { ...lineOnly, message: 'Line 2, column 1: Parse error' };
    expect(problemText(placed)).toBe('Line 2, column 1: Parse error');
    const whole = problemRange(doc, lineOnly)!;
    expect(doc.slice(whole.from, whole.to)).toBe('subject: Hi');
  });

  it('keeps a place past the end of the document inside it, and gives no range without a line', () => {
    const far = templateProblem(new ApiError('x', 422, 'template_invalid', { line: 99, column: 99 }))!;
    const range = problemRange(doc, far)!;
    expect(range.to).toBeLessThanOrEqual(doc.length);
    expect(doc.slice(range.from, range.to)).toBe('<p>{{shout x}}</p>');
    const nowhere = templateProblem(new ApiError('Needs a subject', 422, 'template_invalid'))!;
    expect(problemText(nowhere)).toBe('Needs a subject');
    expect(problemRange(doc, nowhere)).toBeNull();
  });

  it('is not a template problem when the API said something else', () => {
    expect(templateProblem(new ApiError('Forbidden', 403, 'forbidden'))).toBeNull();
    expect(templateProblem(new Error('network'))).toBeNull();
  });
});
