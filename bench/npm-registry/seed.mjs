// Publishes generated packages into a registry through the npm publish API (PUT /<name>), many at a time: the
// benchmark's data set, far faster than one `npm publish` process per package (the tests use real `npm publish`).
// usage: node seed.mjs REGISTRY_URL TOKEN COUNT VERSIONS_PER_PACKAGE [PREFIX]
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const [url, token, count, versionsPerPackage, prefix = 'bench-pkg'] = process.argv.slice(2);
const base = url.endsWith('/') ? url : url + '/';

async function publish(name, version) {
  const tarball = gzipSync(Buffer.from(`package/${name}@${version}\n`));
  const file = `${name}-${version}.tgz`;
  const manifest = {
    name, version, description: `Benchmark package ${name}`, license: 'MIT', keywords: ['bench', 'generated'],
    dependencies: { 'left-pad': '^1.3.0' },
    dist: { tarball: `${base}${name}/-/${file}`, shasum: createHash('sha1').update(tarball).digest('hex') },
  };
  const body = {
    _id: name, name, description: manifest.description, 'dist-tags': { latest: version }, versions: { [version]: manifest },
    _attachments: { [file]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
  };
  const response = await fetch(base + encodeURIComponent(name), {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PUT ${name}@${version}: ${response.status} ${await response.text()}`);
}

const names = Array.from({ length: Number(count) }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`);
let next = 0;
async function worker() {
  while (next < names.length) {
    const name = names[next++];
    for (let v = 0; v < Number(versionsPerPackage); v++) await publish(name, `1.${v}.0`);
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
console.error(`published ${names.length} packages × ${versionsPerPackage} versions`);
