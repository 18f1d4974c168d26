import { LRUCache } from 'lru-cache';

/** At most this many statement texts are prepared (per connection, as PostgreSQL keeps them per session). */
const MAX_PREPARED_TEXTS = 500;

/** Texts seen once so far; a text is prepared from its second use on. */
const seenOnce = new LRUCache<string, true>({ max: 5_000 });
const names = new Map<string, string>();

/**
 * The arguments of a pg `client.query(text, values)` call, turned into a named prepared statement
 * when the text has parameters and has run before: PostgreSQL then parses it once per connection
 * and, after a few runs, plans it once (RLS policies included, their settings read at run time),
 * instead of parsing and planning it on every request (in the bench, about a third of the
 * database's time per request on Q2). Anything else (no parameters, several statements in one
 * text, a config object) passes unchanged.
 *
 * Bounds: texts that vary with their input (an IN list of varying length) stop being prepared once
 * MAX_PREPARED_TEXTS texts are, so no backend collects statements without end. A statement on a
 * table whose columns changed since it was prepared fails ("cached plan must not change result
 * type"): migrations run before the server starts, and a restart after a schema change clears them.
 */
export function asPreparedStatement(args: unknown[]): unknown[] {
  const [text, values] = args;
  if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return args;
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_PREPARED_TEXTS) return args;
    if (!seenOnce.has(text)) {
      seenOnce.set(text, true);
      return args;
    }
    seenOnce.delete(text);
    // Unique per text for the life of the process: pg refuses one name for two texts on a connection.
    name = `stp_${names.size}`;
    names.set(text, name);
  }
  return [{ name, text, values }];
}
