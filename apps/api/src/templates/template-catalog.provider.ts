import { TemplateCatalog } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';

/** The shipped template files (TEMPLATES_DIR), with the saved templates adopted as they are read. */
export const templateCatalogProvider = {
  provide: TemplateCatalog,
  inject: [ENVIRONMENT],
  useFactory: (env: Environment) => new TemplateCatalog(env.TEMPLATES_DIR),
};
