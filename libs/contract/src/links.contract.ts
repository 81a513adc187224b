/** Tracked links of sent messages (docs/product.md, "Tracked links"): `/c/{token}` redirects. */
import { z } from 'zod';
import { text } from './http';

export const trackedLinkParams = z.object({
  token: text(64).min(1).describe('The token of a link in a sent message'),
});
