/**
 * Dataset loads committed by this process (a seed, an import, POST /admin/import). Caches of the
 * data version compare this count with the one they last saw, so a load made here is seen at once
 * rather than at their next recheck. Loads by other processes reach them through the recheck and,
 * with Redis, the data-version channel.
 */
let committed = 0;

export function noteDataLoadCommitted(): void {
  committed += 1;
}

export function dataLoadsCommitted(): number {
  return committed;
}
