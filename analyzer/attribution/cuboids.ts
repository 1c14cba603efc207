import type { LeafTable } from './leaf-table.ts'

/**
 * A cuboid is a set of dimensions (e.g. {channel, region}); its elements are
 * the value combinations that occur (e.g. channel=jd ∧ region=广东). The
 * grouping of leaves into elements never changes during a search, so it is
 * computed once per cuboid and reused: `groupOf` for summing in one pass,
 * and the leaves of each element contiguous in `order` (counting sort) for
 * scoring one element without scanning the whole table.
 */
export interface Cuboid {
  dims: number[]
  groupOf: Int32Array
  groupCount: number
  /** Leaves of element g: order[start[g]] … order[start[g + 1] - 1]. */
  start: Int32Array
  order: Int32Array
  /** The element's value code in each of the cuboid's dimensions: groupCodes[k][g]. */
  groupCodes: Int32Array[]
}

/** All k-subsets of 0…n-1, in lexicographic order. */
export function combinations(n: number, k: number): number[][] {
  const out: number[][] = []
  const pick = (from: number, chosen: number[]) => {
    if (chosen.length === k) return void out.push([...chosen])
    for (let i = from; i < n; i++) pick(i + 1, [...chosen, i])
  }
  pick(0, [])
  return out
}

export function buildCuboid(table: LeafTable, dims: number[]): Cuboid {
  const n = table.actual.length
  const groupOf = new Int32Array(n)
  const groupCodes: number[][] = dims.map(() => [])
  const keyOf = leafKeyFunction(table, dims)
  const seen = groupIndex(table, dims, n)
  let groupCount = 0
  for (let i = 0; i < n; i++) {
    const key = keyOf(i)
    let g = seen.get(key)
    if (g === undefined) {
      g = groupCount++
      seen.set(key, g)
      for (let k = 0; k < dims.length; k++) groupCodes[k]!.push(table.codes[dims[k]!]![i]!)
    }
    groupOf[i] = g
  }
  const start = new Int32Array(groupCount + 1)
  for (let i = 0; i < n; i++) start[groupOf[i]! + 1]!++
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!
  const fill = start.slice(0, groupCount)
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[fill[groupOf[i]!]!++] = i
  return { dims, groupOf, groupCount, start, order, groupCodes: groupCodes.map((c) => Int32Array.from(c)) }
}

interface GroupIndex {
  get(key: number | string): number | undefined
  set(key: number | string, group: number): void
}

/** Key → element: a plain array when the cuboid's key space is small (the common case, and several times faster), a Map otherwise. */
function groupIndex(table: LeafTable, dims: number[], n: number): GroupIndex {
  const space = dims.reduce((p, d) => p * Math.max(1, table.values[d]!.length), 1)
  if (space > Math.max(4 * n, 1 << 16)) return new Map<number | string, number>()
  const slots = new Int32Array(space).fill(-1)
  return {
    get: (key) => (slots[key as number]! >= 0 ? slots[key as number] : undefined),
    set: (key, group) => void (slots[key as number] = group),
  }
}

/** A leaf's element key in the cuboid: mixed-radix integer while it fits in a double exactly, text beyond. */
function leafKeyFunction(table: LeafTable, dims: number[]): (leaf: number) => number | string {
  const radices = dims.map((d) => Math.max(1, table.values[d]!.length))
  const product = radices.reduce((a, b) => a * b, 1)
  const columns = dims.map((d) => table.codes[d]!)
  if (product > Number.MAX_SAFE_INTEGER) return (i) => columns.map((c) => c[i]).join(',')
  return (i) => {
    let key = 0
    for (let k = 0; k < columns.length; k++) key = key * radices[k]! + columns[k]![i]!
    return key
  }
}
