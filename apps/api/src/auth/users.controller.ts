/** People management (admins): list, invite with a role and password, change role, disable. */
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { AuditLog } from '../audit/audit-log.service';
import { parseInput } from '../errors/parse-body';
import { CurrentPrincipal, ROLES, type Principal } from './principal';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

const password = z.string().min(12, 'must be at least 12 characters').max(1024);
const createSchema = z
  .object({
    email: z.string().trim().email('must be an email address').max(320),
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    password,
  })
  .strict();
const updateSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'say what to change: role, name, disabled or password');

@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list() {
    return { data: await this.users.list() };
  }

  @Post()
  async create(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const input = parseInput(createSchema, body);
    const user = await this.users.create(input);
    await this.audit.record(by, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      detail: { email: user.email, role: user.role },
    });
    return { data: user };
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const change = parseInput(updateSchema, body);
    const { before, after } = await this.users.update(id, change);
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
    return { data: after };
  }
}
