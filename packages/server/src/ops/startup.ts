import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * The server's HTTP listener, opened first thing at start-up — before the database is opened (an
 * empty embedded data directory is initialised, a cached demo copied in), migrated and the demo
 * county loaded (a first start takes a minute at full scale). Until `serve(app)` every request is
 * answered here: pages with a self-refreshing "正在生成演示数据（41%）" page, the API with 503,
 * Retry-After and the same words (`/api/health`: `status: 'starting'`). Then every request goes
 * to the Fastify app (its `routing`, as if Fastify had made the server).
 */
export interface StartupServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  /** What is being done, e.g. 正在生成演示数据; shown with the percentage. */
  step(text: string, fraction?: number): void;
  progress(fraction: number): void;
  failed(message: string): void;
  /** The line shown now, e.g. 正在生成演示数据（41%）; null once serving. */
  status(): string | null;
  /** From now on every request goes to `app` (after `app.ready()`). */
  serve(app: FastifyInstance): void;
  /** Stops accepting connections and waits for the requests in flight (their keep-alive connections are closed). */
  close(): Promise<void>;
}

export function startupServer(): StartupServer {
  let text = '正在启动';
  let fraction: number | null = null;
  let error: string | null = null;
  let app: FastifyInstance | null = null;
  let closing = false;
  const line = () => (error ? `启动失败：${error}` : fraction === null ? text : `${text}（${Math.floor(fraction * 100)}%）`);
  const server = createServer((req, res) => {
    // Shutting down: this request is still answered, and its connection closed after it.
    if (closing) res.setHeader('Connection', 'close');
    return app ? app.routing(req, res) : answerStarting(req, res, line());
  });
  // As Fastify sets up a server it makes: idle connections kept 72 s (a proxy's keep-alive outlives Node's
  // 5 s default), no limit on receiving a request (Node's default cuts an upload at 300 s).
  server.keepAliveTimeout = 72_000;
  server.requestTimeout = 0;
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as { port: number }).port);
        });
      }),
    step(t, f) {
      text = t;
      fraction = f ?? null;
    },
    progress(f) {
      fraction = Math.max(0, Math.min(1, f));
    },
    failed(message) {
      error = message;
    },
    status: () => (app ? null : line()),
    serve(a) {
      app = a;
    },
    close: () =>
      new Promise((resolve) => {
        closing = true;
        // Keep-alive connections: each is closed as soon as its request in flight is answered.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(idle);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function answerStarting(req: IncomingMessage, res: ServerResponse, message: string) {
  const path = (req.url ?? '/').split('?')[0]!;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Retry-After', '2');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.statusCode = 503;
  if (path.startsWith('/api/') || path === '/metrics' || path.startsWith('/internal/')) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    const body = path === '/api/health' ? { status: 'starting', message } : { error: 'starting', message };
    res.end(JSON.stringify(body));
    return;
  }
  // Its own small policy: the page's one inline style sheet and nothing else.
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(req.method === 'HEAD' ? undefined : page(message));
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function page(message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>团建 · 正在启动</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;display:flex;align-items:center;justify-content:center;height:100vh;margin:0;background:#f5f5f5;color:#333}
main{text-align:center}h1{font-size:20px;font-weight:500}p{color:#888;font-size:14px}</style></head>
<body><main><h1>${escape(message)}</h1><p>团建 Tuanjian 首次启动需要准备数据库，本页每 2 秒自动刷新。</p></main></body></html>`;
}
