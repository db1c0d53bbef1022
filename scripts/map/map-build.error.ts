/** A failure the map build reports as one line and exit code 1 (missing source, a province without geometry...). */
export class MapBuildError extends Error {
  override name = "MapBuildError";
}
