// The province's sector groups → EU data themes (dcat:theme). This table is the one place to
// edit when the province adds or renames a sector group: the key is the group's `name`, the
// value one or more codes of the EU data-theme authority table
// (http://publications.europa.eu/resource/authority/data-theme/): AGRI agriculture, ECON economy
// and finance, EDUC education/culture/sport, ENER energy, ENVI environment, GOVE government and
// public sector, HEAL health, INTR international issues, JUST justice and legal system, REGI
// regions and cities, SOCI population and society, TECH science and technology, TRAN transport.
import themeTable from './themes.json' with { type: 'json' };

export const EU_DATA_THEME = 'http://publications.europa.eu/resource/authority/data-theme/';

export const EU_THEME_CODES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN', 'OP_DATPRO'] as const;

export const SECTOR_THEMES: Readonly<Record<string, readonly string[]>> = themeTable.groups;

const LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = themeTable.labels;

/** The EU table's labels of a theme URI by language ({} for a theme outside the table). */
export function themeLabels(u: string): Readonly<Record<string, string>> {
  return u.startsWith(EU_DATA_THEME) ? LABELS[u.slice(EU_DATA_THEME.length)] ?? {} : {};
}

/** EU theme URIs for the dataset's groups (by group name), in table order, without repeats. */
export function themesForGroups(groupNames: readonly string[]): string[] {
  const out = new Set<string>();
  for (const g of groupNames) for (const code of SECTOR_THEMES[g] ?? []) out.add(EU_DATA_THEME + code);
  return [...out];
}

/** A theme as publishers may give it: a URI, or an EU code such as "HEAL". */
export function themeUri(value: string): string | null {
  const v = value.trim();
  if (/^https?:\/\//.test(v)) return v;
  const code = v.toUpperCase();
  return (EU_THEME_CODES as readonly string[]).includes(code) ? EU_DATA_THEME + code : null;
}
