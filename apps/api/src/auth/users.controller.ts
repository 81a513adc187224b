/** People management (admins): list, add with a role and password, change role, name or password, disable. */
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { personListResponse, personResponse } from '@waypoint/contract';
import { Answers, Fails } from '../openapi/api-docs.decorators';
import { CurrentPrincipal, type Principal } from './principal';
import { NewPersonDto, PersonChangeDto, PersonParamsDto } from './users.dto';
import { UsersService } from './users.service';

@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'People who can sign in' })
  @Answers(200, personListResponse)
  async list() {
    return { data: await this.users.list() };
  }

  @Post()
  @ApiOperation({ summary: 'Add a person with a role and an initial password (≥ 12 characters)' })
  @Answers(201, personResponse, 'Created')
  @Fails(400, 409)
  async create(@Body() body: NewPersonDto, @CurrentPrincipal() by: Principal) {
    return { data: await this.users.create(body, by) };
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change a person's role, name or password, or disable them (their sessions end)",
    description:
      'A new role, a new password or disabling ends every session the person has. 409 `last_admin` when no ' +
      'enabled admin would remain.',
  })
  @Answers(200, personResponse)
  @Fails(400, 404, 409)
  async update(
    @Param() params: PersonParamsDto,
    @Body() body: PersonChangeDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return { data: await this.users.update(params.id, body, by) };
  }
}
