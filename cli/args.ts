/** Parsed command line: the command, its positional words and its --flags. */
export interface CliArgs {
  command?: string;
  positional: string[];
  flags: Record<string, string | boolean>;
}

/** Flags that take no value. */
const BOOLEAN_FLAGS = new Set(['json', 'help']);

/** Splits argv into command, positional arguments and flags (`--limit 5`, `--json`, `--x=y`). */
export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  const args: CliArgs = { command, positional: [], flags: {} };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (!word.startsWith('--') || word === '-') {
      args.positional.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (inline !== undefined) args.flags[name] = inline;
    else if (BOOLEAN_FLAGS.has(name) || rest[i + 1] === undefined || rest[i + 1]!.startsWith('--')) args.flags[name] = true;
    else args.flags[name] = rest[++i]!;
  }
  return args;
}
