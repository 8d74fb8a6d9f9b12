/**
 * Python's `random.Random` (CPython 3.x: Mersenne Twister MT19937, seeded from an integer with
 * init_by_array), reproducing the exact draw sequence of the methods the synthetic cohort model
 * uses, so `generate-cohort.ts` makes byte-identical cohorts to the contract's `gen_cohort.py`.
 */
export interface PythonRandom {
  random(): number
  randbelow(n: number): number
  randint(a: number, b: number): number
  choice<T>(items: readonly T[]): T
  choices<T>(items: readonly T[], weights: readonly number[]): T
  shuffle<T>(items: T[]): void
  sample(n: number, k: number): number[]
}

const N = 624
const M = 397

export function createPythonRandom(seed: number): PythonRandom {
  if (!Number.isSafeInteger(seed)) throw new Error('seed must be a safe integer')
  const mt = new Uint32Array(N)
  let index = N + 1

  const initGenrand = (s: number) => {
    mt[0] = s >>> 0
    for (let i = 1; i < N; i++) mt[i] = (Math.imul(1812433253, mt[i - 1] ^ (mt[i - 1] >>> 30)) + i) >>> 0
    index = N
  }

  const initByArray = (key: number[]) => {
    initGenrand(19650218)
    let i = 1
    let j = 0
    for (let k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = ((mt[i] ^ Math.imul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1664525)) + key[j] + j) >>> 0
      i++
      j++
      if (i >= N) {
        mt[0] = mt[N - 1]
        i = 1
      }
      if (j >= key.length) j = 0
    }
    for (let k = N - 1; k > 0; k--) {
      mt[i] = ((mt[i] ^ Math.imul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1566083941)) - i) >>> 0
      i++
      if (i >= N) {
        mt[0] = mt[N - 1]
        i = 1
      }
    }
    mt[0] = 0x80000000
  }

  const genrandUint32 = (): number => {
    if (index >= N) {
      for (let kk = 0; kk < N; kk++) {
        const y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % N] & 0x7fffffff)
        mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)
      }
      index = 0
    }
    let y = mt[index++]
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  // CPython seeds from |seed| split into 32-bit words, least significant first
  const magnitude = Math.abs(seed)
  const key = magnitude < 2 ** 32 ? [magnitude] : [magnitude % 2 ** 32, Math.floor(magnitude / 2 ** 32)]
  initByArray(key)

  const getrandbits = (k: number): number => (k === 0 ? 0 : genrandUint32() >>> (32 - k))
  const randbelow = (n: number): number => {
    const k = 32 - Math.clz32(n)
    let r = getrandbits(k)
    while (r >= n) r = getrandbits(k)
    return r
  }
  const random = (): number => {
    const a = genrandUint32() >>> 5
    const b = genrandUint32() >>> 6
    return (a * 67108864 + b) / 9007199254740992
  }

  return {
    random,
    randbelow,
    randint: (a, b) => a + randbelow(b - a + 1),
    choice: (items) => items[randbelow(items.length)],
    choices: (items, weights) => {
      const cumulative: number[] = []
      let sum = 0
      for (const w of weights) {
        sum += w
        cumulative.push(sum)
      }
      const x = random() * sum
      // bisect_right over cumulative[0 .. n - 1)
      let lo = 0
      let hi = items.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (x < cumulative[mid]) hi = mid
        else lo = mid + 1
      }
      return items[lo]
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = randbelow(i + 1)
        ;[items[i], items[j]] = [items[j], items[i]]
      }
    },
    sample: (n, k) => {
      // random.sample(range(n), k), CPython 3.11
      let setSize = 21
      if (k > 5) setSize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4))
      const result: number[] = []
      if (n <= setSize) {
        const pool = Array.from({ length: n }, (_, i) => i)
        for (let i = 0; i < k; i++) {
          const j = randbelow(n - i)
          result.push(pool[j])
          pool[j] = pool[n - i - 1]
        }
      } else {
        const selected = new Set<number>()
        for (let i = 0; i < k; i++) {
          let j = randbelow(n)
          while (selected.has(j)) j = randbelow(n)
          selected.add(j)
          result.push(j)
        }
      }
      return result
    },
  }
}
