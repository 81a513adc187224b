/**
 * `/v1/templates`: names per channel, the templates page's overview, a template's source with its
 * variants, versions and users, save a locale variant (a new version, rendered first), delete a
 * variant, a saved version, preview, the variables a template can use, and a test send.
 */
import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  savedTemplateResponse,
  templateListResponse,
  templateOverviewResponse,
  templatePreviewResponse,
  templateSourceResponse,
  templateVariablesResponse,
  templateVersionResponse,
  testSendResponse,
} from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { TemplateTestSender } from './template-test-send.service';
import { TemplateVariables } from './template-variables.service';
import {
  PreviewTemplateDto,
  SaveTemplateDto,
  TemplateLocaleParamsDto,
  TemplateParamsDto,
  TemplateVariablesQueryDto,
  TemplateVersionParamsDto,
  TestSendDto,
} from './templates.dto';
import { TemplatesService } from './templates.service';

@Controller('v1/templates')
@Roles('marketer')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly variables: TemplateVariables,
    private readonly testSender: TemplateTestSender,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Template names per channel (shipped files and saved ones)' })
  @Answers(200, templateListResponse)
  async list() {
    return { data: await this.templates.list() };
  }

  @Get('overview')
  @ApiOperation({
    summary: 'Every template with its locales, latest version and the journeys that render it',
    description:
      '`usedBy` lists, per journey, the template version its current published version renders (pinned at publish).',
  })
  @Answers(200, templateOverviewResponse)
  async overview() {
    return { data: await this.templates.overview() };
  }

  @Get('variables')
  @ApiOperation({
    summary: 'The variables a template can use, with descriptions and sample values',
    description:
      "The known variables (customer, store, coupon, the trigger event, cart and order lines, unsubscribeUrl), plus the custom attribute keys seen on customers and, with `eventType`, the property keys seen on that event type's stored events (a sample of recent rows). Custom attributes and event properties may be absent: they render empty.",
  })
  @Answers(200, templateVariablesResponse)
  @Fails(400)
  async listVariables(@Query() query: TemplateVariablesQueryDto) {
    return { data: await this.variables.list(query) };
  }

  // Answers 201 (Nest's default for POST), as preview does.
  @Post('test-send')
  @ApiOperation({
    summary: 'Send a rendered template to yourself (your email, or your phone for SMS and WhatsApp)',
    description:
      'Renders with a customer or sample data and sends to the signed-in person (an API key is refused with 403: a person is needed) through the real provider, or into the outbox in sandbox. A test send is marked as one, never capped, never deferred by quiet hours and needs no consent. SMS and WhatsApp need your phone (`PATCH /v1/auth/me`; 422 `no_phone` otherwise). Audited.',
  })
  @Answers(201, testSendResponse)
  @Fails(400, 403, 404, 422, 502)
  async testSend(@Body() body: TestSendDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.testSender.send(body, by) };
  }

  @Get(':channel/:name')
  @ApiOperation({ summary: "A template's source, its locale variants, versions and the journeys using it" })
  @Answers(200, templateSourceResponse)
  @Fails(400, 404)
  async get(@Param() params: TemplateParamsDto) {
    return { data: await this.templates.get(params.channel, params.name) };
  }

  @Put(':channel/:name')
  @ApiOperation({
    summary:
      'Save a locale variant as a new version; it must render with sample data (422 otherwise, nothing saved)',
    description:
      "Every save is a new version: the latest variants with this one (`locale`, else the store's default locale) added or replaced. " +
      'Live journeys keep the version they were published with until they are published again. ' +
      'The name is lowercase letters, digits, "-" and "_" (400 `invalid_name` otherwise). A mistake is 422 ' +
      '`template_invalid` (or `unknown_helper`) with `details: {line, column, name}`; custom attributes and event ' +
      'properties may be absent and render empty, other unknown variables are refused.',
  })
  @Answers(200, savedTemplateResponse)
  @Fails(400, 422)
  async save(
    @Param() params: TemplateParamsDto,
    @Body() body: SaveTemplateDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return {
      data: await this.templates.save(params.channel, params.name, body.source, body.locale, by),
    };
  }

  @Delete(':channel/:name/locales/:locale')
  @ApiOperation({
    summary: 'Delete a locale variant (a new version without it)',
    description: '404 when the template has no such variant; 409 `last_variant` when it is the only one.',
  })
  @Answers(200, templateSourceResponse)
  @Fails(400, 404, 409)
  async deleteLocale(@Param() params: TemplateLocaleParamsDto, @CurrentPrincipal() by: Principal) {
    return {
      data: await this.templates.deleteLocale(params.channel, params.name, params.locale, by),
    };
  }

  @Get(':channel/:name/versions/:version')
  @ApiOperation({ summary: 'One saved version of a template, with its variants' })
  @Answers(200, templateVersionResponse)
  @Fails(400, 404)
  async version(@Param() params: TemplateVersionParamsDto) {
    return { data: await this.templates.getVersion(params.channel, params.name, params.version) };
  }

  // Answers 201 (Nest's default for POST), as it always has.
  @Post('preview')
  @ApiOperation({
    summary:
      'Render a template (by name or source, a version, a locale) for a customer or sample data; SMS shows its segments and encoding',
    description:
      "The variant is the `locale` asked for, else the customer's locale (exact, then its language), then the store's default locale, then any. Email answers its plain-text part too.",
  })
  @Answers(201, templatePreviewResponse)
  @Fails(400, 404, 422)
  async preview(@Body() body: PreviewTemplateDto) {
    return { data: await this.templates.preview(body) };
  }
}
