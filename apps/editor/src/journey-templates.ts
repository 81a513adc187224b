// The journeys a new journey can start from: the ones shipped in `templates/journeys/` (bundled
// at build time), plus an empty canvas. One module, so a template API can replace it later.
import type { JourneyDefinitionInput } from '@waypoint/journey';
/* The shipped journeys are data files of the repository, not a project: Vite bundles them as
   JSON, so the editor offers exactly the files the API reads (it loads the examples among them,
   not the journey library's, live on first start). */
/* eslint-disable @nx/enforce-module-boundaries */
import abandonedCart from '../../../templates/journeys/abandoned-cart.json';
import replenishment from '../../../templates/journeys/replenishment.json';
import weMissYou from '../../../templates/journeys/we-miss-you.json';
import welcomeCoupon from '../../../templates/journeys/welcome-coupon.json';
import browseAbandonment from '../../../templates/journeys/browse-abandonment.json';
import loyaltyInvitation from '../../../templates/journeys/loyalty-invitation.json';
import loyaltyTierUpgrade from '../../../templates/journeys/loyalty-tier-upgrade.json';
import backInStock from '../../../templates/journeys/back-in-stock.json';
import priceDrop from '../../../templates/journeys/price-drop.json';
import orderUpdates from '../../../templates/journeys/order-updates.json';
import postPurchaseFeedback from '../../../templates/journeys/post-purchase-feedback.json';
import birthday from '../../../templates/journeys/birthday.json';
import crossSell from '../../../templates/journeys/cross-sell.json';
/* eslint-enable @nx/enforce-module-boundaries */

export interface JourneyTemplate {
  key: string;
  /** What the picker calls it. */
  title: string;
  /** The new journey's name, until the marketer types another. */
  name: string;
  description: string;
  definition: JourneyDefinitionInput;
}

interface ShippedJourney {
  key: string;
  name: string;
  definition: unknown;
}

const DESCRIPTIONS: Record<string, string> = {
  'welcome-coupon': 'A first-order coupon for new customers, then a reminder by SMS or email.',
  'abandoned-cart': 'A reminder an hour after checkout, then free shipping on the last call.',
  replenishment: 'A reorder reminder three days before the product runs out.',
  'we-miss-you': 'A win-back offer for inactive customers, then a last offer or a survey.',
  'browse-abandonment':
    'The product a customer looked at, 4 hours later, unless they started a cart or ordered.',
  'loyalty-invitation':
    'An invitation to the rewards programme after the first order, then a points reminder.',
  'loyalty-tier-upgrade': 'Congratulations and an early-access code when a customer reaches a higher tier.',
  'back-in-stock': 'An SMS or email when a product the customer wanted is available again.',
  'price-drop': 'The old and new price when a product the customer looked at gets cheaper.',
  'order-updates': 'Order received, shipped (with the tracking link) and delivered, by email and SMS.',
  'post-purchase-feedback':
    'A satisfaction survey after delivery, again if unanswered; low scores alert you, high ones get a review request.',
  birthday: "A birthday coupon at 10:00 on the customer's birthday, in their time zone.",
  'cross-sell': 'Five days after the first order, products other customers bought with it.',
};

function fromShipped(journey: ShippedJourney): JourneyTemplate {
  return {
    key: journey.key,
    title: journey.name,
    name: journey.name,
    description: DESCRIPTIONS[journey.key] ?? '',
    // The files are checked against the shared schema by journey-templates.spec.ts.
    definition: journey.definition as JourneyDefinitionInput,
  };
}

export const BLANK_TEMPLATE: JourneyTemplate = {
  key: 'blank',
  title: 'Empty canvas',
  name: 'Untitled journey',
  description: 'An empty canvas.',
  definition: { nodes: [], edges: [], settings: { exitOn: [], reentry: { mode: 'after_exit' } } },
};

export const JOURNEY_TEMPLATES: readonly JourneyTemplate[] = [
  BLANK_TEMPLATE,
  ...[welcomeCoupon, abandonedCart, replenishment, weMissYou].map(fromShipped),
  ...[browseAbandonment, loyaltyInvitation, loyaltyTierUpgrade, backInStock, priceDrop].map(fromShipped),
  ...[orderUpdates, postPurchaseFeedback, birthday].map(fromShipped),
  ...[crossSell].map(fromShipped),
];
