// Validates docker-compose.yml without a Docker engine: the YAML parses (anchors and merge keys included), the
// topology of ARCHITECTURE §4–5 is there, every file, service, secret and volume it refers to exists or is made
// by the documented scripts (scripts/make-secrets.sh, scripts/make-dev-cert.sh, run here into a temp folder),
// and it is safe by construction (issue 8): no dev tokens, no secret value in the file, Redis private and behind
// a password, nginx with TLS, HSTS, connection caps and a trusted X-Forwarded-For.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true });
const services = compose.services ?? {};
const read = (relative) => readFileSync(path.join(root, relative), 'utf8');
const dotnetServices = ['silo1', 'silo2', 'gateway1', 'gateway2'];
const gateways = ['gateway1', 'gateway2'];

/** `KEY=value` lines of a dotenv file (comments and blank lines skipped). */
function dotenv(text) {
  const vars = new Map();
  for (const line of text.split('\n')) {
    const m = line.match(/^([A-Z0-9_]+)=(.*)$/);
    if (m) vars.set(m[1], m[2]);
  }
  return vars;
}

/** The host file behind a `./x:/y[:ro]` bind mount, or null for a named volume. */
const bindSource = (volume) => {
  const source = String(volume).split(':')[0];
  return source.startsWith('.') || source.startsWith('/') ? source : null;
};

const mountedConf = (service, name) => read(bindSource(services[service].volumes.map(String).find((v) => v.includes(name))));
const nginxConf = () => mountedConf('nginx', 'nginx.conf');
const redisConf = () => mountedConf('redis', 'redis.conf');
const secretNames = (service) => (services[service].secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));

// Every ${…} in the compose file (comment lines aside): name, operator and message.
const composeCode = composeText.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
const interpolations = [...composeCode.matchAll(/\$\{([A-Za-z0-9_]+)(?:(:?[?-])([^}]*))?\}/g)]
  .map(([whole, name, op, message]) => ({ whole, name, op, message }));

test('the compose file has redis, two silos, two gateways and nginx', () => {
  for (const name of ['redis', 'silo1', 'silo2', 'gateway1', 'gateway2', 'nginx']) assert.ok(services[name], `service ${name} is missing`);
});

test('every build, bind mount, dependency, network and named volume it refers to exists', () => {
  for (const [name, service] of Object.entries(services)) {
    if (service.build) {
      const context = path.join(root, service.build.context ?? '.');
      assert.ok(existsSync(context), `${name}: build context ${context} is missing`);
      assert.ok(existsSync(path.join(context, service.build.dockerfile ?? 'Dockerfile')), `${name}: dockerfile ${service.build.dockerfile} is missing`);
    } else {
      assert.ok(service.image, `${name} has neither build nor image`);
    }
    for (const volume of service.volumes ?? []) {
      const source = bindSource(volume);
      if (source) assert.ok(existsSync(path.join(root, source)), `${name}: mounted ${source} is missing (bind mounts are for committed files; generated ones are secrets)`);
      else assert.ok(compose.volumes && String(volume).split(':')[0] in compose.volumes, `${name}: named volume ${volume} is not declared`);
    }
    const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    for (const dependency of dependsOn) assert.ok(services[dependency], `${name} depends on unknown service ${dependency}`);
    const networks = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
    assert.deepEqual(networks, ['auction'], `${name} must be on the auction network only`);
    for (const secret of secretNames(name)) assert.ok(compose.secrets?.[secret], `${name} uses undeclared secret ${secret}`);
  }
  assert.ok(compose.networks?.auction, 'the auction network is not declared');
});

test('silos and gateways run in cluster mode against the redis service, configured by environment only', () => {
  for (const name of dotnetServices) {
    const env = services[name].environment;
    assert.equal(env.Auction__Mode, 'cluster', `${name} is not in cluster mode`);
    assert.match(env.Auction__Cluster__Redis, /^redis:6379,/, `${name} does not use the redis service`);
    assert.equal(env.Auction__Cluster__ClusterId, services.silo1.environment.Auction__Cluster__ClusterId, `${name} is in another cluster`);
  }
  for (const key of ['Auction__Jwt__SigningKey', 'Auction__Bank__Secret']) {
    assert.ok(services.gateway1.environment[key], `gateways need ${key}`);
    assert.equal(services.gateway1.environment[key], services.gateway2.environment[key], `gateways must share ${key}`);
  }
});

