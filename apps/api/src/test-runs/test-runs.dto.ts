/** The test-runs contract as Nest DTOs (validated by the global pipe). */
import { startTestRunBody, startTestRunParams, testRunIdParams } from '@waypoint/contract';
import { createZodDto } from 'nestjs-zod';

export class StartTestRunDto extends createZodDto(startTestRunBody) {}
export class TestRunJourneyDto extends createZodDto(startTestRunParams) {}
export class TestRunIdDto extends createZodDto(testRunIdParams) {}
