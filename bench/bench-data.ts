/** Helpers the benchmarks share to build the same data on every run. */

/** A small deterministic generator (a linear congruential one), so every run benchmarks the same organization. */
export function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** A 'YYYY-MM-DD' date (UTC) from epoch milliseconds. */
export const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10)
