import { describe, expect, it } from 'vitest';
import { ReadingTail } from './reading-tail.ts';

const times = (tail: ReadingTail, from: number) => tail.from(from).map((r) => r.t);

describe('ReadingTail (issue 20: late readings judged without reading them back)', () => {
  it('holds readings in time order whatever order they are added in', () => {
    const tail = new ReadingTail(0, 8);
    for (const t of [10, 20, 40, 30, 50, 15]) {
      tail.add(t, t / 10);
    }
    expect(times(tail, 1)).toEqual([10, 15, 20, 30, 40, 50]);
    expect(tail.from(30)).toEqual([
      { t: 30, v: 3 },
      { t: 40, v: 4 },
      { t: 50, v: 5 },
    ]);
  });

  it('knows a stored reading from a new one, and keeps the first value of a duplicate', () => {
    const tail = new ReadingTail(0, 8);
    tail.add(10, 1);
    tail.add(20, 2);
    expect(tail.has(10)).toBe(true);
    expect(tail.has(15)).toBe(false);
    tail.add(10, 9);
    expect(tail.from(1)).toEqual([
      { t: 10, v: 1 },
      { t: 20, v: 2 },
    ]);
  });

  it('answers only for what is newer than its horizon', () => {
    const tail = new ReadingTail(100, 8);
    expect(tail.covers(100)).toBe(false);
    expect(tail.covers(101)).toBe(true);
    tail.add(50, 1); // stored before the tail began: the database's to answer
    expect(tail.size).toBe(0);
  });

  it('when full, drops the oldest and moves its horizon up to it', () => {
    const tail = new ReadingTail(0, 4);
    for (const t of [10, 20, 30, 40, 50, 60]) {
      tail.add(t, 0);
    }
    expect(times(tail, 31)).toEqual([40, 50, 60]);
    expect(tail.size).toBe(4);
    expect(tail.after).toBe(20);
    expect(tail.covers(20)).toBe(false);
    expect(tail.covers(25)).toBe(true);
    // A late one inside the ring: the oldest goes.
    tail.add(45, 0);
    expect(times(tail, 21)).toEqual([40, 45, 50, 60]);
    expect(tail.after).toBe(30);
    // A late one older than everything held in a full ring: nothing is held that old any more.
    tail.add(35, 0);
    expect(times(tail, 31)).toEqual([40, 45, 50, 60]);
    expect(tail.after).toBe(35);
    expect(tail.covers(35)).toBe(false);
  });

  it('matches a sorted list of everything added, over many random arrivals', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const tail = new ReadingTail(0, 16);
    const all = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const t = 1 + Math.floor(k / 2) * 10 - (next() % 40);
      if (t > tail.after) {
        tail.add(t, t);
        all.add(t);
      }
    }
    const expected = [...all].filter((t) => t > tail.after).sort((a, b) => a - b);
    expect(times(tail, tail.after + 1)).toEqual(expected);
    expect(tail.size).toBe(16);
  });

  it('widens once asked: what it holds is kept, and it then holds up to its wide size', () => {
    const tail = new ReadingTail(0, 4, 8);
    for (const t of [10, 20, 30, 40, 50, 60]) {
      tail.add(t, t);
    }
    expect(tail.after).toBe(20);
    tail.widen();
    expect(times(tail, 21)).toEqual([30, 40, 50, 60]);
    for (const t of [70, 80, 90, 100, 110]) {
      tail.add(t, t);
    }
    expect(times(tail, 41)).toEqual([50, 60, 70, 80, 90, 100, 110]);
    expect(tail.size).toBe(8);
    expect(tail.after).toBe(30);
    expect(tail.from(100)).toEqual([
      { t: 100, v: 100 },
      { t: 110, v: 110 },
    ]);
  });

  it('forgets everything on reset', () => {
    const tail = new ReadingTail(0, 4);
    tail.add(10, 0);
    tail.reset(10);
    expect(tail.size).toBe(0);
    expect(tail.covers(10)).toBe(false);
    tail.add(11, 0);
    expect(times(tail, 11)).toEqual([11]);
  });
});
