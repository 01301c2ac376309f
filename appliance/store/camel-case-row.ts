/** `created_at` → `createdAt`, as a type. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** A row's type with each column under its field's name (`names`, else the camelCase of the column), its value's type unchanged. */
type CamelCaseRow<R, N> = { [K in keyof R as K extends keyof N ? N[K] & string : K extends string ? CamelCase<K> : K]: R[K] };

/** Column names seen so far and their field names: a listing converts the same few names row after row. */
const fieldNames = new Map<string, string>();

function fieldName(column: string): string {
  let name = fieldNames.get(column);
  if (name === undefined) fieldNames.set(column, (name = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())));
  return name;
}

/**
 * A row as the code names its fields (`created_at` → `createdAt`; a column whose field has
 * another name, under the name `names` gives it), values untouched. A table's columns are
 * written once, in its row type: a mapper says only what differs (a JSON column parsed). The
 * same on SQLite and on PostgreSQL, which both answer with the columns' own names.
 */
export function camelCaseRow<R extends object, const N extends { [K in keyof R]?: string } = {}>(row: R, names?: N): CamelCaseRow<R, N> {
  const out: Record<string, unknown> = {};
  for (const column in row) out[(names?.[column] as string | undefined) ?? fieldName(column)] = row[column];
  return out as CamelCaseRow<R, N>;
}
