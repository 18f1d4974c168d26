import { ConfigError, loadConfig } from '../src/config/config';

/** Scale-out settings (docs/SCALING.md): replicas, cluster workers, trusted proxies. */
describe('scale-out configuration', () => {
  const base = { DATABASE_URL: 'postgres://stp_server:pw@db:5432/stp', JWT_SECRET: 'x'.repeat(40) };

  it('has no replicas, one process and loopback proxies by default (everything as before)', () => {
    const c = loadConfig({});
    expect(c.databaseReplicaUrls).toEqual([]);
    expect(c.webConcurrency).toBe(1);
    expect(c.trustProxy).toBe('loopback');
    expect(c.replicaMaxLagMs).toBe(5000);
    expect(c.replicaPollMs).toBe(1000);
  });

  it('reads a comma-separated list of replica URLs', () => {
    const c = loadConfig({ ...base, DATABASE_REPLICA_URLS: ' postgres://a@r1:5432/stp , postgresql://a@r2/stp,', REPLICA_MAX_LAG_MS: '250', WEB_CONCURRENCY: '4' });
    expect(c.databaseReplicaUrls).toEqual(['postgres://a@r1:5432/stp', 'postgresql://a@r2/stp']);
    expect(c.replicaMaxLagMs).toBe(250);
    expect(c.webConcurrency).toBe(4);
  });

  it('refuses a bad replica URL, replicas without a primary, and bad numbers', () => {
    expect(() => loadConfig({ ...base, DATABASE_REPLICA_URLS: 'postgres://a@r1/stp,mysql://b@r2/stp' })).toThrow(/DATABASE_REPLICA_URLS \(entry 2\) must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://a@r1/stp' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
    expect(() => loadConfig({ ...base, REPLICA_POLL_MS: 'fast' })).toThrow(/REPLICA_POLL_MS/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'loopback; rm -rf' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, uniquelocal' }).trustProxy).toBe('loopback, uniquelocal');
  });
});
