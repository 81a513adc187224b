/**
 * How every process connects to PostgreSQL: the entities, the migrations, and `synchronize`
 * off (the schema only ever changes through reviewed migrations). There is one entity per table,
 * in the order the migrations made them; test/entities-match-schema.test.ts keeps the two equal.
 */
import type { DataSourceOptions } from 'typeorm';
import { CouponEntity } from './entities/coupon.entity';
import { CustomerEntity } from './entities/customer.entity';
import { EventEntity } from './entities/event.entity';
import { JourneyVersionEntity } from './entities/journey-version.entity';
import { JourneyEntity } from './entities/journey.entity';
import { MessageEntity } from './entities/message.entity';
import { RunStepEntity } from './entities/run-step.entity';
import { RunEntity } from './entities/run.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { CheckoutEntity } from './entities/checkout.entity';
import { ConsentHistoryEntity } from './entities/consent-history.entity';
import { CustomerConsentEntity } from './entities/customer-consent.entity';
import { CustomerProductEntity } from './entities/customer-product.entity';
import { LoginFailureEntity } from './entities/login-failure.entity';
import { MessageEventEntity } from './entities/message-event.entity';
import { ProductEntity } from './entities/product.entity';
import { RunConversionEntity } from './entities/run-conversion.entity';
import { SegmentMemberEntity } from './entities/segment-member.entity';
import { SegmentEntity } from './entities/segment.entity';
import { SessionEntity } from './entities/session.entity';
import { StoreSettingEntity } from './entities/store-setting.entity';
import { TemplateVersionEntity } from './entities/template-version.entity';
import { UserEntity } from './entities/user.entity';
import { CreateCoreSchema1764000000000 } from './migrations/1764000000000-create-core-schema';
import { AddConsentsAndConversions1764100000000 } from './migrations/1764100000000-add-consents-and-conversions';
import { AddMessageSegments1764200000000 } from './migrations/1764200000000-add-message-segments';
import { AddMessageEvents1764300000000 } from './migrations/1764300000000-add-message-events';
import { AddCustomerValue1764400000000 } from './migrations/1764400000000-add-customer-value';
import { AddSegments1764500000000 } from './migrations/1764500000000-add-segments';
import { AddTemplates1764600000000 } from './migrations/1764600000000-add-templates';
import { AddEventBrinIndexes1764700000000 } from './migrations/1764700000000-add-event-brin-indexes';
import { AddCheckouts1764800000000 } from './migrations/1764800000000-add-checkouts';
import { AddPeopleAndAudit1764900000000 } from './migrations/1764900000000-add-people-and-audit';
import { AddCoveringSegmentIndexes1765000000000 } from './migrations/1765000000000-add-covering-segment-indexes';
import { AddWebhookDeadLetters1765120000000 } from './migrations/1765120000000-add-webhook-dead-letters';
import { AddStoreConnection1765200000000 } from './migrations/1765200000000-add-store-connection';
import { WebhookDeadLetterEntity } from './entities/webhook-dead-letter.entity';
import { StoreConnectionEntity } from './entities/store-connection.entity';
import { ConsentWritebackEntity } from './entities/consent-writeback.entity';
import { StoreImportEntity } from './entities/store-import.entity';
import { AddCouponCustomerIndex1765210000000 } from './migrations/1765210000000-add-coupon-customer-index';
import { AddConsentWritebackOutcome1765220000000 } from './migrations/1765220000000-add-consent-writeback-outcome';
import { StoreImportRunEntity } from './entities/store-import-run.entity';
import { StoreImportCustomerEntity } from './entities/store-import-customer.entity';
import { AddStoreImportRuns1765240000000 } from './migrations/1765240000000-add-store-import-runs';
import { LinkClickEntity, TrackedLinkEntity } from './entities/tracked-link.entity';
import { AddTrackedLinks1765350000000 } from './migrations/1765350000000-add-tracked-links';
import { AddSurveyAnswerIndex1765370000000 } from './migrations/1765370000000-add-survey-answer-index';
import { AddTestRuns1765380000000 } from './migrations/1765380000000-add-test-runs';
import { AddTestRunSettings1765400000000 } from './migrations/1765400000000-add-test-run-settings';
import { TestRunEntity } from './entities/test-run.entity';
import { AddSplitEntryIndex1765340000000 } from './migrations/1765340000000-add-split-entry-index';
import { JourneyVersionTemplateEntity } from './entities/journey-version-template.entity';
import { AddTemplateVersions1765320000000 } from './migrations/1765320000000-add-template-versions';
import { JourneyResultDayEntity, JourneyResultWatermarkEntity } from './entities/journey-result.entity';
import { AddJourneyResults1765410000000 } from './migrations/1765410000000-add-journey-results';
import { AddOrderEventIndex1765440000000 } from './migrations/1765440000000-add-order-event-index';
import { ProductVariantEntity } from './entities/product-variant.entity';
import { InventoryLevelEntity } from './entities/inventory-level.entity';
import { ProductPairEntity } from './entities/product-pair.entity';
import { AddProductCatalogue1765430000000 } from './migrations/1765430000000-add-product-catalogue';
import { EventOutboxEntity } from './entities/event-outbox.entity';
import { NarrowRoutingOutbox1765450000000 } from './migrations/1765450000000-narrow-routing-outbox';

