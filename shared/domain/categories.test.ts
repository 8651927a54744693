import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCategory,
  ancestorsOf,
  buildCategoryTree,
  categoryLabel,
  categoryPaths,
  flattenCategoryTree,
  isUnder,
  leafCategories,
  normaliseCategoryPath,
  parentOf,
  readCategoryList,
  removeCategory,
  renameCategory,
  validateCategoryList,
  validateCategoryPath,
} from './categories';

describe('category paths', () => {
  it('normalises spaces around levels', () => {
    expect(normaliseCategoryPath('  Hardware /  Laptop   bags ')).toBe('Hardware/Laptop bags');
  });

  it.each([
    ['', 'Enter a category name.'],
    ['Hardware//Laptop', 'empty'],
    ['/Hardware', 'empty'],
    ['Hardware/', 'empty'],
    ['A/B/C/D/E', 'at most 4 levels'],
    ['x'.repeat(41), 'at most 40 characters'],
    ['Line\nbreak', 'single line'],
  ])('refuses %j', (raw, message) => {
    const result = validateCategoryPath(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('refuses a path longer than 80 characters even with short levels', () => {
    const raw = ['a'.repeat(39), 'b'.repeat(39), 'c'.repeat(5)].join('/');
    expect(validateCategoryPath(raw)).toEqual({ ok: false, error: expect.stringContaining('80') });
  });

  it('refuses values that are not text', () => {
    expect(validateCategoryPath(42).ok).toBe(false);
  });

  it('lists ancestors and the parent', () => {
    expect(ancestorsOf('Hardware/Laptop/Battery')).toEqual(['Hardware', 'Hardware/Laptop']);
    expect(parentOf('Hardware/Laptop')).toBe('Hardware');
    expect(parentOf('Hardware')).toBe('');
    expect(categoryLabel('Hardware/Laptop')).toBe('Hardware › Laptop');
  });

  it('is under itself and its ancestors, case-insensitively, but not under a sibling prefix', () => {
    expect(isUnder('Hardware/Laptop', 'Hardware')).toBe(true);
    expect(isUnder('hardware/laptop', 'Hardware/Laptop')).toBe(true);
    expect(isUnder('Hardware', 'Hardware/Laptop')).toBe(false);
    expect(isUnder('Hardware2/Laptop', 'Hardware')).toBe(false);
    expect(isUnder('', 'Hardware')).toBe(false);
  });

  const segment = fc.stringMatching(/^[A-Za-z][A-Za-z &]{0,8}[A-Za-z]$/);
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

  it('a path is under each of its ancestors (property)', () => {
    fc.assert(
      fc.property(path, (p) => {
        for (const a of ancestorsOf(p)) expect(isUnder(p, a)).toBe(true);
        expect(isUnder(p, p)).toBe(true);
      }),
    );
  });

  it('"is under" is transitive (property)', () => {
    fc.assert(
      fc.property(path, path, path, (a, b, c) => {
        if (isUnder(a, b) && isUnder(b, c)) expect(isUnder(a, c)).toBe(true);
      }),
    );
  });
});

describe('category lists from other devices', () => {
  it('keeps valid paths, drops the rest and the case-insensitive duplicates', () => {
    const stored = ['Hardware', ' Hardware / Laptop ', 'hardware', 42, null, '', 'A//B', 'Software'];
    expect(readCategoryList(stored)).toEqual(['Hardware', 'Hardware/Laptop', 'Software']);
  });

  it('falls back to an empty list for anything but an array', () => {
    expect(readCategoryList({ categories: ['x'] })).toEqual([]);
    expect(readCategoryList('Hardware')).toEqual([]);
    expect(readCategoryList(undefined)).toEqual([]);
  });

  it('reading is idempotent and its output passes the strict check (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))), (raw) => {
        const once = readCategoryList(raw);
        expect(readCategoryList(once)).toEqual(once);
        expect(validateCategoryList(once)).toEqual({ ok: true, categories: once });
      }),
    );
  });

  it('the strict check reports errors by position', () => {
    const result = validateCategoryList(['Hardware', 'hardware', 'A//B']);
    expect(result).toEqual({
      ok: false,
      errors: { 1: '"hardware" is already in the list.', 2: expect.stringContaining('empty') },
    });
  });
});

