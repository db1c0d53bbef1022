/**
 * The id of the unit at `depth` on the materialised path of the unit aliased `alias`
 * ("/1/38/512/…": depth 0 → 1, the confederation; depth 1 → 38; depth 2 → 512): one lookup, no recursion.
 */
export function unitAtDepthSql(alias: string, depth: number): string {
  return `split_part(${alias}.path, '/', ${depth + 2})::int`;
}
