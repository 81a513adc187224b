/**
 * The TypeORM entities declare every table the migrations make, column for column: name, type,
 * nullability and primary key, read back from a migrated PostgreSQL's information_schema. A
 * migration that adds a column without its entity (or the reverse) fails here, not in production.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import { DataSource, type EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dataSourceOptions } from '../src/data-source-options';

interface TableColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  numeric_precision: number | null;
  numeric_scale: number | null;
}

/** TypeORM's own bookkeeping, not part of the schema. */
const NOT_SCHEMA = new Set(['migrations']);

describe('entities match the migrated schema', () => {
  const db = new TestDatabase();
  let dataSource: DataSource;
  let columns: TableColumn[];
  let primaryKeys: Map<string, string[]>;

  beforeAll(async () => {
    await db.create();
    dataSource = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    columns = (
      await db.query<TableColumn>(
        `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable,
                CASE WHEN c.data_type = 'numeric' THEN c.numeric_precision END AS numeric_precision,
                CASE WHEN c.data_type = 'numeric' THEN c.numeric_scale END AS numeric_scale
           FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          ORDER BY c.table_name, c.ordinal_position`,
      )
    ).filter((c) => !NOT_SCHEMA.has(c.table_name));
    const keys = await db.query<{ table_name: string; column_name: string }>(
      `SELECT k.table_name, k.column_name
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage k
           ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
        WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
        ORDER BY k.table_name, k.column_name`,
    );
    primaryKeys = new Map();
    for (const k of keys)
      primaryKeys.set(k.table_name, [...(primaryKeys.get(k.table_name) ?? []), k.column_name]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  const tables = () => [...new Set(columns.map((c) => c.table_name))].sort();
  const entityOf = (table: string) => dataSource.entityMetadatas.find((e) => e.tableName === table);
  const columnsOf = (table: string) => columns.filter((c) => c.table_name === table);

  /** The column's type as PostgreSQL names it, `[]` marking an array (`text[]`). */
  function entityType(column: ColumnMetadata): string {
    const type = dataSource.driver.normalizeType(column);
    return column.isArray ? `${type}[]` : type;
  }
  function tableType(column: TableColumn): string {
    if (column.data_type !== 'ARRAY') return column.data_type;
    const element = column.udt_name.replace(/^_/, '');
    return `${element === 'int4' ? 'integer' : element}[]`;
  }
  function describeEntityColumn(entity: EntityMetadata, column: ColumnMetadata): string {
    const precision = column.precision ? `(${column.precision},${column.scale ?? 0})` : '';
    return `${entity.tableName}.${column.databaseName} ${entityType(column)}${precision}${column.isNullable ? ' null' : ' not null'}`;
  }
  function describeTableColumn(column: TableColumn): string {
    const precision = column.numeric_precision
      ? `(${column.numeric_precision},${column.numeric_scale ?? 0})`
      : '';
    return `${column.table_name}.${column.column_name} ${tableType(column)}${precision}${column.is_nullable === 'YES' ? ' null' : ' not null'}`;
  }

  it('finds the tables of the migrations', () => {
    expect(tables()).toEqual(
      expect.arrayContaining(['customers', 'events', 'runs', 'messages', 'audit_log']),
    );
  });

  it('has an entity for every table the migrations make', () => {
    expect(tables().filter((table) => !entityOf(table))).toEqual([]);
  });

  it('has a table for every entity', () => {
    const known = new Set(tables());
    expect(dataSource.entityMetadatas.map((e) => e.tableName).filter((t) => !known.has(t))).toEqual([]);
  });

  it('declares every entity column in its table with the same type and nullability', () => {
    const mismatches: string[] = [];
    for (const entity of dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        const actual = columnsOf(entity.tableName).find((c) => c.column_name === column.databaseName);
        const declared = describeEntityColumn(entity, column);
        if (!actual) mismatches.push(`${declared}: no such column`);
        else if (describeTableColumn(actual) !== declared)
          mismatches.push(`${declared}: the table has ${describeTableColumn(actual)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('leaves no table column out of its entity', () => {
    const missing = tables().flatMap((table) => {
      const entity = entityOf(table);
      if (!entity) return [];
      return columnsOf(table)
        .filter((c) => !entity.columns.some((column) => column.databaseName === c.column_name))
        .map(describeTableColumn);
    });
    expect(missing).toEqual([]);
  });

  it("gives each entity its table's primary key", () => {
    const differing = dataSource.entityMetadatas
      .map((entity) => ({
        table: entity.tableName,
        entity: entity.primaryColumns.map((c) => c.databaseName).sort(),
        table_key: primaryKeys.get(entity.tableName) ?? [],
      }))
      .filter((k) => k.entity.join() !== k.table_key.join());
    expect(differing).toEqual([]);
  });
});
