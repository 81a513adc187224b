/**
 * PostgreSQL for every feature module: TypeORM's connection (entities and migrations from
 * libs/data) wrapped in libs/data's `Database`, which is all a service injects. Global, so feature
 * modules need not import it.
 */
import { Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { Database, dataSourceOptions } from '@waypoint/data';
import { environmentProvider } from '../config/environment.provider';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      extraProviders: [environmentProvider],
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => dataSourceOptions(env.DATABASE_URL),
    }),
  ],
  providers: [
    {
      provide: Database,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: Database['dataSource']) => new Database(dataSource),
    },
  ],
  exports: [Database],
})
export class DatabaseModule {}
