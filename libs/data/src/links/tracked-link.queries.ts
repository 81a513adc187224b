/** Tracked links of sent messages and the requests made to them (docs/product.md, "Tracked links"). */
import type { Query } from '../database';

export interface TrackedLinkRow {
  token: string;
  run_id: string;
  node_id: string;
  customer_id: string;
  url: string;
}

/** A link with what a click on it is attributed to: the run's journey and the message sent. */
export interface TrackedLinkTarget extends TrackedLinkRow {
  journey_id: string | null;
  message_id: string | null;
  channel: string | null;
}

export async function findTrackedLink(query: Query, token: string): Promise<TrackedLinkTarget | null> {
  const [row] = await query(
    `SELECT l.token, l.run_id, l.node_id, l.customer_id, l.url, r.journey_id, m.id AS message_id, m.channel
       FROM tracked_links l
       LEFT JOIN runs r ON r.id = l.run_id
       LEFT JOIN LATERAL (
         SELECT id, channel FROM messages WHERE run_id = l.run_id AND node_id = l.node_id
          ORDER BY created_at DESC LIMIT 1
       ) m ON true
      WHERE l.token = $1`,
    [token],
  );
  return (row as unknown as TrackedLinkTarget | undefined) ?? null;
}

export async function recordLinkRequest(
  query: Query,
  request: { token: string; prefetch: boolean; userAgent: string | null; eventId: string | null },
): Promise<void> {
  await query(`INSERT INTO link_clicks (token, prefetch, user_agent, event_id) VALUES ($1, $2, $3, $4)`, [
    request.token,
    request.prefetch,
    request.userAgent,
    request.eventId,
  ]);
}

/**
 * A person clicked a tracked link of the message: its delivery status becomes `clicked` (the last
 * stage; a click proves it arrived) and `clicked_at` keeps the first click.
 */
export async function markMessageClicked(query: Query, messageId: string, at: Date): Promise<void> {
  await query(
    `UPDATE messages SET
         delivery_status = 'clicked',
         delivery_updated_at = CASE WHEN delivery_status IS DISTINCT FROM 'clicked' THEN $2 ELSE delivery_updated_at END,
         clicked_at = LEAST(clicked_at, $2)
       WHERE id = $1`,
    [messageId, at],
  );
}
