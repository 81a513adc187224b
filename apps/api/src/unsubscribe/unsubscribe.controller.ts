/**
 * Email unsubscribe (RFC 8058). `POST /u/{token}` is the one-click target of List-Unsubscribe-Post
 * and needs no login; `GET /u/{token}` only shows a page with a button (mail scanners follow
 * GET links, so GET never unsubscribes).
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { verifyUnsubscribeToken } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { consentOf, recordConsent } from '@waypoint/data';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { Public } from '../auth/access.decorators';

@Controller('u')
@Public()
export class UnsubscribeController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** The preference page: the current email status and one button to change it. Never changes anything itself. */
  @Get(':token')
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const customerId = this.customerOf(token);
    const consent = await consentOf((sql, params) => this.db.query(sql, params), customerId, 'email');
    const subscribed = consent.status !== 'opted_out';
    res.type('html').send(
      page(
        'Your email preferences',
        subscribed
          ? `<p>You get our marketing email.</p><form method="post"><button type="submit">Unsubscribe</button></form>`
          : `<p>You are unsubscribed from marketing email.</p>
             <form method="post"><input type="hidden" name="action" value="subscribe" /><button type="submit">Subscribe again</button></form>`,
        this.env.STORE_NAME,
      ),
    );
  }

  /**
   * One-click unsubscribe: a POST with no login (RFC 8058 sends `List-Unsubscribe=One-Click`).
   * The preference page's "Subscribe again" posts `action=subscribe`.
   */
  @Post(':token')
  @HttpCode(200)
  async unsubscribe(
    @Param('token') token: string,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const customerId = this.customerOf(token);
    const resubscribe = (body as { action?: unknown } | undefined)?.action === 'subscribe';
    await recordConsent(
      (sql, params) => this.db.query(sql, params),
      customerId,
      'email',
      resubscribe ? 'opted_in' : 'opted_out',
      resubscribe ? 'preference_page' : 'unsubscribe_link',
    );
    res
      .type('html')
      .send(
        resubscribe
          ? page('You are subscribed again', '<p>Welcome back.</p>', this.env.STORE_NAME)
          : page(
              'You are unsubscribed',
              '<p>You will get no more marketing email from us.</p>',
              this.env.STORE_NAME,
            ),
      );
  }

  private customerOf(token: string): string {
    const customerId = verifyUnsubscribeToken(token, this.env.APP_SECRET);
    if (!customerId) throw ApiError.notFound('Unsubscribe link', '(this one)');
    return customerId;
  }
}

function page(title: string, body: string, store: string): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
<h1>${escape(title)}</h1>${body}<p style="color:#666">${escape(store)}</p></body></html>`;
}
