import { describe, expect, it } from '@jest/globals';
import { sameCardProps } from './node-card-props';

describe('sameCardProps', () => {
  const data = { duration: '1h' };
  const base = { id: 'wait-1', type: 'wait.delay', data, selected: false };

  it('ignores what React Flow changes around the card: position, measured size, drag state, z-index', () => {
    const moved = {
      ...base,
      positionAbsoluteX: 120,
      positionAbsoluteY: 480,
      width: 240,
      height: 96,
      dragging: true,
      zIndex: 1000,
    };
    expect(sameCardProps(base, moved)).toBe(true);
  });

  it('draws again when the stored data is replaced, even with equal contents', () => {
    expect(sameCardProps(base, { ...base, data: { duration: '2h' } })).toBe(false);
    expect(sameCardProps(base, { ...base, data: { ...data } })).toBe(false);
  });

  it('draws again when the selection, the type or the id changes', () => {
    expect(sameCardProps(base, { ...base, selected: true })).toBe(false);
    expect(sameCardProps(base, { ...base, type: 'wait.until' })).toBe(false);
    expect(sameCardProps(base, { ...base, id: 'wait-2' })).toBe(false);
  });

  it('treats a missing selection as not selected', () => {
    const { selected: _omitted, ...unselected } = base;
    expect(sameCardProps(base, unselected)).toBe(true);
  });
});