test('the record keys are where the listings run: both silos, the same keys; the gateways hold neither', () => {
  for (const key of ['Auction__Sealing__Key', 'Auction__Checkpoints__PrivateKeyPath']) {
    assert.ok(services.silo1.environment[key], `silos need ${key}`);
    assert.equal(services.silo1.environment[key], services.silo2.environment[key], `silos must share ${key}`);
    for (const gateway of gateways) assert.equal(services[gateway].environment[key], undefined, `${gateway} does not need ${key}`);
  }
  for (const silo of ['silo1', 'silo2']) assert.ok(secretNames(silo).includes('checkpoint_key'), `${silo} mounts the checkpoint key`);
  for (const gateway of gateways) assert.ok(!secretNames(gateway).includes('checkpoint_key'), `${gateway} must not mount the checkpoint private key`);
});

test('no dev tokens and no Development anywhere: services, commands and Dockerfiles', () => {
  for (const name of dotnetServices) {
    const env = services[name].environment;
    assert.equal(env.ASPNETCORE_ENVIRONMENT, 'Production', `${name}: ASPNETCORE_ENVIRONMENT`);
    assert.equal(env.DOTNET_ENVIRONMENT, 'Production', `${name}: DOTNET_ENVIRONMENT (the silo host reads this one)`);
  }
  for (const [name, service] of Object.entries(services)) {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (/DevTokens/i.test(key)) assert.notEqual(String(value).toLowerCase(), 'true', `${name}: ${key} enables dev tokens`);
      if (/Demo/i.test(key)) assert.notEqual(String(value).toLowerCase(), 'true', `${name}: ${key} enables the demo`);
    }
    const command = [service.command, service.entrypoint].flat().filter(Boolean).join(' ');
    assert.doesNotMatch(command, /--demo|DevTokens/i, `${name}: command ${command}`);
  }
  for (const dockerfile of ['deploy/silo.Dockerfile', 'deploy/gateway.Dockerfile']) {
    const text = read(dockerfile);
    assert.doesNotMatch(text, /DevTokens|--demo|Development/i, `${dockerfile} must not enable dev tokens, the demo or Development`);
  }
  assert.doesNotMatch(composeText, /DevTokens\s*:\s*"?true/i);
});

test('every secret comes from ${VAR:?message} or a compose secret file; no secret value is in the file', () => {
  const secretish = /SigningKey|Secret|Sealing__Key|PrivateKey|Password|REDISCLI_AUTH/i;
  for (const [name, service] of Object.entries(services)) {
    for (const [key, raw] of Object.entries(service.environment ?? {})) {
      const value = String(raw);
      if (/Path$/.test(key) && secretish.test(key)) {
        const m = value.match(/^\/run\/secrets\/([a-z0-9_]+)$/);
        assert.ok(m, `${name}: ${key}=${value} must be a compose secret under /run/secrets/`);
        assert.ok(secretNames(name).includes(m[1]), `${name}: ${key} points at secret ${m[1]}, which it does not mount`);
      } else if (secretish.test(key)) {
        assert.match(value, /^\$\{[A-Z0-9_]+:\?[^}]+\}$/, `${name}: ${key} must be exactly \${VAR:?message}`);
      }
      for (const [, secret] of value.matchAll(/password=([^,]*)/gi)) {
        assert.match(secret, /^\$\{[A-Z0-9_]+:\?[^}]+\}$/, `${name}: ${key} carries a password that is not \${VAR:?message}`);
      }
    }
  }
  assert.ok(interpolations.length > 0);
  for (const { whole, op, message } of interpolations) {
    assert.equal(op, ':?', `${whole}: every variable is required (\${VAR:?message}), never defaulted`);
    assert.match(message, /make-secrets\.sh/, `${whole}: the message says how to make it`);
  }
  for (const [secret, definition] of Object.entries(compose.secrets ?? {})) {
    assert.ok(definition.file && !definition.environment, `secret ${secret} must come from a file`);
  }
});

