import { useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { nameProblem, type NameRule } from '../engine/names';

export interface NameField {
  /** Props for the `<input>` (its `id` and label stay with the form). */
  readonly inputProps: {
    ref: React.RefObject<HTMLInputElement | null>;
    value: string;
    onChange(e: ChangeEvent<HTMLInputElement>): void;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  };
  /** The message under the form while the name breaks the rule, else nothing. */
  readonly problem: ReactNode;
  /**
   * On submit: the trimmed name when it follows the rule; otherwise undefined, having shown why and
   * focused the field (or nothing at all for an empty field). Checked before a console line is built
   * from it, so the line never means something else (a space would split the name in two).
   */
  accept(): string | undefined;
  clear(): void;
  /**
   * When the console command built from `name` has ended: on success (exit code 0) the field is
   * cleared, unless it was edited meanwhile; on failure the name stays, to be corrected, and
   * `failure` shows at the field.
   */
  settle(name: string, exitCode: number, failure: string): void;
}

/** The exit code of a console line that was cancelled or dropped (Ctrl+C, a new session). */
const CANCELLED = 130;

/**
 * What to say at a form when its command failed: `known` when the form can tell why (a name
 * already taken), else where to read the reason.
 */
export function failureText(what: string, exitCode: number, known?: string): string {
  if (exitCode === CANCELLED) return `${what}: the command was cancelled.`;
  return `${what}: ${known ?? 'the console shows why.'}`;
}

/** A name typed into a form that runs a console command, checked against the engine's rule. */
export function useNameField(rule: NameRule): NameField {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();
  return {
    inputProps: {
      ref,
      value,
      onChange: (e) => {
        setValue(e.target.value);
        setProblem(undefined);
      },
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${id}-problem` : undefined,
    },
    problem: problem && (
      <p
        id={`${id}-problem`}
        className="form-problem"
        role="alert"
        // In a short, scrolled tab the message may land below the fold: bring it into view.
        ref={(el) => el?.scrollIntoView({ block: 'nearest' })}
      >
        {problem}
      </p>
    ),
    accept() {
      const name = value.trim();
      if (!name) return undefined;
      const wrong = nameProblem(rule, name);
      setProblem(wrong);
      if (!wrong) return name;
      ref.current?.focus();
      return undefined;
    },
    clear: () => setValue(''),
    settle(name, exitCode, failure) {
      if (exitCode === 0) {
        setValue((v) => (v.trim() === name ? '' : v));
        return;
      }
      setProblem(failure);
      ref.current?.focus();
    },
  };
}
