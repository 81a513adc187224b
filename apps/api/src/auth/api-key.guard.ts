/** Routes for storefronts and servers: `Authorization: Bearer <api key>`, else 401 naming why. */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error';
import { ApiKeysService } from './api-keys.service';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match)
      throw ApiError.unauthorized('missing_api_key', 'Send an API key as "Authorization: Bearer <key>"');
    const id = await this.keys.verify(match[1]);
    if (!id) throw ApiError.unauthorized('invalid_api_key', 'The API key is unknown or revoked');
    return true;
  }
}
