// The part of autocannon 8's API the load benchmarks use (it ships no types).
declare module 'autocannon' {
  type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: { setupRequest?: (req: Req) => Req }[];
  };
  type Instance = { on: (event: string, fn: (...args: never[]) => void) => Instance; stop: () => void };
  function autocannon(opts: Options, done: (err: Error | null, result: unknown) => void): Instance;
  export default autocannon;
}
