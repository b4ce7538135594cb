// Rebuilds prisma/seed-data/wands-products.tsv, the committed catalog subset that
// `npm start` seeds: N products chosen round-robin across product classes (each class's
// products in a fixed hash order), so the store shows the catalog's breadth.
// Usage: npm exec tsx scripts/build-seed-subset.ts -- [--from ../shared/data/wands] [--count 3000]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { from: { type: 'string', default: '../shared/data/wands' }, count: { type: 'string', default: '3000' } },
});
const count = Number(values.count);
const text = readFileSync(path.join(values.from, 'products.tsv'), 'utf8');
const [header, ...lines] = text.split('\n').filter(Boolean);
const order = (line: string) => createHash('sha256').update(line.split('\t')[0]!).digest('hex');

const byClass = new Map<string, string[]>();
for (const line of lines) {
  const cls = (line.split('\t')[2] ?? '').split('|')[0]!.trim() || '(none)';
  byClass.set(cls, [...(byClass.get(cls) ?? []), line]);
}
const queues = [...byClass.values()].map((q) => q.sort((a, b) => order(a).localeCompare(order(b))));
const picked: string[] = [];
while (picked.length < count && queues.some((q) => q.length)) {
  for (const q of queues) {
    const next = q.shift();
    if (next && picked.length < count) picked.push(next);
  }
}
picked.sort((a, b) => Number(a.split('\t')[0]) - Number(b.split('\t')[0]));
writeFileSync('prisma/seed-data/wands-products.tsv', [header, ...picked].join('\n') + '\n');
console.log(JSON.stringify({ products: picked.length, classes: byClass.size }));
