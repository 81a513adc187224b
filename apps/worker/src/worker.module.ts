/** The worker's dependency graph: database, templates, the email provider, and the activities. */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  SandboxEmailProvider,
  SendGridEmailProvider,
  TemplateCatalog,
  type EmailProvider,
} from '@waypoint/channels';
import { ENVIRONMENT, loadEnvironment, type Environment } from '@waypoint/config';
import { dataSourceOptions } from '@waypoint/data';
import { CouponActivities } from './activities/coupon.activities';
import { EMAIL_PROVIDER, EmailActivities } from './activities/email.activities';
import { RunLedgerActivities } from './activities/run-ledger.activities';

const environment = { provide: ENVIRONMENT, useFactory: () => loadEnvironment() };

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
    RunLedgerActivities,
    CouponActivities,
    EmailActivities,
  ],
})
export class WorkerModule {}
