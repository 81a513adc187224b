/**
 * Nobody can sign in to a new install, so the API creates the first admin at boot when there are
 * no users: from WAYPOINT_ADMIN_EMAIL / WAYPOINT_ADMIN_PASSWORD when set, else `admin@localhost`
 * with a random password printed once. An advisory lock (libs/data, people/) keeps two API processes
 * from both doing it.
 */
import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { anyUserExists, Database, insertFirstAdmin, systemActor, writeAuditEntry } from '@waypoint/data';
import type { Role } from '@waypoint/journey';
import { hashPassword } from './password-hash';

const ADMIN: Role = 'admin';

@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly db: Database,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.env.WAYPOINT_ADMIN_EMAIL ?? 'admin@localhost';
    const given = this.env.WAYPOINT_ADMIN_PASSWORD;
    // Hashing costs ~100 ms of CPU: only when nobody can sign in yet, not on every boot.
    const someone = await anyUserExists(this.db.query);
    const password = given ?? randomBytes(12).toString('base64url');
    const hash = someone ? null : await hashPassword(password);
    const created =
      hash !== null &&
      (await this.db.transaction(async (query) => {
        const id = await insertFirstAdmin(query, { email, passwordHash: hash });
        if (id)
          await writeAuditEntry(query, systemActor(), {
            action: 'user.create',
            targetType: 'user',
            targetId: id,
            reason: 'first admin of a new install',
            detail: { email, role: ADMIN },
          });
        return id !== null;
      }));
    if (!created) {
      // The variables only make the first admin; changing them later changes no password.
      if (given)
        this.logger.log(
          'people can already sign in, so WAYPOINT_ADMIN_EMAIL / WAYPOINT_ADMIN_PASSWORD change nothing; ' +
            'to reset an admin: node apps/api/dist/cli/reset-admin.js <email>',
        );
      return;
    }
    // `npm start` passes the password it keeps in .data/first-admin-password when none was set.
    if (given)
      this.logger.log(
        `created the first admin ${email} with the password given to the API ` +
          '(WAYPOINT_ADMIN_PASSWORD, or under npm start the one in .data/first-admin-password)',
      );
    else
      this.logger.warn(
        `created the first admin; sign in as ${email} with password ${password} ` +
          '(shown once: change it, or set WAYPOINT_ADMIN_EMAIL / WAYPOINT_ADMIN_PASSWORD before the first start)',
      );
  }
}