describe('the tree', () => {
  const list = ['Software/Office', 'Hardware/Laptop/Battery', 'Hardware', 'Hardware/Desktop', 'Network'];

  it('builds nodes for implied parents, siblings in alphabetical order', () => {
    const tree = buildCategoryTree(list);
    expect(tree.map((n) => n.name)).toEqual(['Hardware', 'Network', 'Software']);
    const hardware = tree[0];
    expect(hardware?.listed).toBe(true);
    expect(hardware?.children.map((n) => n.path)).toEqual(['Hardware/Desktop', 'Hardware/Laptop']);
    expect(hardware?.children[1]?.listed).toBe(false);
    expect(tree[2]?.listed).toBe(false);
  });

  it('flattens parents before children with depths', () => {
    expect(flattenCategoryTree(buildCategoryTree(list)).map((c) => `${c.depth}:${c.path}`)).toEqual([
      '0:Hardware',
      '1:Hardware/Desktop',
      '1:Hardware/Laptop',
      '2:Hardware/Laptop/Battery',
      '0:Network',
      '0:Software',
      '1:Software/Office',
    ]);
  });

  it('lists every node path and the leaves', () => {
    expect(categoryPaths(list)).toHaveLength(7);
    expect(leafCategories(list)).toEqual([
      'Hardware/Desktop',
      'Hardware/Laptop/Battery',
      'Network',
      'Software/Office',
    ]);
  });

  it('every listed path and each of its ancestors is a node (property)', () => {
    const segment = fc.constantFrom('A', 'B', 'C', 'd');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(fc.array(path, { maxLength: 12 }), (paths) => {
        const nodes = new Set(categoryPaths(paths).map((p) => p.toLowerCase()));
        for (const p of paths) {
          expect(nodes.has(p.toLowerCase())).toBe(true);
          for (const a of ancestorsOf(p)) expect(nodes.has(a.toLowerCase())).toBe(true);
        }
      }),
    );
  });
});

describe('editing the list', () => {
  const list = ['Hardware', 'Hardware/Laptop', 'Hardware/Laptop/Battery', 'Software'];

  it('adds a valid new path and refuses duplicates', () => {
    expect(addCategory(list, 'Hardware / Printer')).toEqual({
      ok: true,
      categories: [...list, 'Hardware/Printer'],
    });
    expect(addCategory(list, 'software')).toEqual({ ok: false, error: '"software" is already in the list.' });
    expect(addCategory(list, ' ').ok).toBe(false);
  });

  it('renames a branch with everything below it', () => {
    expect(renameCategory(list, 'Hardware', 'Devices')).toEqual({
      ok: true,
      categories: ['Software', 'Devices', 'Devices/Laptop', 'Devices/Laptop/Battery'],
    });
  });

  it('moves a branch under another parent', () => {
    const result = renameCategory(list, 'Hardware/Laptop', 'Software/Laptop');
    expect(result).toEqual({
      ok: true,
      categories: ['Hardware', 'Software', 'Software/Laptop', 'Software/Laptop/Battery'],
    });
  });

  it('refuses to move a branch below itself, onto an existing path, or too deep', () => {
    expect(renameCategory(list, 'Hardware', 'Hardware/Old').ok).toBe(false);
    expect(renameCategory(list, 'Hardware/Laptop', 'Software')).toEqual({
      ok: false,
      error: '"Software" already exists.',
    });
    expect(renameCategory(list, 'Hardware', 'A/B/C').ok).toBe(false);
    expect(renameCategory(list, 'Printers', 'Printing').ok).toBe(false);
  });

  it('changes only the spelling when renamed to the same path in another case', () => {
    expect(renameCategory(list, 'hardware/laptop', 'Hardware/LAPTOP')).toEqual({
      ok: true,
      categories: ['Hardware', 'Hardware/LAPTOP', 'Hardware/LAPTOP/Battery', 'Software'],
    });
  });

  it('removes a branch with its children', () => {
    expect(removeCategory(list, 'Hardware/Laptop')).toEqual(['Hardware', 'Software']);
  });
});
