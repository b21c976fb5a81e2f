// The kho command: finds the command in the table (commands.ts), parses its arguments strictly,
// answers --help and --version, and ends every expected failure with one line on stderr:
// exit 1 for a failure, 2 for a wrong command line, 3 when the embedded database is in use.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { COMMANDS, type CommandSpec } from './commands.js';
import { UsageError, explain } from './cli-errors.js';

const HELP_OPTION = { type: 'boolean', short: 'h', description: 'show this help' } as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function synopsis(c: CommandSpec): string {
  const args = (c.positionals ?? []).map((p) => (p.required ? p.name : `[${p.name}]`));
  const opts = Object.entries(c.options ?? {}).map(([name, o]) => {
    const text = o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`;
    return o.required ? text : `[${text}]`;
  });
  return ['kho', ...c.words, ...args, ...opts].join(' ');
}

/** The list of commands, or of one group's (`group`: 'user'). */
function overview(commands = COMMANDS, group?: string): string {
  const width = Math.max(...commands.map((c) => c.words.join(' ').length));
  return [
    group ? `Usage: kho ${group} SUBCOMMAND [options]` : 'Usage: kho COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.words.join(' ').padEnd(width)}   ${c.summary}`),
    '',
    'kho COMMAND --help shows a command\'s arguments; kho --version prints the version.',
    'Settings come from the environment (see the README\'s Configuration table).',
    '',
  ].join('\n');
}

function commandHelp(c: CommandSpec): string {
  const options = { ...Object.fromEntries(Object.entries(c.options ?? {})), help: HELP_OPTION };
  const label = (name: string, o: { type: string; value?: string; short?: string }) =>
    `${'short' in o && o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
  const width = Math.max(...Object.entries(options).map(([n, o]) => label(n, o).length));
  return [
    `Usage: ${synopsis(c)}`,
    '',
    `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`,
    ...(c.details ? ['', c.details] : []),
    '',
    'Options:',
    ...Object.entries(options).map(([n, o]) => `  ${label(n, o).padEnd(width)}   ${o.description}`),
    '',
  ].join('\n');
}

/** The commands whose words start with `prefix`. */
const under = (prefix: string[]) => COMMANDS.filter((c) => prefix.every((w, i) => c.words[i] === w));

async function main(argv: string[]): Promise<void> {
  const [first] = argv;
  if (first === undefined) throw new UsageError('no command given', overview());
  if (first === '--version' || first === '-V' || first === 'version') return void process.stdout.write(`kho ${version()}\n`);
  if (first === '--help' || first === '-h') return void process.stdout.write(overview());
  if (first === 'help') {
    const wanted = argv.slice(1);
    const exact = COMMANDS.find((c) => c.words.join(' ') === wanted.join(' '));
    if (exact) return void process.stdout.write(commandHelp(exact));
    if (wanted.length && under(wanted).length) return void process.stdout.write(overview(under(wanted), wanted.join(' ')));
    if (wanted.length) throw new UsageError(`unknown command "${wanted.join(' ')}"`, overview());
    return void process.stdout.write(overview());
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first}`, overview());

  // The longest run of words that names a command; a word that only begins one is a group.
  const command = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!command) {
    const group = under([first]);
    if (!group.length) throw new UsageError(`unknown command "${first}"`, overview());
    const next = argv[1];
    if (next === '--help' || next === '-h') return void process.stdout.write(overview(group, first));
    const subs = group.map((c) => c.words.slice(1).join(' ')).join(', ');
    throw new UsageError(next === undefined ? `${first} needs a subcommand: ${subs}` : `unknown command "${first} ${next}" (there is: ${subs})`, overview(group, first));
  }
  const args = argv.slice(command.words.length);
  if (args.includes('--help') || args.includes('-h')) return void process.stdout.write(commandHelp(command));

  const name = command.words.join(' ');
  const options = Object.fromEntries(Object.entries(command.options ?? {}).map(([n, o]) => [n, { type: o.type }]));
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (err) {
    // node:util's messages name the option; say it as one line of ours.
    const message = String((err as Error).message ?? err).split('\n')[0].replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`${name}: ${message}`, commandHelp(command));
  }
  const wanted = command.positionals ?? [];
  const missing = wanted.find((p, i) => p.required && parsed.positionals[i] === undefined);
  if (missing) throw new UsageError(`${name} needs a ${missing.name}`, commandHelp(command));
  if (parsed.positionals.length > wanted.length) {
    throw new UsageError(`${name}: unexpected argument "${parsed.positionals[wanted.length]}"`, commandHelp(command));
  }
  await command.run(parsed);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const { message, exitCode, usage } = explain(err);
  process.stderr.write(`kho: ${message}\n`);
  if (usage) process.stderr.write(`\n${usage}`);
  process.exit(exitCode);
});
