/**
 * Email unsubscribe (RFC 8058). `POST /u/{token}` is the one-click target of List-Unsubscribe-Post
 * and needs no login; `GET /u/{token}` only shows a page with a button (mail scanners follow
 * GET links, so GET never unsubscribes).
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { HTML, htmlPage } from '../http/html-page';
import { Fails } from '../openapi/api-docs.decorators';
import { EmailPreferences } from './email-preferences.service';
import { UnsubscribeFormDto, UnsubscribeParamsDto } from './unsubscribe.dto';

const HTML_PAGE = {
  status: 200,
  description: 'An HTML page',
  content: { 'text/html': { schema: { type: 'string' } } },
};

@Controller('u')
@Public()
export class UnsubscribeController {
  constructor(
    private readonly preferences: EmailPreferences,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** The preference page: the current email status and one button to change it. Never changes anything itself. */
  @Get(':token')
  @ApiOperation({ summary: 'Unsubscribe page (never unsubscribes by itself)' })
  @ApiResponse(HTML_PAGE)
  @Fails(400, 404)
  async page(@Param() params: UnsubscribeParamsDto, @Res() res: FastifyReply): Promise<void> {
    const subscribed = await this.preferences.subscribed(params.token);
    this.send(
      res,
      'Your email preferences',
      subscribed
        ? `<p>You get our marketing email.</p><form method="post"><button type="submit">Unsubscribe</button></form>`
        : `<p>You are unsubscribed from marketing email.</p>
             <form method="post"><input type="hidden" name="action" value="subscribe" /><button type="submit">Subscribe again</button></form>`,
    );
  }

  /**
   * One-click unsubscribe: a POST with no login (RFC 8058 sends `List-Unsubscribe=One-Click`).
   * The preference page's "Subscribe again" posts `action=subscribe`.
   */
  @Post(':token')
  @HttpCode(200)
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058), no login; `action=subscribe` opts back in' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiResponse(HTML_PAGE)
  @Fails(400, 404)
  async unsubscribe(
    @Param() params: UnsubscribeParamsDto,
    @Body() form: UnsubscribeFormDto,
    @Res() res: FastifyReply,
  ): Promise<void> {
    if (form.action === 'subscribe') {
      await this.preferences.subscribeAgain(params.token);
      this.send(res, 'You are subscribed again', '<p>Welcome back.</p>');
    } else {
      await this.preferences.unsubscribe(params.token);
      this.send(res, 'You are unsubscribed', '<p>You will get no more marketing email from us.</p>');
    }
  }

  private send(res: FastifyReply, title: string, body: string): void {
    void res.type(HTML).send(htmlPage(title, body, this.env.STORE_NAME));
  }
}
