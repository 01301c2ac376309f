import type { FleetSql, FleetSqlTx } from '../../fleet/fleet-sql.js';

/** The real database, counting every statement run through it (in a transaction too): a read's round trips, whatever the engine. */
export function countedStatements(sql: FleetSql): { sql: FleetSql; statements: () => number } {
  let n = 0;
  const counting = <T extends FleetSqlTx>(on: T): FleetSqlTx => ({
    dialect: on.dialect,
    query: (text, params) => (n++, on.query(text, params)),
    run: (text, params) => (n++, on.run(text, params)),
  });
  return {
    statements: () => n,
    sql: { ...counting(sql), close: sql.close.bind(sql), transaction: (fn) => sql.transaction((tx) => fn(counting(tx))) },
  };
}
