import { ulid } from 'ulid';

/** Opaque, time-sortable ids with a type prefix (Stripe style): `prod_01J…`. */
export function newId(prefix: string): string {
  return `${prefix}_${ulid()}`;
}
