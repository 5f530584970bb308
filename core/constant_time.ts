// A string comparison whose time depends only on the lengths, for verifiers.

const encoder = new TextEncoder();

/** Whether `a` and `b` are equal, compared byte by byte without early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let difference = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) difference |= x[i]! ^ (y[i] ?? 0);
  return difference === 0;
}
