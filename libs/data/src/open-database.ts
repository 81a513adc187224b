/**
 * A `Database` for a short-lived process outside Nest (the command-line tools): its own
 * connection with the usual options, closed by the caller when done.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { Database } from './database';

export class StandaloneDatabase extends Database {
  /** Closes the connection; the database is of no further use. */
  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}

export async function openDatabase(url: string, poolSize = 1): Promise<StandaloneDatabase> {
  return new StandaloneDatabase(await new DataSource(dataSourceOptions(url, poolSize)).initialize());
}
