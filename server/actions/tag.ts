// Tags and the license register.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type ActionContext } from './registry.js';
import type { ActionDef } from '../core/action.js';
import { NotFoundError } from '../core/errors.js';
import { tagRules as rules } from '../auth/rules/tag.js';
import { packages, packageTags, tags } from '../db/schema.js';
import { LICENSES } from '../logic/licenses.js';
import { ACTIVE_PUBLIC, ANONYMOUS, listedSql } from '../core/visibility.js';
import { packageDicts } from '../logic/dictize.js';
import { containsPattern, foldSql } from '../text/fold-sql.js';
import { fold } from '../text/fold.js';
import { escapeLike } from '../db/like.js';

const db = (ctx: ActionContext) => ctx.kho.database.db;

/** Tags used by at least one public active dataset. */
const usedPublicly = sql`exists (select 1 from ${packageTags} join ${packages} on ${packages.id} = ${packageTags.packageId}
  where ${packageTags.tagId} = ${tags.id} and ${listedSql(ANONYMOUS, ACTIVE_PUBLIC)})`;

export const tagActions: ActionDef[] = [
  {
    name: 'tag_list', read: true, auth: rules.tag_list, schema: 'misc#/definitions/tag_list',
    async handler(ctx, data) {
      const query = data.query ?? data.q;
      const conds = [data.vocabulary_id ? eq(tags.vocabularyId, data.vocabulary_id) : isNull(tags.vocabularyId), usedPublicly];
      if (query) conds.push(sql`${foldSql(sql`${tags.name}`)} like ${containsPattern(String(query))}`);
      const rows = await db(ctx).select().from(tags).where(and(...conds)).orderBy(asc(tags.name));
      if (data.all_fields) return rows.map((t) => ({ id: t.id, name: t.name, display_name: t.name, vocabulary_id: t.vocabularyId }));
      return rows.map((t) => t.name);
    },
  },
  {
    // Tags of public active datasets containing the text, diacritics ignored; tags that begin
    // with it come first.
    name: 'tag_autocomplete', read: true, auth: rules.tag_autocomplete, schema: 'misc#/definitions/tag_autocomplete',
    async handler(ctx, data) {
      const query = String(data.q ?? data.query ?? '').trim();
      if (!query) return [];
      const folded = sql`${foldSql(sql`${tags.name}`)}`;
      const rows = await db(ctx).select({ name: tags.name }).from(tags)
        .where(and(data.vocabulary_id ? eq(tags.vocabularyId, data.vocabulary_id) : isNull(tags.vocabularyId),
          sql`${folded} like ${containsPattern(query)}`, usedPublicly))
        .orderBy(sql`case when ${folded} like ${escapeLike(fold(query)) + '%'} then 0 else 1 end`, asc(tags.name))
        .limit(data.limit ?? 10).offset(data.offset ?? 0);
      return rows.map((r) => r.name);
    },
  },
  {
    name: 'tag_show', read: true, auth: rules.tag_show, schema: 'misc#/definitions/tag_show',
    async handler(ctx, data) {
      if (!data.id) throw new NotFoundError('Could not find tag');
      const vocab = data.vocabulary_id ? eq(tags.vocabularyId, data.vocabulary_id) : isNull(tags.vocabularyId);
      const rows = await db(ctx).select().from(tags)
        .where(and(vocab, sql`(${tags.id} = ${data.id} or ${tags.name} = ${data.id})`)).limit(1);
      const t = rows[0];
      if (!t) throw new NotFoundError(`Could not find tag "${data.id}"`);
      const dict: Record<string, unknown> = { id: t.id, name: t.name, display_name: t.name, vocabulary_id: t.vocabularyId };
      if (data.include_datasets) {
        const pk = await db(ctx).select().from(packages)
          .innerJoin(packageTags, eq(packageTags.packageId, packages.id))
          .where(and(eq(packageTags.tagId, t.id), listedSql(ANONYMOUS, ACTIVE_PUBLIC)))
          .orderBy(asc(packages.name)).limit(1000);
        dict.packages = await packageDicts(db(ctx), ctx.kho.config.siteUrl, pk.map((r) => r.packages));
      }
      return dict;
    },
  },
  {
    name: 'license_list', read: true, auth: rules.license_list,
    async handler() {
      return LICENSES;
    },
  },
];
