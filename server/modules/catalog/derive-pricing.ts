// WANDS has no prices or stock. We derive them deterministically from the product id and
// class so every install shows the same store (README: "Prices and stock").
import { createHash } from 'node:crypto';

/** Price bands in cents by top-level category: [min, max]. */
const BANDS: Record<string, [number, number]> = {
  Furniture: [8_900, 149_900],
  Rugs: [4_900, 89_900],
  Lighting: [2_900, 49_900],
  Outdoor: [3_900, 119_900],
  Appliances: [9_900, 199_900],
  'Commercial Business Furniture': [9_900, 159_900],
  'Décor & Pillows': [1_200, 19_900],
  'Kitchen & Tabletop': [900, 24_900],
  'Bed & Bath': [1_900, 39_900],
  'Home Improvement': [900, 59_900],
  'Storage & Organization': [1_500, 39_900],
  'Baby & Kids': [1_900, 49_900],
  Pet: [900, 29_900],
};
const DEFAULT_BAND: [number, number] = [1_500, 29_900];

/** A stable number in [0, 1) from the inputs. */
function unitHash(...parts: string[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

export function derivePriceCents(externalId: string, topCategory: string | undefined, productClass: string | undefined): number {
  const [min, max] = BANDS[topCategory ?? ''] ?? DEFAULT_BAND;
  // Log-uniform: cheap items are more common than expensive ones within a band.
  const u = unitHash('price', externalId, productClass ?? '');
  const raw = Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
  // Retail endings: whole dollars minus one cent (…99).
  const cents = Math.round(raw / 100) * 100 - 1;
  return cents < min ? cents + 100 : cents;
}

export function deriveStock(externalId: string): number {
  const u = unitHash('stock', externalId);
  if (u < 0.08) return 0; // about one in twelve products is out of stock
  return 1 + Math.floor(unitHash('stock-qty', externalId) * 60);
}
