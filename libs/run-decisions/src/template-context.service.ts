/** What a template sees: the customer, the (latest) trigger event, the latest coupon, the store, links. */
import { Inject, Injectable } from '@nestjs/common';
import { signUnsubscribeToken } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { CustomerEntity } from '@waypoint/data';
import type { TemplateState } from '@waypoint/journey';

@Injectable()
export class TemplateContextBuilder {
  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  unsubscribeUrl(customerId: string): string {
    return `${this.env.PUBLIC_URL.replace(/\/$/, '')}/u/${signUnsubscribeToken(customerId, this.env.APP_SECRET)}`;
  }

  build(customer: CustomerEntity, state: TemplateState): Record<string, unknown> {
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
      event: state.event ? { type: state.event.type, properties: state.event.properties } : null,
      coupon: state.coupon,
      store: { name: this.env.STORE_NAME, url: this.env.STORE_URL },
      unsubscribeUrl: this.unsubscribeUrl(customer.id),
    };
  }
}
