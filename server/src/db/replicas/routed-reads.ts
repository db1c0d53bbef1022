import type { DataSource, QueryRunner } from "typeorm";
import type { ReplicaSet } from "./replica-set";

/**
 * A DataSource for readers (the engine, the reference service, token checks) whose statements run
 * on the replica set's choice: each `query`, `transaction` and query runner goes to the next usable
 * replica, or to the primary. Everything else (driver, options, pool limits) is the primary's.
 * Why a Proxy rather than a DataSource of its own: TypeORM's replication mode sends raw `query()`
 * calls to the master and picks slaves at random without health, and the readers' code stays
 * typed against DataSource unchanged.
 *
 * `query` and `transaction` are reads here, so one that loses its replica's connection is retried
 * once on the next choice. A query runner reports such a loss to the set; its caller (the engine)
 * retries the whole answer, because a runner cannot change databases half-way.
 */
export function routedReads(replicas: ReplicaSet): DataSource {
  const retried = async <T>(work: (db: DataSource) => Promise<T>): Promise<T> => {
    const db = replicas.pick();
    try {
      return await work(db);
    } catch (error) {
      if (!replicas.reportFailure(db, error)) throw error;
      return work(replicas.pick());
    }
  };
  const runnerOn = (db: DataSource): QueryRunner => {
    const runner = db.createQueryRunner();
    const { connect, query } = runner;
    const reported = <T>(work: Promise<T>) =>
      work.catch((error: unknown) => {
        replicas.reportFailure(db, error);
        throw error;
      });
    runner.connect = () => reported(connect.call(runner));
    runner.query = ((...args: Parameters<QueryRunner["query"]>) =>
      reported(query.apply(runner, args))) as QueryRunner["query"];
    return runner;
  };
  return new Proxy(replicas.primary, {
    get(primary, property, receiver) {
      switch (property) {
        case "query":
          return (sql: string, parameters?: unknown[]) => retried((db) => db.query(sql, parameters));
        case "transaction":
          return (...args: unknown[]) =>
            retried((db) => (db.transaction as (...a: unknown[]) => Promise<unknown>).apply(db, args));
        case "createQueryRunner":
          return () => runnerOn(replicas.pick());
        case "getRepository":
          return (target: Parameters<DataSource["getRepository"]>[0]) => replicas.pick().getRepository(target);
        default:
          return Reflect.get(primary, property, receiver);
      }
    },
  });
}
