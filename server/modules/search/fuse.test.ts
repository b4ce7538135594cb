import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './fuse';

describe('reciprocalRankFusion', () => {
  it('sums weighted reciprocal ranks (k = 60)', () => {
    const fused = reciprocalRankFusion(
      [
        { name: 'keyword', weight: 1, ids: ['a', 'b', 'c'] },
        { name: 'vector', weight: 2, ids: ['c', 'a'] },
      ],
      60,
    );
    // a: 1/61 + 2/62 = 0.016393 + 0.032258 = 0.048651
    // c: 1/63 + 2/61 = 0.015873 + 0.032787 = 0.048660
    // b: 1/62        = 0.016129
    expect(fused.map((f) => f.id)).toEqual(['c', 'a', 'b']);
    expect(fused[0]!.score).toBeCloseTo(1 / 63 + 2 / 61, 10);
    expect(fused[1]!.score).toBeCloseTo(1 / 61 + 2 / 62, 10);
    expect(fused[2]!.score).toBeCloseTo(1 / 62, 10);
    expect(fused[0]!.sources).toEqual(['keyword', 'vector']);
    expect(fused[0]!.ranks).toEqual({ keyword: 3, vector: 1 });
  });

  it('ignores lists with zero weight and counts a repeated id once per list', () => {
    const fused = reciprocalRankFusion(
      [
        { name: 'keyword', weight: 0, ids: ['x'] },
        { name: 'vector', weight: 1, ids: ['y', 'y', 'z'] },
      ],
      10,
    );
    expect(fused.map((f) => [f.id, f.score])).toEqual([
      ['y', 1 / 11],
      ['z', 1 / 13],
    ]);
  });

  it('breaks ties by id so pages are stable', () => {
    const fused = reciprocalRankFusion(
      [
        { name: 'keyword', weight: 1, ids: ['m', 'k'] },
        { name: 'vector', weight: 1, ids: ['k', 'm'] },
      ],
      60,
    );
    expect(fused.map((f) => f.id)).toEqual(['k', 'm']);
  });
});
