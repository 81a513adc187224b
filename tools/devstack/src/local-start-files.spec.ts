import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeDatabaseUrl } from './database-url-file';
import { temporalUiUrlEnv } from './temporal-dev-server';

describe('what npm start hands the command-line tools and the API', () => {
  it('keeps the full database URL, password included, in .data/database-url for its owner only', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'devstack-'));
    const url = 'postgres://postgres:s3cret@127.0.0.1:5433/waypoint';
    const file = writeDatabaseUrl(data, url);
    expect(file).toBe(path.join(data, 'database-url'));
    expect(readFileSync(file, 'utf8').trim()).toBe(url);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A later start with another URL replaces it.
    writeDatabaseUrl(data, 'postgres://postgres:other@127.0.0.1:5434/waypoint');
    expect(readFileSync(file, 'utf8').trim()).toBe('postgres://postgres:other@127.0.0.1:5434/waypoint');
  });

  it('points TEMPORAL_UI_URL at the UI it started, unless the caller set it', () => {
    expect(temporalUiUrlEnv('http://127.0.0.1:8299', {})).toEqual({
      TEMPORAL_UI_URL: 'http://127.0.0.1:8299',
    });
    expect(
      temporalUiUrlEnv('http://127.0.0.1:8299', { TEMPORAL_UI_URL: 'https://temporal.example' }),
    ).toEqual({});
    expect(temporalUiUrlEnv(undefined, {})).toEqual({});
  });
});
