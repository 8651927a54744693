import { describe, expect, it } from 'vitest';
import { nextSort } from './SortHeader';

describe('nextSort', () => {
  it('starts a new column in its natural direction', () => {
    expect(nextSort({ field: 'updatedAt', dir: 'desc' }, 'title')).toEqual({ field: 'title', dir: 'asc' });
    expect(nextSort({ field: 'title', dir: 'asc' }, 'priority')).toEqual({ field: 'priority', dir: 'asc' });
    expect(nextSort({ field: 'title', dir: 'asc' }, 'updatedAt')).toEqual({
      field: 'updatedAt',
      dir: 'desc',
    });
  });
  it('reverses the active column', () => {
    expect(nextSort({ field: 'title', dir: 'asc' }, 'title')).toEqual({ field: 'title', dir: 'desc' });
    expect(nextSort({ field: 'title', dir: 'desc' }, 'title')).toEqual({ field: 'title', dir: 'asc' });
  });
});
