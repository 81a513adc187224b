/** Support's view of runs (SPEC §6): one customer's runs, one run's timeline, cancelling a run. */
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { parseInput } from '../errors/parse-body';
import { RunsService } from './runs.service';

const cancelRunSchema = z.object({
  reason: z.string().trim().min(1, 'say why the run is cancelled').max(500),
});

@Controller('v1')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get('customers/:id/runs')
  async forCustomer(@Param('id') id: string) {
    return { data: await this.runs.forCustomer(id) };
  }

  @Get('runs/:id')
  async get(@Param('id') id: string) {
    return { data: await this.runs.get(id) };
  }

  @Post('runs/:id/cancel')
  @HttpCode(202)
  async cancel(@Param('id') id: string, @Body() body: unknown) {
    const { reason } = parseInput(cancelRunSchema, body);
    return { data: await this.runs.cancel(id, reason) };
  }
}
