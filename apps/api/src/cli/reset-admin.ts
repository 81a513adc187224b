/**
 * `WAYPOINT_ADMIN_PASSWORD=… node apps/api/dist/cli/reset-admin.js <email>`: the way back in when
 * no admin can sign in. Makes `<email>` an enabled admin with that password (creating the person
 * if needed), ends their sessions, and writes it to the audit log. Needs database access, so only
 * whoever runs the server can do it.
 */
import 'reflect-metadata';
import { dataSourceOptions } from '@waypoint/data';
import { DataSource } from 'typeorm';
import { systemActor, writeAuditEntry } from '../audit/audit-log.service';
import { hashPassword } from '../auth/password-hash';

async function main(): Promise<void> {
  const email = process.argv[2];
  const url = process.env.DATABASE_URL;
  const password = process.env.WAYPOINT_ADMIN_PASSWORD ?? '';
  if (!email || !url || password.length < 12) {
    console.error(
      'usage: DATABASE_URL=postgres://… WAYPOINT_ADMIN_PASSWORD=<12+ characters> node apps/api/dist/cli/reset-admin.js <email>',
    );
    process.exit(2);
  }
  const db = await new DataSource(dataSourceOptions(url, 1)).initialize();
  try {
    const hash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const [user]: Array<{ id: string }> = await tx.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Admin', 'admin', $2)
         ON CONFLICT ((lower(email))) DO UPDATE SET role = 'admin', password_hash = EXCLUDED.password_hash, disabled_at = NULL
         RETURNING id`,
        [email, hash],
      );
      await tx.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
        user.id,
      ]);
      await writeAuditEntry((sql, params) => tx.query(sql, params), systemActor('reset-admin CLI'), {
        action: 'user.reset_admin',
        targetType: 'user',
        targetId: user.id,
        reason: 'admin reset from the command line',
        detail: { email },
      });
    });
    console.log(`${email} is an admin with the given password; their earlier sessions are ended.`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
