/**
 * A compact set of strings seen, for an import's duplicate-id check over a million relationship
 * ids: each id is kept as a 64-bit digest in an open-addressing table of two Uint32Arrays (8 bytes
 * a slot, at most half full: 8–32 bytes per id, against about 90 for a Set of the strings).
 * `add` answers whether the digest was there already, so a true answer means "maybe seen": two
 * different ids share a digest with a chance of about n² / 2⁶⁵ (3e-8 for a million ids), and the
 * caller confirms a maybe against the ids themselves (validate.ts re-reads the file for them).
 */
export class IdDigests {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength;
  }

  /** Adds the id's digest; true if it was there already (the id, or one with the same digest, was added before). */
  add(id: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b9;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = mix(h1 ^ id.length);
    h2 = mix(h2 ^ h1);
    // 0/0 marks an empty slot.
    if (h1 === 0 && h2 === 0) h2 = 1;
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    return this.put(h1 >>> 0, h2 >>> 0);
  }

  private put(hi: number, lo: number): boolean {
    const mask = this.hi.length - 1;
    for (let slot = (hi ^ lo) & mask; ; slot = (slot + 1) & mask) {
      const h = this.hi[slot] as number;
      const l = this.lo[slot] as number;
      if (h === 0 && l === 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.count++;
        return false;
      }
      if (h === hi && l === lo) return true;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.count = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.put(hi[i] as number, lo[i] as number);
  }
}

/** murmur3's 32-bit finaliser. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
