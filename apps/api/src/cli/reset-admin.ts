/**
 * `WAYPOINT_ADMIN_PASSWORD=… node apps/api/dist/cli/reset-admin.js <email>`: the way back in when
 * no admin can sign in. Makes `<email>` an enabled admin with that password (creating the person
 * if needed), ends their sessions, forgets the email's failed sign-ins (so the sign-in rate limit
 * lets them in at once), and writes it to the audit log. Needs database access, so only
 * whoever runs the server can do it.
 */
import 'reflect-metadata';
import {
  forgetLoginFailuresOf,
  openDatabase,
  revokeSessionsOf,
  systemActor,
  upsertAdmin,
  writeAuditEntry,
} from '@waypoint/data';
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
  const db = await openDatabase(url);
  try {
    const hash = await hashPassword(password);
    const forgotten = await db.transaction(async (query) => {
      const userId = await upsertAdmin(query, email, hash);
      await revokeSessionsOf(query, userId);
      const failures = await forgetLoginFailuresOf(query, email);
      await writeAuditEntry(query, systemActor('reset-admin CLI'), {
        action: 'user.reset_admin',
        targetType: 'user',
        targetId: userId,
        reason: 'admin reset from the command line',
        detail: { email, failedSignInsCleared: failures },
      });
      return failures;
    });
    console.log(`${email} is an admin with the given password; their earlier sessions are ended.`);
    console.log(
      forgotten === 0
        ? `${email} had no failed sign-ins to clear.`
        : `Cleared ${forgotten} failed sign-in${forgotten === 1 ? '' : 's'} for ${email} from every address: the limits on that email no longer apply (an address that failed with many other emails stays limited for up to 15 minutes).`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
