import type { FastifyInstance } from 'fastify';

/**
 * The server listens before the database is migrated and the demo county loaded (a first start
 * takes a minute at full scale): until `ready()` every request is answered here — pages with a
 * self-refreshing "正在生成演示数据（41%）" page, the API with 503 and the same words.
 */
export interface StartupGate {
  /** What is being done, e.g. 正在生成演示数据; shown with the percentage. */
  step(text: string, fraction?: number): void;
  progress(fraction: number): void;
  ready(): void;
  failed(message: string): void;
  /** The line shown now, e.g. 正在生成演示数据（41%）; null once ready. */
  status(): string | null;
}

export function startupGate(app: FastifyInstance): StartupGate {
  let text = '正在启动';
  let fraction: number | null = null;
  let open = false;
  let error: string | null = null;
  const line = () => (error ? `启动失败：${error}` : fraction === null ? text : `${text}（${Math.floor(fraction * 100)}%）`);
  app.addHook('onRequest', async (req, reply) => {
    if (open) return;
    const message = line();
    reply.header('Cache-Control', 'no-store').header('Retry-After', '2');
    if (req.url.startsWith('/api/') || req.url === '/metrics') {
      return reply.status(503).send({ error: 'starting', message });
    }
    // Its own small policy: the page's one inline style sheet and nothing else.
    reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return reply.status(503).type('text/html; charset=utf-8').send(page(message));
  });
  return {
    step(t, f) {
      text = t;
      fraction = f ?? null;
    },
    progress(f) {
      fraction = Math.max(0, Math.min(1, f));
    },
    ready() {
      open = true;
    },
    failed(message) {
      error = message;
    },
    status: () => (open ? null : line()),
  };
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function page(message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>团建 · 正在启动</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;display:flex;align-items:center;justify-content:center;height:100vh;margin:0;background:#f5f5f5;color:#333}
main{text-align:center}h1{font-size:20px;font-weight:500}p{color:#888;font-size:14px}</style></head>
<body><main><h1>${escape(message)}</h1><p>团建 Tuanjian 首次启动需要准备数据库，本页每 2 秒自动刷新。</p></main></body></html>`;
}
