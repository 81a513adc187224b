/** `GET /health`: whether PostgreSQL and Temporal answer. 200 when both do, 503 otherwise. */
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { healthSchema } from '@waypoint/contract';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { Answers } from '../openapi/api-docs.decorators';
import { HealthService } from './health.service';

@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether PostgreSQL and Temporal answer',
    description:
      'Each check says `ok`; when not, `failure` says why (`refused`: nothing listens at the address, ' +
      '`timeout`: no answer within 3 s, `error`: anything else) and `error` what was seen.',
  })
  @Answers(200, healthSchema)
  @Answers(503, healthSchema, 'Degraded')
  async check(@Res() res: FastifyReply): Promise<void> {
    const health = await this.health.check();
    void res.status(health.status === 'ok' ? 200 : 503).send(health);
  }
}