test('redis is private and requires a password: no ports, ACL file with the default user off, authenticated healthcheck', () => {
  const redis = services.redis;
  assert.equal(redis.ports, undefined, 'redis must not publish any port');
  for (const [name, service] of Object.entries(services)) {
    if (name !== 'nginx') assert.equal(service.ports, undefined, `${name} must not publish a port (only nginx does)`);
  }
  const conf = redisConf();
  assert.match(conf, /^aclfile \/run\/secrets\/redis_acl$/m, 'redis.conf loads the users from the redis_acl secret');
  assert.ok(secretNames('redis').includes('redis_acl'), 'redis mounts the redis_acl secret');
  assert.doesNotMatch(conf, /^\s*(requirepass|user)\s/m, 'users live in the ACL file only (redis refuses both)');
  assert.match(conf, /^protected-mode yes$/m);
  for (const name of dotnetServices) assert.match(services[name].environment.Auction__Cluster__Redis, /,user=auction,password=\$\{REDIS_PASSWORD:\?/, `${name} authenticates as auction`);
  assert.match(String(redis.environment.REDISCLI_AUTH), /^\$\{REDIS_PASSWORD:\?/);
  assert.match(redis.healthcheck.test.join(' '), /redis-cli --user auction ping/);
});

test('redis keeps every acknowledged write: AOF with fsync always, no eviction, a volume and a healthcheck', () => {
  const conf = redisConf();
  assert.match(conf, /^appendonly yes$/m);
  assert.match(conf, /^appendfsync always$/m);
  assert.match(conf, /^maxmemory-policy noeviction$/m);
  assert.ok(services.redis.healthcheck?.test, 'redis has no healthcheck');
  assert.ok(services.redis.volumes.map(String).some((v) => v.startsWith('redis-data:/data')), 'redis data is not on a volume');
});

test('nginx sends REST and WebSockets to both gateways with sticky sessions', () => {
  const conf = nginxConf();
  assert.match(conf, /ip_hash;/);
  for (const gateway of gateways) assert.match(conf, new RegExp(`server ${gateway}:8080;`));
  assert.match(conf, /proxy_set_header Upgrade \$http_upgrade;/);
  assert.match(conf, /proxy_set_header Connection \$connection_upgrade;/);
});

test('nginx serves TLS on 443 with HSTS, redirects 80 to HTTPS, caps connections and hides /metrics', () => {
  const conf = nginxConf();
  const servers = conf.split(/\n\s*server\s*\{/).slice(1);
  const tls = servers.find((s) => /listen 443 ssl/.test(s));
  const plain = servers.find((s) => /listen 80[ ;]/.test(s));
  assert.ok(tls, 'a server listens on 443 with ssl');
  assert.match(tls, /ssl_certificate\s+\/run\/secrets\/tls_certificate;/);
  assert.match(tls, /ssl_certificate_key\s+\/run\/secrets\/tls_key;/);
  assert.match(tls, /ssl_protocols\s+TLSv1\.2 TLSv1\.3;/);
  assert.match(tls, /add_header Strict-Transport-Security "max-age=\d{7,}[^"]*" always;/);
  for (const secret of ['tls_certificate', 'tls_key']) assert.ok(secretNames('nginx').includes(secret), `nginx mounts ${secret}`);
  assert.ok(plain, 'a server listens on 80');
  assert.doesNotMatch(plain, /proxy_pass/, 'plain HTTP serves nothing of the API');
  assert.match(plain, /return 301 https:\/\/\$host\$request_uri;/);

  assert.match(conf, /^\s*worker_connections \d+;/m);
  const zone = conf.match(/limit_conn_zone \$binary_remote_addr zone=(\w+):\d+m;/);
  assert.ok(zone, 'a limit_conn zone per client address');
  assert.match(tls, new RegExp(`limit_conn ${zone[1]} \\d+;`));

  assert.match(tls, /location \^~ \/metrics \{\s*(return 404|deny all);/, '/metrics is not reachable from outside');
  // Every location that proxies sets X-Forwarded-For itself (nginx does not inherit headers into a location
  // that sets any) from the address nginx saw, so a client cannot choose its own.
  const proxied = [...tls.matchAll(/location [^{]+\{([^}]*)\}/g)].map((m) => m[1]).filter((body) => body.includes('proxy_pass'));
  assert.ok(proxied.length >= 2);
  for (const body of proxied) assert.match(body, /proxy_set_header X-Forwarded-For \$remote_addr;/);

  const ports = services.nginx.ports.map(String);
  assert.ok(ports.some((p) => /:443$/.test(p)), 'nginx publishes 443');
});

test('the gateways trust X-Forwarded-For from nginx only, at its fixed address on the compose subnet', () => {
  const address = services.nginx.networks.auction.ipv4_address;
  assert.match(address, /^\d+\.\d+\.\d+\.\d+$/);
  for (const name of gateways) {
    const env = services[name].environment;
    const proxies = Object.entries(env).filter(([k]) => k.startsWith('Auction__ForwardedHeaders__KnownProxies'));
    assert.deepEqual(proxies, [['Auction__ForwardedHeaders__KnownProxies__0', address]], `${name} trusts exactly nginx`);
  }
  const [subnet] = compose.networks.auction.ipam.config.map((c) => c.subnet);
  const [base, bits] = subnet.split('/');
  const toInt = (ip) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const mask = bits === '0' ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  assert.equal((toInt(address) & mask) >>> 0, (toInt(base) & mask) >>> 0, `${address} is inside ${subnet}`);
});

describe('generated secrets (the documented scripts, run into a temp folder)', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'auction-secrets-'));
    execFileSync('bash', [path.join(root, 'scripts/make-secrets.sh'), '--env-file', path.join(dir, '.env'), '--secrets-dir', path.join(dir, 'deploy/secrets')], { stdio: 'pipe' });
    execFileSync('bash', [path.join(root, 'scripts/make-dev-cert.sh'), '--dir', path.join(dir, 'deploy/tls')], { stdio: 'pipe' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every compose secret file is one the scripts generate, and the README tells to run them', () => {
    for (const [secret, { file }] of Object.entries(compose.secrets)) {
      assert.ok(existsSync(path.join(dir, file)), `secret ${secret}: ${file} is not generated by scripts/make-secrets.sh or scripts/make-dev-cert.sh`);
    }
    const readme = read('README.md');
    assert.match(readme, /scripts\/make-secrets\.sh/);
    assert.match(readme, /scripts\/make-dev-cert\.sh/);
  });

  test('.env defines every variable compose requires, with strong random values', () => {
    const env = dotenv(readFileSync(path.join(dir, '.env'), 'utf8'));
    for (const { name } of interpolations) assert.ok(env.get(name), `.env lacks ${name}`);
    for (const name of ['JWT_SIGNING_KEY', 'BANK_SECRET', 'SEALING_KEY']) {
      assert.equal(Buffer.from(env.get(name), 'base64').length, 32, `${name} is base64 of 32 bytes`);
    }
    assert.match(env.get('REDIS_PASSWORD'), /^[0-9a-f]{64}$/);
    assert.equal(statSync(path.join(dir, '.env')).mode & 0o077, 0, '.env is readable by its owner only');
  });

  test('the checkpoint key is ECDSA P-256 in PKCS#8 PEM, readable by its owner only', () => {
    const file = path.join(dir, 'deploy/secrets/checkpoint-key.pem');
    const pem = readFileSync(file, 'utf8');
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
    const key = createPrivateKey(pem);
    assert.equal(key.asymmetricKeyType, 'ec');
    assert.equal(key.asymmetricKeyDetails.namedCurve, 'prime256v1');
    assert.equal(statSync(file).mode & 0o077, 0);
  });

  test('the Redis ACL turns the default user off and admits auction with the SHA-256 of REDIS_PASSWORD', () => {
    const env = dotenv(readFileSync(path.join(dir, '.env'), 'utf8'));
    const acl = readFileSync(path.join(dir, 'deploy/secrets/redis.acl'), 'utf8');
    const hash = createHash('sha256').update(env.get('REDIS_PASSWORD')).digest('hex');
    assert.match(acl, /^user default off$/m);
    assert.match(acl, new RegExp(`^user auction on #${hash} ~\\* &\\* \\+@all$`, 'm'));
    assert.doesNotMatch(acl, new RegExp(env.get('REDIS_PASSWORD')), 'the ACL holds the hash, not the password');
  });

  test('the dev certificate is for localhost and matches its key', () => {
    const cert = new X509Certificate(readFileSync(path.join(dir, 'deploy/tls/cert.pem')));
    assert.match(cert.subjectAltName, /DNS:localhost/);
    assert.ok(cert.checkPrivateKey(createPrivateKey(readFileSync(path.join(dir, 'deploy/tls/key.pem')))));
  });

  test('a second run keeps the secrets it finds (a new sealing key could not open old records)', () => {
    const before = readFileSync(path.join(dir, '.env'), 'utf8');
    const again = spawnSync('bash', [path.join(root, 'scripts/make-secrets.sh'), '--env-file', path.join(dir, '.env'), '--secrets-dir', path.join(dir, 'deploy/secrets')], { encoding: 'utf8' });
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /exists; keeping the current secrets/);
    assert.equal(readFileSync(path.join(dir, '.env'), 'utf8'), before);
  });
});

