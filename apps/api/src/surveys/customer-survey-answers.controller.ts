/** `GET /v1/customers/{id}/survey-answers` (support): what one customer answered, on their page. */
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { customerSurveyAnswersSchema } from '@waypoint/contract';
import { Roles } from '../auth/access.decorators';
import { CustomerRefDto } from '../customers/customers.dto';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { SurveysService } from './surveys.service';

@Controller('v1/customers')
@Roles('support')
export class CustomerSurveyAnswersController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':id/survey-answers')
  @ApiOperation({
    summary: "A customer's survey answers",
    description:
      'Newest first (the latest 100): the survey, question and answer (in English), the comment, when, and the ' +
      'journey and run whose message asked.',
  })
  @Answers(200, customerSurveyAnswersSchema)
  @Fails(400, 404)
  async answers(@Param() params: CustomerRefDto) {
    return { data: await this.surveys.answersOf(params.id) };
  }
}
