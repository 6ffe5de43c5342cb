// A small deterministic random generator (a linear congruential one): the same "random" inputs on
// every run, so that a failure can be reproduced from its seed.
export function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}
