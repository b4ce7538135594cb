// jstat ships no types and DefinitelyTyped has none for 1.9; declare only what we call.
declare module 'jstat' {
  type Dist1 = { cdf(x: number, ...p: number[]): number; inv(p: number, ...q: number[]): number };
  export const jStat: {
    normal: Dist1;
    studentt: Dist1;
    chisquare: Dist1;
    betaln(a: number, b: number): number;
  };
  const _default: { jStat: typeof jStat };
  export default _default;
}
