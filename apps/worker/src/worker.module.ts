/**
 * The worker's dependency graph: the database (libs/data's `Database` over TypeORM's connection),
 * templates, providers per channel, the connected store, the activities, and the consent
 * write-back loop.
 */
import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import {
  SandboxEmailProvider,
  SandboxSmsProvider,
  SandboxWhatsAppProvider,
  SendGridEmailProvider,
  TemplateCatalog,
  TwilioSmsProvider,
  TwilioWhatsAppProvider,
  type EmailProvider,
  type SmsProvider,
  type WhatsAppProvider,
} from '@waypoint/channels';
import { ENVIRONMENT, loadEnvironment, type Environment } from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database, dataSourceOptions } from '@waypoint/data';
import { RUN_DECISION_PROVIDERS } from '@waypoint/run-decisions';
import { CouponActivities } from './activities/coupon.activities';
import { EMAIL_PROVIDER, EmailActivities } from './activities/email.activities';
import { LifecycleActivities } from './activities/lifecycle.activities';
import { MessageLedger } from './activities/message-ledger.service';
import { ProfileActivities } from './activities/profile.activities';
import { RunLedgerActivities } from './activities/run-ledger.activities';
import { StoreImportActivities } from './activities/store-import.activities';
import { LinkTracker } from './activities/link-tracker.service';
import { SMS_PROVIDER, TextMessageActivities, WHATSAPP_PROVIDER } from './activities/text-message.activities';
import { WebhookActivities } from './activities/webhook.activities';
import { connectedStoreProvider } from './connected-store.provider';
import { ConsentWritebacks } from './store-sync/consent-writebacks.service';
import { JourneyResultsRollup } from './results/journey-results-rollup.service';

const environment = { provide: ENVIRONMENT, useFactory: () => loadEnvironment() };

/** Twilio credentials, or null for sandbox mode. */
function twilioAccount(env: Environment) {
  return env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
    ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiUrl: env.TWILIO_API_URL }
    : null;
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      extraProviders: [environment],
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => dataSourceOptions(env.DATABASE_URL),
    }),
  ],
  providers: [
    environment,
    // The activities hold libs/data's Database, never TypeORM's connection itself.
    {
      provide: Database,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: Database['dataSource']) => new Database(dataSource),
    },
    {
      provide: TemplateCatalog,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => new TemplateCatalog(env.TEMPLATES_DIR),
    },
    {
      provide: EMAIL_PROVIDER,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment): EmailProvider =>
        env.SENDGRID_API_KEY
          ? new SendGridEmailProvider(env.SENDGRID_API_KEY, env.SENDGRID_API_URL)
          : new SandboxEmailProvider(),
    },
    {
      provide: SMS_PROVIDER,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment): SmsProvider => {
        const account = twilioAccount(env);
        return account ? new TwilioSmsProvider(account) : new SandboxSmsProvider();
      },
    },
    {
      provide: WHATSAPP_PROVIDER,
      inject: [ENVIRONMENT],
      useFactory: (env: Environment): WhatsAppProvider => {
        const account = twilioAccount(env);
        return account ? new TwilioWhatsAppProvider(account) : new SandboxWhatsAppProvider();
      },
    },
    // The store profile, read again every few seconds (libs/customer-value StoreProfileReader).
    {
      provide: StoreProfileReader,
      inject: [Database, ENVIRONMENT],
      useFactory: (db: Database, env: Environment) => new StoreProfileReader(db.query, env),
    },
    ConsentWritebacks,
    MessageLedger,
    LinkTracker,
    RunLedgerActivities,
    CouponActivities,
    EmailActivities,
    TextMessageActivities,
    ...RUN_DECISION_PROVIDERS,
    ProfileActivities,
    WebhookActivities,
    LifecycleActivities,
    connectedStoreProvider,
    StoreImportActivities,
    JourneyResultsRollup,
  ],
})
export class WorkerModule {}
