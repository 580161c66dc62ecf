import { watch, type FSWatcher } from 'node:fs';

/** How long the folder must be quiet before a reload: an editor's save is several events. */
const QUIET_MS = 250;

/**
 * Calls `onChange` once a burst of changes to the schema folder's `.graphql` files has settled
 * (SCHEMA_WATCH=true). Answers a function that stops watching.
 */
export function watchSchemaDir(dir: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, (_event, file) => {
    if (file !== null && !file.endsWith('.graphql')) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, QUIET_MS);
  });
  // Watching must never keep a stopping process alive.
  watcher.unref();
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
