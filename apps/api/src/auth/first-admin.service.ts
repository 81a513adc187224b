/**
 * Nobody can sign in to a new install, so the API creates the first admin at boot when there are
 * no users: from WAYPOINT_ADMIN_EMAIL / WAYPOINT_ADMIN_PASSWORD when set, else `admin@localhost`
 * with a random password printed once. An advisory lock keeps two API processes from both doing it.
 */
import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { DataSource } from 'typeorm';
import { systemActor, writeAuditEntry } from '../audit/audit-log.service';
import { hashPassword } from './password-hash';

const FIRST_ADMIN_LOCK = 7_301_001;

@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.env.WAYPOINT_ADMIN_EMAIL ?? 'admin@localhost';
    const given = this.env.WAYPOINT_ADMIN_PASSWORD;
    // Hashing costs ~100 ms of CPU: only when nobody can sign in yet, not on every boot.
    const [{ someone }]: Array<{ someone: boolean }> = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM users) AS someone`,
    );
    const password = given ?? randomBytes(12).toString('base64url');
    const hash = someone ? null : await hashPassword(password);
    const created =
      hash !== null &&
      (await this.db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock($1)`, [FIRST_ADMIN_LOCK]);
        const rows: Array<{ id: string }> = await tx.query(
          `INSERT INTO users (email, name, role, password_hash)
           SELECT $1, 'Admin', 'admin', $2 WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id`,
          [email, hash],
        );
        if (rows[0])
          await writeAuditEntry((sql, params) => tx.query(sql, params), systemActor(), {
            action: 'user.create',
            targetType: 'user',
            targetId: rows[0].id,
            reason: 'first admin of a new install',
            detail: { email, role: 'admin' },
          });
        return rows.length > 0;
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
    if (given) this.logger.log(`created the first admin ${email} (password from WAYPOINT_ADMIN_PASSWORD)`);
    else
      this.logger.warn(
        `created the first admin; sign in as ${email} with password ${password} ` +
          '(shown once: change it, or set WAYPOINT_ADMIN_EMAIL / WAYPOINT_ADMIN_PASSWORD before the first start)',
      );
  }
}
