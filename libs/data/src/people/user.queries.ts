/**
 * The people aggregate: users who sign in, one role each, email unique (case-insensitive),
 * password stored as a scrypt hash (hashing is the API's; only the hash comes here).
 */
import type { Role } from '@waypoint/journey';
import type { Query } from '../database';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
  disabled_at: Date | null;
  /** The latest `last_seen_at` of the user's sessions. */
  last_seen_at: Date | null;
}

export type UserWithPasswordRow = UserRow & { password_hash: string };

const USER_COLUMNS = `u.id, u.email, u.name, u.role, u.created_at, u.disabled_at,
  (SELECT max(last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at`;

/** The new user's id, or null when somebody already signs in with that email. */
export async function insertUser(
  query: Query,
  user: { email: string; name: string; role: Role; passwordHash: string },
): Promise<string | null> {
  const rows = await query(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
    [user.email, user.name, user.role, user.passwordHash],
  );
  return (rows[0]?.id as string | undefined) ?? null;
}

export async function listUsers(query: Query): Promise<UserRow[]> {
  return (await query(
    `SELECT ${USER_COLUMNS} FROM users u ORDER BY u.created_at`,
    [],
  )) as unknown as UserRow[];
}

/** `id` must be a UUID (the column is). */
export async function findUser(query: Query, id: string): Promise<UserRow | null> {
  const rows = await query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return (rows[0] as unknown as UserRow | undefined) ?? null;
}

/** With the password hash, for signing in. */
export async function findUserByEmail(query: Query, email: string): Promise<UserWithPasswordRow | null> {
  const rows = await query(
    `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE lower(u.email) = lower($1)`,
    [email],
  );
  return (rows[0] as unknown as UserWithPasswordRow | undefined) ?? null;
}

/** Locks the enabled admins' rows, so two admins demoting each other at once are serialised. */
export async function lockEnabledAdmins(query: Query): Promise<void> {
  await query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL FOR UPDATE`, []);
}

/** Changes what is given (null/undefined keeps the column); `disabled` sets or clears disabled_at. */
export async function updateUser(
  query: Query,
  id: string,
  change: { role?: Role; name?: string; passwordHash?: string | null; disabled?: boolean },
): Promise<void> {
  await query(
    `UPDATE users SET role = coalesce($2, role), name = coalesce($3, name), password_hash = coalesce($4, password_hash),
                disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN coalesce(disabled_at, now()) ELSE NULL END
          WHERE id = $1`,
    [id, change.role ?? null, change.name ?? null, change.passwordHash ?? null, change.disabled ?? null],
  );
}

export async function countEnabledAdmins(query: Query): Promise<number> {
  const rows = await query(
    `SELECT count(*)::int AS admins FROM users WHERE role = 'admin' AND disabled_at IS NULL`,
    [],
  );
  return rows[0].admins as number;
}

export async function anyUserExists(query: Query): Promise<boolean> {
  const rows = await query(`SELECT EXISTS (SELECT 1 FROM users) AS someone`, []);
  return rows[0].someone as boolean;
}

const FIRST_ADMIN_LOCK = 7_301_001;

/**
 * Inside a transaction: the first admin of a new install, unless somebody exists by now (an
 * advisory lock keeps two API processes from both making one). The new id, or null.
 */
export async function insertFirstAdmin(
  query: Query,
  admin: { email: string; passwordHash: string },
): Promise<string | null> {
  await query(`SELECT pg_advisory_xact_lock($1)`, [FIRST_ADMIN_LOCK]);
  const rows = await query(
    `INSERT INTO users (email, name, role, password_hash)
           SELECT $1, 'Admin', 'admin', $2 WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id`,
    [admin.email, admin.passwordHash],
  );
  return (rows[0]?.id as string | undefined) ?? null;
}

/** Makes `email` an enabled admin with this password hash, creating the person if needed; their id. */
export async function upsertAdmin(query: Query, email: string, passwordHash: string): Promise<string> {
  const rows = await query(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Admin', 'admin', $2)
         ON CONFLICT ((lower(email))) DO UPDATE SET role = 'admin', password_hash = EXCLUDED.password_hash, disabled_at = NULL
         RETURNING id`,
    [email, passwordHash],
  );
  return rows[0].id as string;
}

/** A person's own phone (E.164) for test sends, or null. */
export async function findUserPhone(query: Query, id: string): Promise<string | null> {
  const [row] = await query(`SELECT phone FROM users WHERE id = $1`, [id]);
  return (row?.phone as string | null | undefined) ?? null;
}

export async function setUserPhone(query: Query, id: string, phone: string | null): Promise<void> {
  await query(`UPDATE users SET phone = $2 WHERE id = $1`, [id, phone]);
}
