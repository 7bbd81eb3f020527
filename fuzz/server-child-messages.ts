// Messages between the fuzz runner and the process that hosts the fuzzed server.
export type ChildToFuzzer =
  | { type: 'ready'; port: number; classicPort: number; fingerprint: string; maxFrameBytes: number }
  | { type: 'heap'; heapUsedBytes: number };

export type FuzzerToChild = { type: 'measure_heap' } | { type: 'stop' };
