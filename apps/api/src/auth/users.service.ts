/**
 * People who sign in: one role each, email unique (case-insensitive), password stored as scrypt.
 * Admins add and change them (audited); a change that takes rights away ends their sessions, and
 * nobody may leave the store without an enabled admin.
 */
import { Injectable } from '@nestjs/common';
import type { NewPerson, Person, PersonChange } from '@waypoint/contract';
import {
  countEnabledAdmins,
  Database,
  findUser,
  findUserByEmail,
  insertUser,
  isUuid,
  listUsers,
  lockEnabledAdmins,
  updateUser,
  type UserRow,
} from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import { ApiError } from '../errors/api-error';
import { hashForUnknownUser, hashPassword, verifyPassword } from './password-hash';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

function present(row: UserRow): Person {
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
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly audit: AuditLog,
  ) {}

  async create(input: NewPerson, by: Principal | undefined): Promise<Person> {
    const passwordHash = await hashPassword(input.password);
    const id = await insertUser(this.db.query, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
    });
    if (!id) throw ApiError.conflict('email_taken', `Somebody already signs in as ${input.email}`);
    const person = await this.get(id);
    await this.audit.record(by, {
      action: 'user.create',
      targetType: 'user',
      targetId: person.id,
      detail: { email: person.email, role: person.role },
    });
    return person;
  }

  async list(): Promise<Person[]> {
    return (await listUsers(this.db.query)).map(present);
  }

  async get(id: string): Promise<Person> {
    const row = isUuid(id) ? await findUser(this.db.query, id) : null;
    if (!row) throw ApiError.notFound('User', id);
    return present(row);
  }

  async update(id: string, change: PersonChange, by: Principal | undefined): Promise<Person> {
    const before = await this.get(id);
    const passwordHash = change.password ? await hashPassword(change.password) : null;
    await this.db.transaction(async (query) => {
      // Two admins demoting each other at once must not both pass the check below.
      await lockEnabledAdmins(query);
      await updateUser(query, id, {
        role: change.role,
        name: change.name,
        disabled: change.disabled,
        passwordHash,
      });
      // Nobody may lock the store out: at least one enabled admin remains.
      if ((await countEnabledAdmins(query)) === 0)
        throw ApiError.conflict(
          'last_admin',
          'This would leave no admin who can sign in; make another admin first',
        );
    });
    const after = await this.get(id);
    // A new role or a disabled account must not keep working through sessions made before.
    if (change.disabled || (change.role && change.role !== before.role) || change.password)
      await this.sessions.revokeAllOf(id);
    await this.audit.record(by, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      detail: {
        ...(change.role ? { role: { from: before.role, to: after.role } } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
        ...(change.name ? { name: after.name } : {}),
        ...(change.password ? { password: 'changed' } : {}),
      },
    });
    return after;
  }

  /** The person when the email and password match an enabled account; null otherwise (same timing either way). */
  async authenticate(email: string, password: string): Promise<Person | null> {
    const row = await findUserByEmail(this.db.query, email);
    const ok = await verifyPassword(password, row?.password_hash ?? (await hashForUnknownUser()));
    return row && ok && !row.disabled_at ? present(row) : null;
  }
}
