/**
 * Email unsubscribe (RFC 8058). `POST /u/{token}` is the one-click target of List-Unsubscribe-Post
 * and needs no login; `GET /u/{token}` only shows a page with a button (mail scanners follow
 * GET links, so GET never unsubscribes). A link that is not ours is 404: to a browser (`Accept:
 * text/html`) a page in the same style, else the JSON error.
 */
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { ApiError } from '../errors/api-error';
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
  async page(
    @Param() params: UnsubscribeParamsDto,
    @Headers('accept') accept: string | undefined,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const subscribed = await this.orBrokenLinkPage(res, accept, () =>
      this.preferences.subscribed(params.token),
    );
    if (subscribed === undefined) return;
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
    @Headers('accept') accept: string | undefined,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const again = form.action === 'subscribe';
    const done = await this.orBrokenLinkPage(res, accept, async () => {
      if (again) await this.preferences.subscribeAgain(params.token);
      else await this.preferences.unsubscribe(params.token);
      return true;
    });
    if (!done) return;
    if (again) this.send(res, 'You are subscribed again', '<p>Welcome back.</p>');
    else this.send(res, 'You are unsubscribed', '<p>You will get no more marketing email from us.</p>');
  }

  /** `work`'s answer; for a browser, a link that is not ours is a 404 page (then undefined). */
  private async orBrokenLinkPage<T>(
    res: FastifyReply,
    accept: string | undefined,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404 && accept?.includes('text/html'))) throw error;
      void res
        .status(404)
        .type(HTML)
        .send(
          htmlPage(
            'This link does not work',
            '<p>It may have been cut short or changed. Use the unsubscribe link in our most recent email.</p>',
            this.env.STORE_NAME,
          ),
        );
      return undefined;
    }
  }

  private send(res: FastifyReply, title: string, body: string): void {
    void res.type(HTML).send(htmlPage(title, body, this.env.STORE_NAME));
  }
}
