/**
 * Support's view of one customer (SPEC §6): their runs, one run's timeline and audit trail,
 * cancelling a run or ending its delay early (both with a reason, audited), and
 * the customer's checkouts (the cart a cart reminder showed, and whether it was completed).
 */
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { customerCheckouts } from '../checkouts/customer-checkouts.query';
import { parseInput } from '../errors/parse-body';
import { RunsService } from './runs.service';
import { AuditLog } from '../audit/audit-log.service';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';

const cancelRunSchema = z.object({
  reason: z.string().trim().min(1, 'say why the run is cancelled').max(500),
});
const continueRunSchema = z.object({
  reason: z.string().trim().min(1, 'say why the wait is cut short').max(500),
});

@Controller('v1')
@Roles('support')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly auditLog: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get('customers/:id/runs')
  async forCustomer(@Param('id') id: string) {
    return { data: await this.runs.forCustomer(id) };
  }

  @Get('customers/:id/checkouts')
  async checkouts(@Param('id') id: string) {
    return { data: await customerCheckouts((sql, params) => this.db.query(sql, params), id) };
  }

  @Get('runs/:id')
  async get(@Param('id') id: string) {
    return { data: await this.runs.get(id) };
  }

  @Post('runs/:id/cancel')
  @HttpCode(202)
  async cancel(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const { reason } = parseInput(cancelRunSchema, body);
    return { data: await this.runs.cancel(id, reason, by) };
  }

  @Post('runs/:id/continue')
  @HttpCode(202)
  async continueNow(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const { reason } = parseInput(continueRunSchema, body);
    return { data: await this.runs.continueNow(id, reason, by) };
  }

  @Get('runs/:id/audit')
  async audit(@Param('id') id: string) {
    await this.runs.get(id);
    return { data: await this.auditLog.list({ targetType: 'run', targetId: id, limit: 100 }) };
  }
}
