/** The validated environment (libs/config), read once at boot and injectable everywhere. */
import { Global, Module } from '@nestjs/common';
import { ENVIRONMENT } from '@waypoint/config';
import { environmentProvider } from './environment.provider';

@Global()
@Module({
  providers: [environmentProvider],
  exports: [ENVIRONMENT],
})
export class ConfigModule {}
