import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '@tuanjian/domain';
import { allRoutes } from '../../src/app.js';
import type { Database } from '../../src/db/connection.js';

/**
 * Every id a request names is checked by the route layer (http/input-checks.ts)
 * from the contract's `refs` (in the caller's scope) or `outsideRefs` (checked
 * their own way). This walks every contract's params, query and body and fails
 * when a field named like an id is declared in neither, so a new field cannot
 * skip the check by being forgotten.
 */

/** Id-like fields that name no record the route layer could look up, each with why. */
const EXEMPT: Record<string, string> = {
  'GET /api/audit query.entityId':
    'filters the audit log by the changed record of any kind (entity); the log is row-scoped itself, so an id outside the scope only finds nothing',
  'POST /api/national/transfers body.toOrgId':
    'an organization of the receiving province’s own database, not of the national one: national/transfer-routes.ts checks it there (an active branch) before anything is written',
  'POST /api/national/requests/:province/:id/start params.id':
    'a 跨省转出申请 on the sending province’s own database (params.province), not the national one: national/requests.ts reads it there, open, before anything is written',
  'POST /api/national/requests/:province/:id/start body.toOrgId':
    'an organization of the receiving province’s own database: national/transfer-routes.ts checks it there (an active branch) before anything is written',
  'POST /api/national/requests/:province/:id/decline params.id':
    'a 跨省转出申请 on the sending province’s own database (params.province): national/requests.ts finds it there, open, before declining it',
  'POST /api/daily-work/corrections/resolve body.requestId':
    'a correction request is an audit-log row of the person in body.personId (declared); the service finds it only among that person’s requests',
};

const ID_NAME = /^id$|Id$|Ids$/;

function unwrap(s: z.ZodType): z.ZodType {
  let cur: z.ZodType = s;
  for (let i = 0; i < 20; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault || cur instanceof z.ZodPrefault || cur instanceof z.ZodCatch || cur instanceof z.ZodReadonly) {
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodPipe) {
      // preprocess / transform: the structure is on the side that is not a transform.
      cur = (cur.in instanceof z.ZodTransform ? cur.out : cur.in) as z.ZodType;
    } else if (cur instanceof z.ZodLazy) {
      cur = cur.unwrap() as z.ZodType;
    } else break;
  }
  return cur;
}

/** Every field path of a schema in the refs notation: "body.items[].personId"; arrays of ids end the path. */
function fieldPaths(schema: z.ZodType, prefix: string, out: string[] = []): string[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      const path = `${prefix}.${key}`;
      out.push(path);
      const inner = unwrap(child);
      if (inner instanceof z.ZodArray) fieldPaths(inner.element as z.ZodType, `${path}[]`, out);
      else fieldPaths(inner, path, out);
    }
  } else if (s instanceof z.ZodUnion || s instanceof z.ZodDiscriminatedUnion) {
    for (const option of s.options as z.ZodType[]) fieldPaths(option, prefix, out);
  } else if (s instanceof z.ZodIntersection) {
    fieldPaths(s._zod.def.left as z.ZodType, prefix, out);
    fieldPaths(s._zod.def.right as z.ZodType, prefix, out);
  }
  return out;
}

/** Every contract the domain declares (each module of `api`). */
function contracts(): api.Contract[] {
  const seen = new Set<api.Contract>();
  for (const mod of Object.values(api)) {
    if (!mod || typeof mod !== 'object') continue;
    for (const value of Object.values(mod as Record<string, unknown>)) {
      const c = value as api.Contract;
      if (c && typeof c === 'object' && typeof c.method === 'string' && typeof c.path === 'string' && 'response' in c) seen.add(c);
    }
  }
  return [...seen];
}

const inputPaths = (c: api.Contract) => (['params', 'query', 'body'] as const).flatMap((part) => (c[part] ? fieldPaths(c[part], part) : []));

describe('contract refs', () => {
  const all = contracts();

  it('walks every contract the server registers', () => {
    const registered = allRoutes({} as Database, { cookieSecure: false }).map((r) => r.contract);
    expect(registered.length).toBeGreaterThan(100);
    const missing = registered.filter((c) => !all.includes(c)).map((c) => `${c.method} ${c.path}`);
    expect(missing).toEqual([]);
  });

  it('every id-like input is declared in refs or outsideRefs (or exempt with a reason)', () => {
    const undeclared: string[] = [];
    for (const c of all) {
      const declared = new Set([...Object.keys(c.refs ?? {}), ...Object.keys(c.outsideRefs ?? {})]);
      for (const path of inputPaths(c)) {
        const name = path.slice(path.lastIndexOf('.') + 1);
        if (!ID_NAME.test(name) || declared.has(path)) continue;
        if (EXEMPT[`${c.method} ${c.path} ${path}`]) continue;
        undeclared.push(`${c.method} ${c.path}: ${path}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('every declared ref names a field of the contract, in one list only', () => {
    const stale: string[] = [];
    for (const c of all) {
      const paths = new Set(inputPaths(c));
      for (const ref of [...Object.keys(c.refs ?? {}), ...Object.keys(c.outsideRefs ?? {})]) {
        if (!paths.has(ref)) stale.push(`${c.method} ${c.path}: ${ref} is not an input`);
        if (c.refs?.[ref] && c.outsideRefs?.[ref]) stale.push(`${c.method} ${c.path}: ${ref} is both in refs and outsideRefs`);
      }
    }
    expect(stale).toEqual([]);
  });

  it('the exemptions still name fields that exist', () => {
    const present = new Set(all.flatMap((c) => inputPaths(c).map((p) => `${c.method} ${c.path} ${p}`)));
    expect(Object.keys(EXEMPT).filter((k) => !present.has(k))).toEqual([]);
  });
});
