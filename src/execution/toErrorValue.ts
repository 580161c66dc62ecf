/** DataLoader wants failed slots as `Error` values, never rejections of the whole batch. */
export function toErrorValue(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
