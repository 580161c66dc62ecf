/** The error `action` throws; fails the test when it returns instead, or throws a non-Error. */
export function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`expected an Error to be thrown, got ${String(error)}`);
  }
  throw new Error('expected the action to throw, but it returned');
}

/** The error `action` rejects with; fails the test when it resolves instead, or rejects with a non-Error. */
export async function rejectionOf(action: () => Promise<unknown>): Promise<Error> {
  try {
    await action();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`expected an Error, got ${String(error)}`);
  }
  throw new Error('expected the action to reject, but it resolved');
}
