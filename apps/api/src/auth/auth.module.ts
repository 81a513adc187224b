/**
 * Who may call what: signing in and out, people, API keys, sessions, the sign-in rate limit, the
 * first admin of a new install, and the one global guard (access.guard.ts) every route passes.
 */
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AccessGuard } from './access.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { FirstAdmin } from './first-admin.service';
import { LoginThrottle } from './login-throttle.service';
import { OwnPhone } from './own-phone.service';
import { SessionsService } from './sessions.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule],
  controllers: [AuthController, UsersController, ApiKeysController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    AuthService,
    ApiKeysService,
    SessionsService,
    UsersService,
    LoginThrottle,
    FirstAdmin,
    OwnPhone,
  ],
})
export class AuthModule {}
