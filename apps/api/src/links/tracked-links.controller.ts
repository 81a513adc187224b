/** `GET /c/{token}`: the redirect behind every link of a journey message (docs/product.md, "Tracked links"). */
import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodeUrl } from '../http/encode-url';
import { Public } from '../auth/access.decorators';
import { Fails } from '../openapi/api-docs.decorators';
import { TrackedLinkParamsDto } from './links.dto';
import { TrackedLinks } from './tracked-links.service';

@Controller('c')
@Public()
export class TrackedLinksController {
  constructor(private readonly links: TrackedLinks) {}

  // Fastify answers HEAD with this GET handler too; the service records a HEAD as a prefetch.
  @Get(':token')
  @ApiOperation({
    summary: 'Follow a tracked link: records the click (`message.clicked`) and redirects to the link',
    description:
      "No login. A person's click becomes a `message.clicked` event with `runId`, `nodeId` and `url`; a HEAD " +
      "request or a known link scanner's prefetch is recorded apart and triggers nothing. A token this engine " +
      'did not sign is 404 and records nothing.',
  })
  @ApiResponse({ status: 302, description: 'To the link (Location header)' })
  @Fails(400, 404)
  async follow(
    @Param() params: TrackedLinkParamsDto,
    @Headers('user-agent') userAgent: string | undefined,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const url = await this.links.follow(params.token, req.method, userAgent);
    void res.header('Cache-Control', 'no-store').redirect(encodeUrl(url), 302);
  }
}
