// Tags and licenses: open to everyone (tags are counted on public datasets only, inside).
import { publicRead } from './common.js';

export const tagRules = {
  tag_list: publicRead,
  tag_autocomplete: publicRead,
  tag_show: publicRead,
  license_list: publicRead,
} as const;
