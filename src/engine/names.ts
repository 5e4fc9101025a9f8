/**
 * Names users choose for what they create (clients, subnets, private endpoints): one rule each,
 * shared by the engine, which refuses other names, and the dashboard's forms, which explain the
 * rule before a command is run. No imports, so the forms can use it without the engine.
 */
export interface NameRule {
  readonly pattern: RegExp;
  /** What is named, in a sentence: "client", "subnet". */
  readonly what: string;
  readonly maxLength: number;
}

/** A letter or digit, then letters, digits, '.', '_' or '-', `maxLength` characters at most. */
function nameRule(what: string, maxLength: number): NameRule {
  return { what, maxLength, pattern: new RegExp(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,${maxLength - 1}}$`) };
}

export const CLIENT_NAME = nameRule('client', 40);
export const SUBNET_NAME = nameRule('subnet', 80);
export const ENDPOINT_NAME = nameRule('private endpoint', 80);

/** Why `name` breaks `rule`, in one sentence, or undefined when it is a valid name. */
export function nameProblem(rule: NameRule, name: string): string | undefined {
  if (rule.pattern.test(name)) return undefined;
  return (
    `A ${rule.what} name starts with a letter or digit and then has only letters, digits, ` +
    `'.', '_' or '-' (${rule.maxLength} characters at most).`
  );
}
