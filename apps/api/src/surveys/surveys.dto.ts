/** The surveys' contract as Nest DTOs (validated by the global pipe). */
import {
  surveyAnswerParams,
  surveyCommentForm,
  surveyResultsParams,
  surveyResultsQuery,
} from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class SurveyAnswerParamsDto extends createZodDto(surveyAnswerParams) {}
export class SurveyCommentFormDto extends createZodDto(surveyCommentForm) {}
export class SurveyResultsParamsDto extends createZodDto(surveyResultsParams) {}
export class SurveyResultsQueryDto extends createZodDto(surveyResultsQuery) {}
