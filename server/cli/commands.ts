// Every kho command: its words, arguments, options and help, beside what it does. main.ts reads
// this table to parse, to show help and to refuse what is not in it. The server's code is loaded
// only when a command runs, so help and usage errors answer at once, whatever state it is in.
import type { Kho } from '../core/kho.js';
import { loadConfig } from '../config.js';
import { CliError } from './cli-errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** the value's placeholder in help, for string options */
  value?: string;
  /** shown without brackets: the command fails without it (the action says why) */
  required?: boolean;
  description: string;
}

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface CommandSpec {
  /** the words that name it: ['user', 'create'] */
  words: string[];
  /** positional arguments, in order: required ones in capitals, optional ones in [brackets] */
  positionals?: { name: string; required: boolean }[];
  options?: Record<string, OptionSpec>;
  summary: string;
  /** more about it, under the summary in its help */
  details?: string;
  run(input: CommandInput): Promise<void>;
}

/** Opens Kho for a one-off command (no background jobs) and closes it after. */
async function withKho<T>(holder: string, fn: (kho: Kho) => Promise<T>): Promise<T> {
  // A bad setting is reported before the server's code is even loaded.
  loadConfig();
  const { bootKho } = await import('../boot.js');
  const kho = await bootKho({ holder, pushSearch: false });
  try {
    return await fn(kho);
  } finally {
    await kho.close();
  }
}

const out = (s: string): void => { process.stdout.write(`${s}\n`); };

export const COMMANDS: CommandSpec[] = [
  {
    words: ['serve'],
    summary: 'start the server',
    details: 'Reads PORT, HOST, KHO_DATA_DIR, DATABASE_URL and the other settings in the README. On a new\n'
      + 'embedded database it loads the demo catalog (unless KHO_SEED=0) and prints the sysadmin\'s\n'
      + 'password and API token. Logs one JSON line per request on stdout at LOG_LEVEL.',
    run: async () => (await import('./serve.js')).serve(),
  },
  {
    words: ['db', 'migrate'],
    summary: 'apply database migrations (also done on start)',
    run: () => withKho('kho db migrate', async () => { out('Database is up to date.'); }),
  },
  {
    words: ['user', 'create'],
    positionals: [{ name: 'NAME', required: true }],
    options: {
      email: { type: 'string', value: 'E', required: true, description: 'the user\'s e-mail address' },
      password: { type: 'string', value: 'P', required: true, description: 'the password (at least 8 characters)' },
      fullname: { type: 'string', value: 'F', description: 'the name shown for the user' },
      sysadmin: { type: 'boolean', description: 'make the user a sysadmin' },
    },
    summary: 'create a user',
    run: ({ values, positionals }) => withKho('kho user create', async (kho) => {
      const u = await kho.call('user_create', {
        name: positionals[0], email: values.email, password: values.password, fullname: values.fullname, sysadmin: !!values.sysadmin,
      }, { ignoreAuth: true });
      out(`Created user ${u.name}${u.sysadmin ? ' (sysadmin)' : ''} with id ${u.id}`);
    }),
  },
  {
    words: ['token', 'create'],
    positionals: [{ name: 'NAME', required: true }],
    options: { name: { type: 'string', value: 'TOKEN_NAME', description: 'what to call the token (default: cli)' } },
    summary: 'print a new API token for user NAME, alone on stdout',
    run: ({ values, positionals }) => withKho('kho token create', async (kho) => {
      const { sql } = await import('drizzle-orm');
      const { users } = await import('../db/schema.js');
      const { createToken } = await import('../actions/user.js');
      const rows = await kho.database.db.select({ id: users.id }).from(users)
        .where(sql`${users.name} = ${positionals[0]} and ${users.state} = 'active'`).limit(1);
      if (!rows[0]) throw new CliError(`no active user named ${positionals[0]}`);
      const { token } = await createToken({ kho, user: null, ignoreAuth: true }, rows[0].id, (values.name as string | undefined) ?? 'cli');
      out(token);
    }),
  },
  {
    words: ['seed'],
    options: { force: { type: 'boolean', description: 'load it even when the catalog already has datasets' } },
    summary: 'load the demo catalog',
    run: ({ values }) => withKho('kho seed', async (kho) => {
      const { packages } = await import('../db/schema.js');
      const { loadDemoCatalog } = await import('./sysadmin.js');
      const any = await kho.database.db.select({ id: packages.id }).from(packages).limit(1);
      if (any.length && !values.force) throw new CliError('the catalog already has datasets; use --force to load the demo data anyway');
      await loadDemoCatalog(kho, out);
    }),
  },
  {
    words: ['search', 'reindex'],
    summary: 'rebuild every dataset\'s search document (safe while serving)',
    run: () => withKho('kho search reindex', async (kho) => {
      const { reindexAll } = await import('../logic/reindex.js');
      const started = performance.now();
      const n = await reindexAll(kho, ({ done, total }) => {
        const width = 30;
        const filled = Math.round((done / Math.max(total, 1)) * width);
        const rate = done / ((performance.now() - started) / 1000);
        process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} datasets, ${rate.toFixed(0)}/s`);
      });
      process.stderr.write('\n');
      if (kho.outbox) {
        // Meilisearch takes the rebuilt documents from the outbox, like every other change.
        let first = -1;
        await kho.outbox.drain((left) => {
          if (first < 0) first = left;
          process.stderr.write(`\rMeilisearch: ${first - left}/${first} datasets sent`);
        });
        process.stderr.write('\n');
      }
      out(`Reindexed ${n} datasets.`);
    }),
  },
];
