import { Module } from '@nestjs/common';
import { IngestionModule } from '../events/ingestion.module';
import { DeliveryEventRecorder } from './delivery-event-recorder.service';
import { InboundMessages } from './inbound-messages.service';
import { SendGridEvents } from './sendgrid-events.service';

/**
 * Delivery tracking: what SendGrid and Twilio report about the messages we sent (recorded once,
 * statuses only forward, suppressions) and the messages customers send us (STOP, START, HELP).
 * The webhook controllers that receive them are in WebhooksModule.
 */
@Module({
  imports: [IngestionModule],
  providers: [DeliveryEventRecorder, SendGridEvents, InboundMessages],
  exports: [DeliveryEventRecorder, SendGridEvents, InboundMessages],
})
export class DeliveryModule {}
