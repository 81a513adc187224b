/**
 * What a template sees: the customer, the (latest) trigger event, the latest coupon, the store,
 * links, and from the catalogue (docs/product.md, "Products"): each cart or order line with its
 * product's `image`, `url` and `inStock`, and `recommendations` (bought together with what the
 * customer bought or has in this cart or order, in stock, never one they bought). Recommendations
 * are a query of their own: a send whose template never mentions them skips it (`reads`).
 */
import { Inject, Injectable } from '@nestjs/common';
import { signUnsubscribeToken } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { catalogueFieldsForLines, Database, recommendationsFor, type SendCustomer } from '@waypoint/data';
import type { TemplateState } from '@waypoint/journey';

/** Recommendations a template can show: a row of products fits four. */
const RECOMMENDATIONS = 4;

type Line = Record<string, unknown>;

@Injectable()
export class TemplateContextBuilder {
  constructor(
    private readonly db: Database,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  unsubscribeUrl(customerId: string): string {
    return `${this.env.PUBLIC_URL.replace(/\/$/, '')}/u/${signUnsubscribeToken(customerId, this.env.APP_SECRET)}`;
  }

  async build(
    customer: SendCustomer,
    state: TemplateState,
    reads: { recommendations: boolean } = { recommendations: true },
  ): Promise<Record<string, unknown>> {
    const properties = state.event?.properties ?? {};
    const lines = Array.isArray(properties.lineItems)
      ? (properties.lineItems as unknown[]).filter((l): l is Line => typeof l === 'object' && l !== null)
      : [];
    const [lineItems, recommendations] = await Promise.all([
      this.withCatalogue(lines),
      reads.recommendations
        ? recommendationsFor(this.db.query, customer.id, {
            alsoHas: [
              ...new Set(lines.map((l) => idOf(l.productId)).filter((id): id is string => id !== null)),
            ],
            limit: RECOMMENDATIONS,
          })
        : [],
    ]);
    return {
      customer: {
        id: customer.id,
        externalId: customer.externalId,
        email: customer.email,
        phone: customer.phone,
        firstName: customer.firstName,
        lastName: customer.lastName,
        loyaltyPoints: customer.loyaltyPoints,
        attributes: customer.attributes,
      },
      event: state.event
        ? {
            type: state.event.type,
            properties: Array.isArray(properties.lineItems) ? { ...properties, lineItems } : properties,
          }
        : null,
      coupon: state.coupon,
      store: {
        name: this.env.STORE_NAME,
        url: this.env.STORE_URL,
        reviewUrl: this.env.STORE_REVIEW_URL ?? this.env.STORE_URL,
      },
      unsubscribeUrl: this.unsubscribeUrl(customer.id),
      recommendations,
    };
  }

  /** Each line with its product's image, URL and stock from the catalogue (what the line says wins). */
  private async withCatalogue(lines: Line[]): Promise<Line[]> {
    if (lines.length === 0) return lines;
    const found = await catalogueFieldsForLines(
      this.db.query,
      lines.map((l) => ({ productId: idOf(l.productId), variantId: idOf(l.variantId) })),
    );
    return lines.map((line) => {
      const productId = idOf(line.productId);
      const fields = productId
        ? (found.get(`${productId}:${idOf(line.variantId) ?? ''}`) ?? found.get(`${productId}:`))
        : undefined;
      return {
        ...line,
        image: line.image ?? fields?.image ?? null,
        url: line.url ?? fields?.url ?? null,
        inStock: fields?.inStock ?? null,
      };
    });
  }
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}
