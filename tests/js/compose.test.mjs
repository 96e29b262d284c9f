// Validates docker-compose.yml without a Docker engine: the YAML parses (anchors and merge keys included),
// the topology of ARCHITECTURE §4–5 is there, and every file, service and volume it refers to exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const services = compose.services ?? {};

test('the compose file has redis, two silos, two gateways and nginx', () => {
  for (const name of ['redis', 'silo1', 'silo2', 'gateway1', 'gateway2', 'nginx']) assert.ok(services[name], `service ${name} is missing`);
});

test('every build, bind mount, dependency and named volume it refers to exists', () => {
  for (const [name, service] of Object.entries(services)) {
    if (service.build) {
      const context = path.join(root, service.build.context ?? '.');
      assert.ok(existsSync(context), `${name}: build context ${context} is missing`);
      assert.ok(existsSync(path.join(context, service.build.dockerfile ?? 'Dockerfile')), `${name}: dockerfile ${service.build.dockerfile} is missing`);
    } else {
      assert.ok(service.image, `${name} has neither build nor image`);
    }
    for (const volume of service.volumes ?? []) {
      const source = String(volume).split(':')[0];
      if (source.startsWith('.') || source.startsWith('/')) assert.ok(existsSync(path.join(root, source)), `${name}: mounted ${source} is missing`);
      else assert.ok(compose.volumes && source in compose.volumes, `${name}: named volume ${source} is not declared`);
    }
    const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    for (const dependency of dependsOn) assert.ok(services[dependency], `${name} depends on unknown service ${dependency}`);
  }
});

test('silos and gateways run in cluster mode against the redis service, configured by environment only', () => {
  for (const name of ['silo1', 'silo2', 'gateway1', 'gateway2']) {
    const env = services[name].environment;
    assert.equal(env.Auction__Mode, 'cluster', `${name} is not in cluster mode`);
    assert.match(env.Auction__Cluster__Redis, /^redis:6379/, `${name} does not use the redis service`);
    assert.equal(env.Auction__Cluster__ClusterId, services.silo1.environment.Auction__Cluster__ClusterId, `${name} is in another cluster`);
  }
  assert.equal(services.gateway1.environment.Auction__Jwt__SigningKey, services.gateway2.environment.Auction__Jwt__SigningKey, 'gateways must share the JWT key');
});

test('redis keeps every acknowledged write: AOF with fsync always, no eviction, a volume and a healthcheck', () => {
  const mounted = services.redis.volumes.map(String).find((v) => v.endsWith('redis.conf:ro') || v.includes('redis.conf'));
  const conf = readFileSync(path.join(root, mounted.split(':')[0]), 'utf8');
  assert.match(conf, /^appendonly yes$/m);
  assert.match(conf, /^appendfsync always$/m);
  assert.match(conf, /^maxmemory-policy noeviction$/m);
  assert.ok(services.redis.healthcheck?.test, 'redis has no healthcheck');
  assert.ok(services.redis.volumes.map(String).some((v) => v.startsWith('redis-data:')), 'redis data is not on a volume');
});

test('nginx sends REST and WebSockets to both gateways with sticky sessions', () => {
  const mounted = services.nginx.volumes.map(String).find((v) => v.includes('nginx.conf'));
  const conf = readFileSync(path.join(root, mounted.split(':')[0]), 'utf8');
  assert.match(conf, /ip_hash;/);
  for (const gateway of ['gateway1', 'gateway2']) assert.match(conf, new RegExp(`server ${gateway}:8080;`));
  assert.match(conf, /proxy_set_header Upgrade \$http_upgrade;/);
  assert.match(conf, /proxy_set_header Connection \$connection_upgrade;/);
});
