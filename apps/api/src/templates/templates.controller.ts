/** `/v1/templates`: names per channel, a template's source, save (rendered first), preview. */
import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  savedTemplateResponse,
  templateListResponse,
  templatePreviewResponse,
  templateSourceResponse,
} from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { PreviewTemplateDto, SaveTemplateDto, TemplateParamsDto } from './templates.dto';
import { TemplatesService } from './templates.service';

@Controller('v1/templates')
@Roles('marketer')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Template names per channel (shipped files and saved ones)' })
  @Answers(200, templateListResponse)
  async list() {
    return { data: await this.templates.list() };
  }

  @Get(':channel/:name')
  @ApiOperation({ summary: "A template's source" })
  @Answers(200, templateSourceResponse)
  @Fails(400, 404)
  async get(@Param() params: TemplateParamsDto) {
    return { data: await this.templates.get(params.channel, params.name) };
  }

  @Put(':channel/:name')
  @ApiOperation({
    summary: 'Save a template; it must render with sample data (422 otherwise, nothing saved)',
    description:
      'A saved template overrides the shipped file of the same channel and name, for previews and for ' +
      'what live journeys send. The name is lowercase letters, digits, "-" and "_" (400 `invalid_name` otherwise).',
  })
  @Answers(200, savedTemplateResponse)
  @Fails(400, 422)
  async save(
    @Param() params: TemplateParamsDto,
    @Body() body: SaveTemplateDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return { data: await this.templates.save(params.channel, params.name, body.source, by) };
  }

  // Answers 201 (Nest's default for POST), as it always has.
  @Post('preview')
  @ApiOperation({
    summary:
      'Render a template (by name or source) for a customer or sample data; SMS shows its segment count',
  })
  @Answers(201, templatePreviewResponse)
  @Fails(400, 404, 422)
  async preview(@Body() body: PreviewTemplateDto) {
    return { data: await this.templates.preview(body) };
  }
}