export const ENTITIES = [
  CustomerEntity,
  EventEntity,
  JourneyEntity,
  JourneyVersionEntity,
  RunEntity,
  RunStepEntity,
  MessageEntity,
  CouponEntity,
  CustomerConsentEntity,
  ConsentHistoryEntity,
  RunConversionEntity,
  MessageEventEntity,
  StoreSettingEntity,
  ProductEntity,
  CustomerProductEntity,
  ApiKeyEntity,
  SegmentEntity,
  SegmentMemberEntity,
  TemplateVersionEntity,
  CheckoutEntity,
  UserEntity,
  SessionEntity,
  LoginFailureEntity,
  AuditLogEntity,
  WebhookDeadLetterEntity,
  StoreConnectionEntity,
  ConsentWritebackEntity,
  StoreImportEntity,
  StoreImportRunEntity,
  StoreImportCustomerEntity,
  TrackedLinkEntity,
  LinkClickEntity,
  JourneyVersionTemplateEntity,
  JourneyResultDayEntity,
  JourneyResultWatermarkEntity,
  TestRunEntity,
  ProductVariantEntity,
  InventoryLevelEntity,
  ProductPairEntity,
  EventOutboxEntity,
];

export const MIGRATIONS = [
  CreateCoreSchema1764000000000,
  AddConsentsAndConversions1764100000000,
  AddMessageSegments1764200000000,
  AddMessageEvents1764300000000,
  AddCustomerValue1764400000000,
  AddSegments1764500000000,
  AddTemplates1764600000000,
  AddEventBrinIndexes1764700000000,
  AddCheckouts1764800000000,
  AddPeopleAndAudit1764900000000,
  AddCoveringSegmentIndexes1765000000000,
  AddWebhookDeadLetters1765120000000,
  AddStoreConnection1765200000000,
  AddCouponCustomerIndex1765210000000,
  AddConsentWritebackOutcome1765220000000,
  AddStoreImportRuns1765240000000,
  AddTemplateVersions1765320000000,
  AddSplitEntryIndex1765340000000,
  AddTrackedLinks1765350000000,
  AddSurveyAnswerIndex1765370000000,
  AddTestRuns1765380000000,
  AddTestRunSettings1765400000000,
  AddJourneyResults1765410000000,
  AddOrderEventIndex1765440000000,
  AddProductCatalogue1765430000000,
  NarrowRoutingOutbox1765450000000,
];

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  };
}
