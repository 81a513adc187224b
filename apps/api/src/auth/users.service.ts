/** People who sign in: one role each, email unique (case-insensitive), password stored as scrypt. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { isUuid } from '../journeys/journeys.service';
import { hashForUnknownUser, hashPassword, verifyPassword } from './password-hash';
import type { Role } from './principal';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
  lastSeenAt: string | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
  disabled_at: Date | null;
  last_seen_at: Date | null;
}

const USER_COLUMNS = `u.id, u.email, u.name, u.role, u.created_at, u.disabled_at,
  (SELECT max(last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at`;

function present(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
  };
}

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(input: { email: string; name: string; role: Role; password: string }): Promise<User> {
    const hash = await hashPassword(input.password);
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [input.email, input.name, input.role, hash],
    );
    if (!rows[0]) throw ApiError.conflict('email_taken', `Somebody already signs in as ${input.email}`);
    return this.get(rows[0].id);
  }

  async list(): Promise<User[]> {
    const rows: UserRow[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.created_at`);
    return rows.map(present);
  }

  async get(id: string): Promise<User> {
    if (!isUuid(id)) throw ApiError.notFound('User', id);
    const rows: UserRow[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    if (!rows[0]) throw ApiError.notFound('User', id);
    return present(rows[0]);
  }

  async update(id: string, change: { role?: Role; disabled?: boolean; password?: string; name?: string }) {
    const before = await this.get(id);
    const hash = change.password ? await hashPassword(change.password) : null;
    await this.db.transaction(async (tx) => {
      // Two admins demoting each other at once must not both pass the check below.
      await tx.query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL FOR UPDATE`);
      await tx.query(
        `UPDATE users SET role = coalesce($2, role), name = coalesce($3, name), password_hash = coalesce($4, password_hash),
                disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN coalesce(disabled_at, now()) ELSE NULL END
          WHERE id = $1`,
        [id, change.role ?? null, change.name ?? null, hash, change.disabled ?? null],
      );
      // Nobody may lock the store out: at least one enabled admin remains.
      const [{ admins }]: Array<{ admins: number }> = await tx.query(
        `SELECT count(*)::int AS admins FROM users WHERE role = 'admin' AND disabled_at IS NULL`,
      );
      if (admins === 0)
        throw ApiError.conflict(
          'last_admin',
          'This would leave no admin who can sign in; make another admin first',
        );
    });
    return { before, after: await this.get(id) };
  }

  /** The user when the email and password match an enabled account; null otherwise (same timing either way). */
  async authenticate(email: string, password: string): Promise<User | null> {
    const rows: Array<UserRow & { password_hash: string }> = await this.db.query(
      `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE lower(u.email) = lower($1)`,
      [email],
    );
    const row = rows[0];
    const ok = await verifyPassword(password, row?.password_hash ?? (await hashForUnknownUser()));
    return row && ok && !row.disabled_at ? present(row) : null;
  }

  async count(): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM users`);
    return n;
  }
}
