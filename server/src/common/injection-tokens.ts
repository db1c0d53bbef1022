/**
 * The DataSource that writes (the primary), for the few services that write through GraphQL (a release's
 * publication). The plain `DataSource` a schema gets may route reads to replicas.
 */
export const PRIMARY_DATA_SOURCE = Symbol("primary data source");
