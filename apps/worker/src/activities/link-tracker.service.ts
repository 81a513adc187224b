/**
 * Replaces the links of a journey message by tracked links of the engine (`<PUBLIC_URL>/c/<token>`,
 * docs/product.md "Tracked links") and answers what each token stands for, which the message
 * ledger stores with its claim, before the message is sent. Tokens are derived from the run, the
 * node and the URL, so a retried send writes the same rows and the same body. The unsubscribe link
 * is never rewritten.
 */
import { Inject, Injectable } from '@nestjs/common';
import { linkToken, rewriteHtmlLinks, rewriteTextLinks } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { TrackedLinkRow } from '@waypoint/data';

export interface TrackedSend {
  runId: string;
  nodeId: string;
  customerId: string;
}

/** The body with tracked links, and the links to store (none when links are not tracked). */
export interface TrackedBody {
  body: string;
  links: TrackedLinkRow[];
}

@Injectable()
export class LinkTracker {
  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  html(body: string, send: TrackedSend): TrackedBody {
    return this.track(body, send, rewriteHtmlLinks);
  }

  text(body: string, send: TrackedSend): TrackedBody {
    return this.track(body, send, rewriteTextLinks);
  }

  private track(
    body: string,
    send: TrackedSend,
    rewrite: (body: string, track: (url: string) => string | null) => string,
  ): TrackedBody {
    if (!this.env.TRACK_LINKS) return { body, links: [] };
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
    return { body: rewritten, links: [...links.values()] };
  }
}
