import { ConflictError } from '@/server/errors';

/** A line could not be reserved: the whole order is refused and nothing is written. */
export class OutOfStockError extends ConflictError {
  constructor(
    readonly sku: string,
    requested: number,
    available: number,
  ) {
    super(
      available > 0
        ? `${sku} is out of stock: ${requested} requested, only ${available} available`
        : `${sku} is out of stock`,
      { reason: 'out_of_stock', sku, requested, available },
    );
  }
}
