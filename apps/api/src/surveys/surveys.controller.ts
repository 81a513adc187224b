/** `/v1/surveys/{survey}/results`: how a survey was answered (docs/product.md, "Surveys"). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { surveyResultsSchema } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { SurveyResultsParamsDto, SurveyResultsQueryDto } from './surveys.dto';
import { SurveysService } from './surveys.service';

@Controller('v1/surveys')
@Roles('marketer')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':survey/results')
  @ApiOperation({
    summary: 'The distribution of answers of a survey',
    description:
      'Counts per answer (every answer of the survey, zero included) and how many answers came with a comment, ' +
      'over an optional range of answer times [from, to).',
  })
  @Answers(200, surveyResultsSchema)
  @Fails(400, 404, 422)
  async results(@Param() params: SurveyResultsParamsDto, @Query() query: SurveyResultsQueryDto) {
    return { data: await this.surveys.results(params.survey, query) };
  }
}
