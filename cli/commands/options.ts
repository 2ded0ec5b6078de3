/** Option value parsers shared by the commands: a wrong value is a usage error (exit 2) that names the option. */
import { InvalidArgumentError } from 'commander';

/** An integer ≥ `min`. */
export function integer(option: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${option} takes a whole number${min > 0 ? ` of at least ${min}` : min === 0 ? ' (0 or more)' : ''}.`);
    }
    return n;
  };
}
