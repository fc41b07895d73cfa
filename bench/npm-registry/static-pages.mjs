// Serves search pages saved from verdaccio, from memory: GET /-/v1/search?...&from=F answers with the page saved as
// page-F.json (an empty page past the last). The in-process comparison of bench/http-throughput.sh reads these, so
// the clients' own CPU per page is measured against a server that answers in well under a millisecond instead of
// verdaccio's seconds per search page. Like verdaccio, it answers brotli-compressed (when asked), chunked, with
// X-RateLimit-* headers, so the clients do the same work per page as against verdaccio.
// usage: node static-pages.mjs PAGES_FOLDER   (prints the URL it listens on, then serves until killed)
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';

const folder = process.argv[2];
const pages = new Map();
for (const file of readdirSync(folder)) {
  const match = /^page-(\d+)\.json$/.exec(file);
  if (match) {
    const body = readFileSync(join(folder, file));
    pages.set(Number(match[1]), { body, br: brotliCompressSync(body) });
  }
}
const emptyBody = Buffer.from('{"objects":[],"total":0,"time":""}');
const empty = { body: emptyBody, br: brotliCompressSync(emptyBody) };
const server = createServer((request, response) => {
  const from = Number(new URL(request.url, 'http://localhost').searchParams.get('from') ?? 0);
  const page = pages.get(from) ?? empty;
  const brotli = /\bbr\b/.test(request.headers['accept-encoding'] ?? '');
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'x-ratelimit-limit': '1000000', 'x-ratelimit-remaining': '999999', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
    vary: 'Accept-Encoding',
    ...(brotli ? { 'content-encoding': 'br' } : {}),
  });
  // Two writes without a length: chunked, as verdaccio sends.
  const bytes = brotli ? page.br : page.body;
  const half = bytes.length >> 1;
  response.write(bytes.subarray(0, half));
  response.end(bytes.subarray(half));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/`));