test('the container test override only adds build arguments, test settings and the 127.0.0.1 binding, and keeps the subnet', () => {
  // scripts/compose-test.sh runs docker-compose.yml with tests/compose/docker-compose.test.yml; everything else is the real file.
  const override = parse(read('tests/compose/docker-compose.test.yml'), { merge: true });
  for (const [name, service] of Object.entries(override.services)) {
    assert.ok(services[name], `the override names unknown service ${name}`);
    for (const key of Object.keys(service)) assert.ok(['build', 'environment'].includes(key), `${name}: the override sets ${key}; it may set build args and test settings only`);
    if (service.build) assert.deepEqual(Object.keys(service.build), ['args'], `${name}: only build args`);
    for (const key of Object.keys(service.environment ?? {})) {
      assert.doesNotMatch(key, /Secret|Key|Password|DevTokens|Demo|ENVIRONMENT|Redis|Urls|KnownProxies/i, `${name}: the override must not change ${key}`);
    }
  }
  assert.deepEqual(Object.keys(override.networks), ['auction']);
  // docker-compose 1.29 replaces the network's definition as a whole, so the override repeats the subnet.
  assert.deepEqual(override.networks.auction.ipam, compose.networks.auction.ipam, 'the override keeps the subnet nginx\'s fixed address needs');
  assert.deepEqual(override.networks.auction.driver_opts, { 'com.docker.network.bridge.host_binding_ipv4': '127.0.0.1' });
});

