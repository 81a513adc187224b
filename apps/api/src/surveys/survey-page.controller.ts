/**
 * `/s/{token}`: the hosted page behind every survey answer link (docs/product.md, "Surveys"). No
 * login, no JavaScript, in the customer's language: GET records the answer and thanks; the page's
 * form POSTs an optional comment.
 */
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { SurveyLanguage } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators';
import { escapeHtml, HTML, htmlPage } from '../http/html-page';
import { Fails } from '../openapi/api-docs.decorators';
import { SurveyAnswerParamsDto, SurveyCommentFormDto } from './surveys.dto';
import { SurveysService, type AnsweredSurvey } from './surveys.service';

const HTML_PAGE = {
  status: 200,
  description: 'An HTML page',
  content: { 'text/html': { schema: { type: 'string' } } },
};

const WORDS: Record<
  SurveyLanguage,
  Record<'thanks' | 'yourAnswer' | 'addComment' | 'send' | 'commented', string>
> = {
  en: {
    thanks: 'Thank you',
    yourAnswer: 'Your answer',
    addComment: 'Anything you would like to add?',
    send: 'Send',
    commented: 'Thank you for your comment.',
  },
  tr: {
    thanks: 'Teşekkürler',
    yourAnswer: 'Yanıtınız',
    addComment: 'Eklemek istediğiniz bir şey var mı?',
    send: 'Gönder',
    commented: 'Yorumunuz için teşekkürler.',
  },
};

@Controller('s')
@Public()
export class SurveyPageController {
  constructor(
    private readonly surveys: SurveysService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  // Fastify answers HEAD with this GET handler too; the service records nothing for a HEAD.
  @Get(':token')
  @ApiOperation({
    summary: 'Answer a survey by one click: records `survey.answered` and thanks',
    description:
      "No login. A person's click records a `survey.answered` event {survey, question, answer, comment, runId, " +
      'nodeId} once per link (a replay records nothing more); a HEAD request, a known link scanner and a preview ' +
      'link record nothing. A token this engine did not sign is 404 and records nothing.',
  })
  @ApiResponse(HTML_PAGE)
  @Fails(400, 404)
  async answer(
    @Param() params: SurveyAnswerParamsDto,
    @Headers('user-agent') userAgent: string | undefined,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const answered = await this.surveys.answer(params.token, req.method, userAgent);
    const words = WORDS[answered.language];
    this.send(
      res,
      answered,
      `<form method="post"><p><label for="comment">${words.addComment}</label></p>
<p><textarea id="comment" name="comment" rows="4" maxlength="2000" style="width:100%"></textarea></p>
<p><button type="submit">${words.send}</button></p></form>`,
    );
  }

  @Post(':token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add a comment to a survey answer',
    description: 'No login. Stores the comment with the answer (recording the answer if it was not yet).',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiResponse(HTML_PAGE)
  @Fails(400, 404)
  async comment(
    @Param() params: SurveyAnswerParamsDto,
    @Body() form: SurveyCommentFormDto,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const answered = await this.surveys.comment(params.token, form.comment);
    this.send(res, answered, `<p>${WORDS[answered.language].commented}</p>`);
  }

  private send(res: FastifyReply, answered: AnsweredSurvey, extra: string): void {
    const words = WORDS[answered.language];
    const body = `<p>${escapeHtml(answered.question)}</p><p>${words.yourAnswer}: <strong>${escapeHtml(answered.answer)}</strong></p>${extra}`;
    void res
      .header('Cache-Control', 'no-store')
      .type(HTML)
      .send(htmlPage(words.thanks, body, this.env.STORE_NAME, answered.language));
  }
}
