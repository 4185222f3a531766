import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

/**
 * Per-address limits for the routes that need no login (青年之声, 入团申请):
 * `max` requests per client address and minute for each named action, with
 * @fastify/rate-limit's own limiter (the same store as the login limit).
 * Returns `limit(req, name)`, which answers 429 in Chinese past the limit.
 */
export function publicRateLimiter<N extends string>(prefix: string, limits: Readonly<Record<N, number>>) {
  const limiters = new WeakMap<FastifyInstance, Map<N, ReturnType<FastifyInstance['createRateLimit']>>>();
  return async function limit(req: FastifyRequest, name: N) {
    let byName = limiters.get(req.server);
    if (!byName) limiters.set(req.server, (byName = new Map()));
    let limiter = byName.get(name);
    if (!limiter) {
      limiter = req.server.createRateLimit({ max: limits[name], timeWindow: 60_000, keyGenerator: (r) => `${prefix}:${name}:${r.ip}` });
      byName.set(name, limiter);
    }
    const result = await limiter(req);
    if (!result.isAllowed && result.isExceeded) throw new HttpError(429, 'too_many_requests', '请求过于频繁，请稍后再试');
  };
}
