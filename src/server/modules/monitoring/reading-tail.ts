/**
 * @module A sensor's newest stored readings, held in memory (issue 20: late readings must not slow
 * live ingest). The tail holds every stored reading of its sensor newer than `after`, oldest first, in
 * a ring: TAIL_SHORT readings, widened to TAIL_READINGS once the sensor has a late reading the tail
 * could not answer for (memory goes to the points whose gateways send late data). The writer uses it
 * twice: a late reading newer than `after` is known to be
 * new or a duplicate without asking the database (so it is stored by COPY with the rest), and the
 * event-time fold of a late reading reads its readings from here instead of reading them back.
 * Anything older than `after` is the database's to answer.
 */

/**
 * How many readings a tail holds: enough for the fold of a reading a few dozen readings late (from
 * the checkpoint before it, at most 32 readings earlier, sensor.runtime.ts) while a writer's group
 * adds some dozens more, 1.5 KB a sensor that reports. Later readings are read back from the database.
 */
export const TAIL_READINGS = 96;
/** What a tail holds until its sensor has a late reading it could not answer for (0.5 KB). */
export const TAIL_SHORT = 32;

/** The ring of a tail that has held nothing yet (a point that never reported costs no ring). */
const EMPTY = new Float64Array(0);

export class ReadingTail {
  /** Times and values interleaved, as a ring: entry i at 2 × ((head + i) mod cap); made at the first reading. */
  private ring: Float64Array = EMPTY;
  private head = 0;
  private n = 0;

  /**
   * Every stored reading newer than `after` (ms) is in the tail. A sensor loaded from the database
   * starts with `after` at its newest stored reading (nothing newer is stored).
   */
  constructor(
    public after: number,
    private cap = TAIL_SHORT,
    private readonly wide = Math.max(cap, TAIL_READINGS),
  ) {}

  /**
   * Holds up to the wide size from now on (a late reading came that the tail could not answer for):
   * what it holds is kept, and newer readings no longer push it out.
   */
  widen(): void {
    if (this.cap >= this.wide) {
      return;
    }
    if (this.ring !== EMPTY) {
      const ring = new Float64Array(2 * this.wide);
      for (let i = 0; i < this.n; i++) {
        const from = this.slot(i);
        ring[2 * i] = this.ring[from] as number;
        ring[2 * i + 1] = this.ring[from + 1] as number;
      }
      this.ring = ring;
      this.head = 0;
    }
    this.cap = this.wide;
  }

  get size(): number {
    return this.n;
  }

  private slot(i: number): number {
    return 2 * ((this.head + i) % this.cap);
  }

  private timeAt(i: number): number {
    return this.ring[this.slot(i)] as number;
  }

  /** Whether the tail can tell of a reading at `t`: every stored reading that new is in it. */
  covers(t: number): boolean {
    return t > this.after;
  }

  /** The index of the first entry at or after `t` (n when none). */
  private seek(t: number): number {
    // Late readings are near the newest end: scan back from there.
    let i = this.n;
    while (i > 0 && this.timeAt(i - 1) >= t) {
      i--;
    }
    return i;
  }

  /** Whether a reading at `t` is stored (only meaningful where `covers(t)`). */
  has(t: number): boolean {
    const i = this.seek(t);
    return i < this.n && this.timeAt(i) === t;
  }

  /**
   * Adds a reading just stored (newer than `after`; one already held is left as it is). The oldest
   * entry goes when the ring is full, and `after` moves up to it.
   */
  add(t: number, v: number): void {
    if (t <= this.after) {
      return;
    }
    const i = this.seek(t);
    if (i < this.n && this.timeAt(i) === t) {
      return;
    }
    if (this.n === this.cap) {
      if (i === 0) {
        // Older than everything held in a full ring: it is the one that would go.
        this.after = t;
        return;
      }
      this.after = this.timeAt(0);
      this.head = (this.head + 1) % this.cap;
      this.n--;
      this.insertAt(i - 1, t, v);
    } else {
      this.insertAt(i, t, v);
    }
  }

  private insertAt(i: number, t: number, v: number): void {
    if (this.ring === EMPTY) {
      this.ring = new Float64Array(2 * this.cap);
    }
    const ring = this.ring;
    for (let j = this.n; j > i; j--) {
      const to = this.slot(j);
      const from = this.slot(j - 1);
      ring[to] = ring[from] as number;
      ring[to + 1] = ring[from + 1] as number;
    }
    const at = this.slot(i);
    ring[at] = t;
    ring[at + 1] = v;
    this.n++;
  }

  /** The readings at or after `from` (which the tail must cover), oldest first. */
  from(from: number): { t: number; v: number }[] {
    const out: { t: number; v: number }[] = [];
    for (let i = this.seek(from); i < this.n; i++) {
      const at = this.slot(i);
      out.push({ t: this.ring[at] as number, v: this.ring[at + 1] as number });
    }
    return out;
  }

  /** Forgets everything: from now on only readings newer than `after` are held. */
  reset(after: number): void {
    this.after = after;
    this.head = 0;
    this.n = 0;
  }
}
