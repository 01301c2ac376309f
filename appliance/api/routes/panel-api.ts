import type { FastifyInstance } from 'fastify';
import type { ApplianceCore } from '../../appliance-core.js';
import type { PanelServices } from '../../panel/panel-services.js';
import { adminRoutes } from './admin-routes.js';
import { helpRoutes } from './help-routes.js';
import { panelRoutes } from './panel-routes.js';

/** The touch panel's own routes: pairing, admin PIN and view, help. */
export async function panelApi(app: FastifyInstance, core: ApplianceCore, panel: PanelServices): Promise<void> {
  await panelRoutes(app, core, panel);
  await adminRoutes(app, core, panel);
  await helpRoutes(app, panel.help);
}
