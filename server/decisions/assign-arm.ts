// Sticky canary assignment: the same subject always lands in the same one of 10,000 buckets
// for a version (salted per version, so each canary draws a fresh, independent sample).
import { createHash } from 'node:crypto';

export const BUCKETS = 10_000;

export function bucketOf(salt: string, subjectKey: string): number {
  const digest = createHash('sha256').update(`${salt}:${subjectKey}`).digest();
  return digest.readUInt32BE(0) % BUCKETS;
}

/** share is a percentage (0–100); 12.5 → buckets 0…1249. */
export function inCanary(salt: string, subjectKey: string, share: number): boolean {
  return bucketOf(salt, subjectKey) < Math.round(share * (BUCKETS / 100));
}
