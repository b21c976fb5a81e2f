// The site's own descriptions: open to everyone.
import { publicRead } from './common.js';

export const siteRules = {
  status_show: publicRead,
  site_read: publicRead,
  help_show: publicRead,
} as const;
