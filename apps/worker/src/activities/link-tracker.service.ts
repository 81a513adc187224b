/**
 * Replaces the links of a journey message by tracked links of the engine (`<PUBLIC_URL>/c/<token>`,
 * docs/product.md "Tracked links") and stores what each token stands for, before the message is
 * claimed and sent. Tokens are derived from the run, the node and the URL, so a retried send
 * writes the same rows and the same body. The unsubscribe link is never rewritten.
 */
import { Inject, Injectable } from '@nestjs/common';
import { linkToken, rewriteHtmlLinks, rewriteTextLinks } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { Database, saveTrackedLinks, type TrackedLinkRow } from '@waypoint/data';

export interface TrackedSend {
  runId: string;
  nodeId: string;
  customerId: string;
}

@Injectable()
export class LinkTracker {
  constructor(
    private readonly db: Database,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  html(body: string, send: TrackedSend): Promise<string> {
    return this.track(body, send, rewriteHtmlLinks);
  }

  text(body: string, send: TrackedSend): Promise<string> {
    return this.track(body, send, rewriteTextLinks);
  }

  private async track(
    body: string,
    send: TrackedSend,
    rewrite: (body: string, track: (url: string) => string | null) => string,
  ): Promise<string> {
    if (!this.env.TRACK_LINKS) return body;
    const base = this.env.PUBLIC_URL.replace(/\/$/, '');
    const links = new Map<string, TrackedLinkRow>();
    const rewritten = rewrite(body, (url) => {
      // Our own links (unsubscribe, an already tracked link) stay as they are.
      if (url.startsWith(`${base}/`)) return null;
      const token = linkToken(this.env.APP_SECRET, send, url);
      links.set(token, {
        token,
        run_id: send.runId,
        node_id: send.nodeId,
        customer_id: send.customerId,
        url,
      });
      return `${base}/c/${token}`;
    });
    await saveTrackedLinks(this.db.query, [...links.values()]);
    return rewritten;
  }
}
