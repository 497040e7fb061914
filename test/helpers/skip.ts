/**
 * For `describe.skipIf` / `it.skipIf`: true when the test must be skipped, and then it says
 * why on stderr, so a skipped test never passes in silence.
 */
export function skipBecause(skip: boolean, reason: string): boolean {
  if (skip) process.stderr.write(`skipped: ${reason}\n`);
  return skip;
}