test('every service has a healthcheck that its image can run, and readiness gates the start order', () => {
  const healthchecked = (name) => services[name].healthcheck?.test ?? (services[name].build && /^HEALTHCHECK .*--health-check/m.test(read(services[name].build.dockerfile)));
  for (const name of Object.keys(services)) assert.ok(healthchecked(name), `${name} has no healthcheck`);
  for (const dockerfile of ['deploy/silo.Dockerfile', 'deploy/gateway.Dockerfile']) {
    // The .NET runtime images have no curl: the probe is the service's own binary in its --health-check mode.
    assert.match(read(dockerfile), /^HEALTHCHECK .*CMD \["dotnet", "Auction\.\w+\.dll", "--health-check", "http:\/\/127\.0\.0\.1:8080\/health\/ready"\]$/m, dockerfile);
  }
  assert.match(read('deploy/silo.Dockerfile'), /Auction__Health__Port=8080/, 'the silo serves the health endpoint its probe asks');
  const needsHealthy = (name, dependency) => assert.deepEqual(services[name].depends_on?.[dependency], { condition: 'service_healthy' }, `${name} waits for ${dependency} to be healthy`);
  for (const silo of ['silo1', 'silo2']) needsHealthy(silo, 'redis');
  for (const gateway of gateways) for (const silo of ['silo1', 'silo2']) needsHealthy(gateway, silo);
  for (const gateway of gateways) needsHealthy('nginx', gateway);
});

test('.env.example documents every variable with an empty, non-working value', () => {
  const example = dotenv(read('.env.example'));
  for (const { name } of interpolations) {
    assert.ok(example.has(name), `.env.example does not document ${name}`);
    assert.equal(example.get(name), '', `.env.example gives ${name} a value; an empty one stops compose instead of starting with it`);
  }
});

test('.env, the generated keys and the local cluster state are git-ignored and kept out of image builds', () => {
  const paths = ['.env', 'deploy/secrets/checkpoint-key.pem', 'deploy/secrets/redis.acl', 'deploy/tls/key.pem', 'deploy/tls/cert.pem', '.local-cluster/pids/redis.pid'];
  const ignored = spawnSync('git', ['check-ignore', '--no-index', ...paths], { cwd: root, encoding: 'utf8' });
  assert.equal(ignored.status, 0, `git check-ignore failed: ${ignored.stderr}`);
  assert.deepEqual(ignored.stdout.trim().split('\n').sort(), [...paths].sort());
  const notIgnored = spawnSync('git', ['check-ignore', '--no-index', '.env.example'], { cwd: root, encoding: 'utf8' });
  assert.equal(notIgnored.status, 1, '.env.example is committed');
  const dockerignore = read('.dockerignore').split('\n');
  for (const entry of ['.env', 'deploy/secrets/', 'deploy/tls/', '.local-cluster/']) assert.ok(dockerignore.includes(entry), `.dockerignore lacks ${entry}`);
});
