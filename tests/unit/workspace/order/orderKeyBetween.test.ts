import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOrderKey, orderKeyBetween } from '$lib/workspace/order/orderKeyBetween';
import { orderKeyAt, sortByOrder } from '$lib/workspace/order/sortByOrder';

describe('orderKeyBetween', () => {
  it('puts keys between their neighbours, at either end, and in an empty list', () => {
    expect(orderKeyBetween(undefined, undefined)).toBe('V');
    const after = orderKeyBetween('V', undefined);
    const before = orderKeyBetween(undefined, 'V');
    expect(before < 'V' && 'V' < after).toBe(true);
    const middle = orderKeyBetween('V', 'W');
    expect('V' < middle && middle < 'W').toBe(true);
  });

  it('makes two inserts at the same place distinct when salted with their ids', () => {
    const a = orderKeyBetween('V', 'k', 'id-aaaa');
    const b = orderKeyBetween('V', 'k', 'id-bbbb');
    expect(a).not.toBe(b);
    for (const key of [a, b]) expect('V' < key && key < 'k').toBe(true);
  });

  it('refuses neighbours out of order or malformed', () => {
    expect(() => orderKeyBetween('k', 'V')).toThrow(RangeError);
    expect(() => orderKeyBetween('V', 'V')).toThrow(RangeError);
    expect(() => orderKeyBetween('V0', undefined)).toThrow(RangeError);
    expect(isOrderKey('a-b')).toBe(false);
    expect(isOrderKey('')).toBe(false);
    expect(isOrderKey('a1')).toBe(true);
  });

  it('always lands strictly between, salted or not, and stays well formed (seeded)', () => {
    const key = fc
      .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), {
        minLength: 1,
        maxLength: 8,
      })
      .map((chars) => chars.join(''))
      .filter(isOrderKey);
    const salt = fc.option(fc.uuid(), { nil: undefined });
    fc.assert(
      fc.property(
        fc.option(key, { nil: undefined }),
        fc.option(key, { nil: undefined }),
        salt,
        (x, y, s) => {
          let [a, b] = [x, y];
          if (a !== undefined && b !== undefined) {
            if (a === b) return true;
            if (a > b) [a, b] = [b, a];
          }
          const between = orderKeyBetween(a, b, s);
          return (
            isOrderKey(between) &&
            (a === undefined || a < between) &&
            (b === undefined || between < b)
          );
        },
      ),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('keeps room for many inserts at the same place', () => {
    let low: string | undefined;
    const high = 'V';
    for (let i = 0; i < 200; i++) {
      const key = orderKeyBetween(low, high, `salt${i}`);
      expect(low === undefined || low < key).toBe(true);
      expect(key < high).toBe(true);
      low = key;
    }
    expect(low?.length).toBeLessThan(100);
  });
});

describe('sortByOrder and orderKeyAt', () => {
  it('sorts by key then id, malformed keys last', () => {
    const items = [
      { id: 'b', order: 'V' },
      { id: 'c', order: undefined },
      { id: 'a', order: 'V' },
      { id: 'd', order: 'F' },
    ];
    expect(sortByOrder(items).map((item) => item.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('computes the key for a position in a sorted list', () => {
    const items = sortByOrder([
      { id: 'x', order: 'F' },
      { id: 'y', order: 'V' },
    ]);
    const first = orderKeyAt(items, 0, 'n1');
    const middle = orderKeyAt(items, 1, 'n2');
    const last = orderKeyAt(items, 9, 'n3');
    expect(first < 'F').toBe(true);
    expect('F' < middle && middle < 'V').toBe(true);
    expect(last > 'V').toBe(true);
  });

  it('falls back to the end next to malformed or tied neighbours', () => {
    const tied = [
      { id: 'x', order: 'V' },
      { id: 'y', order: 'V' },
    ];
    expect(orderKeyAt(tied, 1, 'n1') > 'V').toBe(true);
    const broken = [
      { id: 'x', order: 'F' },
      { id: 'y', order: undefined },
    ];
    expect(orderKeyAt(broken, 1, 'n1') > 'F').toBe(true);
  });
});
