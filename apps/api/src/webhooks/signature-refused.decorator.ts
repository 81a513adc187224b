/** The 401 every signed webhook answers when its signature is missing or wrong (documented once). */
import { ApiResponse } from '@nestjs/swagger';

export const SignatureRefused = (description: string) =>
  ApiResponse({
    status: 401,
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  });
