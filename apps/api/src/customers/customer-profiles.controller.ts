/** `GET /v1/customers?q=` and `GET /v1/customers/{id}` (support): find one customer and open their page. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Roles } from '../auth/access.decorators';
import { parseInput } from '../errors/parse-body';
import { CustomerProfiles } from './customer-profiles.service';

const searchSchema = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'type at least 2 characters of an email, a phone number or a customer id')
    .max(320),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

@Controller('v1/customers')
@Roles('support')
export class CustomerProfilesController {
  constructor(private readonly customers: CustomerProfiles) {}

  @Get()
  async search(@Query() query: unknown) {
    const { q, limit } = parseInput(searchSchema, query, 'query');
    return { data: await this.customers.search(q, limit) };
  }

  @Get(':id')
  async page(@Param('id') id: string) {
    return { data: await this.customers.page(id) };
  }
}
