// Who the checkout tests and benchmarks buy as: a valid address, and a fresh card and client
// address per order. No imports, so a benchmark's load-generating worker thread can use it
// without loading the app.
export const address = {
  name: 'Ada Lovelace',
  line1: '12 Market Street',
  city: 'San Francisco',
  region: 'CA',
  postalCode: '94105',
  country: 'US',
};

/**
 * A distinct, Luhn-valid card the local provider authorises, and a distinct client address:
 * tests placing many orders must not look like card testing from one card and IP (the risk
 * model would rightly reject that).
 */
export function freshCard(): string {
  const digits = [4, 2, 4, 2, ...Array.from({ length: 11 }, () => Math.floor(Math.random() * 10))];
  const sum = digits
    .slice()
    .reverse()
    .reduce((acc, d, i) => acc + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

export function freshIp(): string {
  const b = () => 1 + Math.floor(Math.random() * 250);
  return `10.${b()}.${b()}.${b()}`;
}

/**
 * A fresh address a person would have: letters only. An address full of digits looks
 * machine-generated to the risk model, which with a first order of resellable goods can tip
 * an order into review or rejection and make a journey depend on which product it bought.
 */
export function humanEmail(name: string): string {
  const letters = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  return `${name}.${letters}@example.com`;
}
