/**
 * Graceful shutdown: SIGTERM while requests are in flight. They complete (200 with data), the
 * process exits with 0, and no PostgreSQL process of that data directory is left (checked in /proc).
 * Own server on a fresh data directory with the demo data.
 *
 * "In flight" is made certain rather than timed: the owner holds an exclusive lock on
 * member_associations, so every request waits inside its database transaction; SIGTERM is sent
 * once PostgreSQL shows all of them waiting on that lock, and the lock is released once the server
 * has begun stopping.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeDataDir, startServer, stopServer, type RunningServer } from '../e2e/support';
import { login, ownerClient, postgresProcessesOn, sleep } from './support';

const REQUESTS = 12;

describe('shutdown with requests in flight', () => {
  let server: RunningServer | undefined;
  let dataDir = '';

  afterAll(async () => {
    await stopServer(server?.child);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes in-flight requests, exits 0 and stops its PostgreSQL', async () => {
    dataDir = makeDataDir('stp-security-shutdown-');
    const previous = process.env.DB_POOL_SIZE;
    process.env.DB_POOL_SIZE = String(REQUESTS + 4);
    try {
      server = await startServer(dataDir);
    } finally {
      if (previous === undefined) delete process.env.DB_POOL_SIZE;
      else process.env.DB_POOL_SIZE = previous;
    }
    const pgDir = path.join(dataDir, 'pg');
    expect(postgresProcessesOn(pgDir).length).toBeGreaterThan(0);
    const token = await login(server.url, 'viewer@dongnai.demo');
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      server!.child.once('exit', (code, signal) => resolve({ code, signal })),
    );

    const owner = await ownerClient(dataDir);
    owner.on('error', () => undefined);
    let locked = true;
    try {
      await owner.query('BEGIN');
      await owner.query('LOCK TABLE member_associations IN ACCESS EXCLUSIVE MODE');
      const inFlight = Array.from({ length: REQUESTS }, () =>
        fetch(new URL('/graphql', server!.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ memberAssociations(first: 20) { edges { node { id name province { code } } } } }' }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
      );
      let waiting = 0;
      // Generous: on a loaded machine the requests may take long to reach the database.
      for (let i = 0; i < 1200 && waiting < REQUESTS; i++) {
        await sleep(50);
        // pg_stat_activity is a snapshot taken once per transaction: clear it, as the lock holder's
        // transaction stays open.
        await owner.query('SELECT pg_stat_clear_snapshot()');
        waiting = Number((await owner.query(`SELECT count(*) FROM pg_stat_activity WHERE usename = 'stp_server' AND wait_event_type = 'Lock'`)).rows[0].count);
      }
      if (waiting !== REQUESTS) {
        console.log((await owner.query(`SELECT usename, datname, backend_type, state, wait_event_type, wait_event, left(query, 60) AS q FROM pg_stat_activity`)).rows);
        console.log(server.log().slice(-3000));
      }
      expect(waiting).toBe(REQUESTS);
      server.child.kill('SIGTERM');
      for (let i = 0; i < 200 && !/SIGTERM: finishing requests in flight/.test(server.log()); i++) await sleep(25);
      expect(server.log()).toMatch(/SIGTERM: finishing requests in flight/);
      await owner.query('COMMIT');
      locked = false;
      // Let go of the owner's connection before PostgreSQL stops with the server.
      await owner.end();
      const results = await Promise.all(inFlight);
      const { code, signal } = await exited;
      const ok = results.filter((r) => r.status === 200 && r.body?.data?.memberAssociations?.edges?.length > 0 && !r.body.errors).length;
      const left = postgresProcessesOn(pgDir);
      console.log(
        `[security] shutdown: ${REQUESTS} requests waiting inside the server at SIGTERM, ${ok} answered 200 with data; ` +
          `exit code ${code} (signal ${signal}); postgres processes of the data dir left: ${left.length}`,
      );
      if (ok < results.length) console.log(JSON.stringify(results.find((r) => r.status !== 200 || r.body?.errors)).slice(0, 500));
      expect(ok).toBe(REQUESTS);
      const check = await ownerClient(dataDir).catch(() => undefined);
      expect(check).toBeUndefined(); // PostgreSQL is down: nothing to connect to
      expect(code).toBe(0);
      expect(left).toEqual([]);
    } finally {
      if (locked) {
        await owner.query('ROLLBACK').catch(() => undefined);
        await owner.end().catch(() => undefined);
      }
    }
  }, 300_000);
});
