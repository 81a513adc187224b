/** Loads templates saved through the API into a catalog, so the API and the worker render the same. */
import type { Query } from '../database';

export interface TemplateSink {
  useSaved(channel: 'email' | 'sms' | 'whatsapp', name: string, source: string): unknown;
}

export async function loadSavedTemplates(
  query: Query,
  sink: TemplateSink,
  only?: { channel: string; name: string },
): Promise<void> {
  const rows = only
    ? await query(`SELECT channel, name, source FROM templates WHERE channel = $1 AND name = $2`, [
        only.channel,
        only.name,
      ])
    : await query(`SELECT channel, name, source FROM templates`, []);
  for (const row of rows)
    sink.useSaved(row.channel as 'email' | 'sms' | 'whatsapp', row.name as string, row.source as string);
}
