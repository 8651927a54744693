/**
 * Unpredictable randomness for ids and device codes, from the Web Crypto API (available in
 * every Chromium renderer and in Node 20). Math.random is not used: ids minted offline on many
 * devices must not collide, and Math.random's state can repeat across processes.
 */

const POOL_SIZE = 256;
const pool = new Uint32Array(POOL_SIZE);
let next = POOL_SIZE;

/** A float in [0, 1), like Math.random; refills a small pool to avoid one syscall per draw. */
export function cryptoRandom(): number {
  if (next >= POOL_SIZE) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  const value = pool[next] ?? 0;
  next++;
  return value / 4294967296;
}
