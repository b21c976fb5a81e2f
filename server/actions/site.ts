// Site actions: status_show, site_read, help_show.
import type { ActionDef } from '../core/action.js';
import { NotFoundError } from '../core/errors.js';
import { siteRules as rules } from '../auth/rules/site.js';

export const EMULATED_CKAN_VERSION = '2.11.0';

export const siteActions: ActionDef[] = [
  {
    name: 'status_show', read: true, auth: rules.status_show,
    async handler(ctx) {
      const c = ctx.kho.config;
      return {
        site_title: c.siteTitle,
        site_description: c.siteDescription,
        site_url: c.siteUrl,
        error_emails_to: null,
        locale_default: c.locale,
        // Exactly the modules this instance runs, as CKAN lists its plugins.
        extensions: ctx.kho.modules.map((m) => m.name),
        ckan_version: EMULATED_CKAN_VERSION,
        kho_version: '0.1.0',
        database: ctx.kho.database.kind,
        search: ctx.kho.search.kind,
        storage: ctx.kho.blobs.kind,
      };
    },
  },
  {
    name: 'site_read', read: true, auth: rules.site_read,
    async handler() {
      return true;
    },
  },
  {
    name: 'help_show', read: true, auth: rules.help_show, schema: 'misc#/definitions/help_show',
    async handler(ctx, data) {
      const def = typeof data.name === 'string' ? ctx.kho.actions.get(data.name) : undefined;
      if (!def) throw new NotFoundError('Action function not found');
      return `${def.name}: see the CKAN Action API documentation. ${def.read ? 'GET or POST' : 'POST only'}.`;
    },
  },
];
