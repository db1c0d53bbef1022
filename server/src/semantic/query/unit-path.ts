/** "/1/38/512/" → 38: the top-level unit on a materialised path. */
export function topUnitIdOf(path: string): number {
  const id = Number(path.split("/")[2]);
  if (!Number.isInteger(id)) throw new Error(`unit path without a top-level unit: ${path}`);
  return id;
}
