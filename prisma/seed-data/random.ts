// Deterministic randomness for the seeds: mulberry32, a tiny 32-bit PRNG with good enough
// statistics for fake data. Never Math.random: the same seed must give the same region.
import { randomBytes } from "node:crypto";

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error("weighted pick from an empty list");
    return last[0];
  }

  /** A new shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /** `count` distinct items (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  /** An independent stream, so adding draws to one part of a seed does not shift every other part. */
  fork(label: string): Rng {
    let hash = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Rng(hash);
  }
}

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
let counter = 0;

/**
 * A cuid-shaped id ("c" + 24 base-36 characters) so ids can be set before insert and rows created
 * with createMany. Ids are unique, not deterministic: determinism is about the data, not the keys.
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(9, "0").slice(-9);
  counter = (counter + 1) % 36 ** 4;
  const count = counter.toString(36).padStart(4, "0");
  const bytes = randomBytes(11);
  let random = "";
  for (const byte of bytes) random += ALPHABET[byte % 36];
  return `c${time}${count}${random}`;
}
