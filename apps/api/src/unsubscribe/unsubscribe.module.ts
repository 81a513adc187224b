import { Module } from '@nestjs/common';
import { EmailPreferences } from './email-preferences.service';
import { UnsubscribeController } from './unsubscribe.controller';

/** Unsubscribe links (RFC 8058 one-click, and the preference page), reached without a login. */
@Module({
  controllers: [UnsubscribeController],
  providers: [EmailPreferences],
})
export class UnsubscribeModule {}
