import { sql } from 'drizzle-orm';
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_VALIDITY_LABELS,
  api,
  documentValidity,
  isDocumentCode,
  maskName,
  normalizeDocumentCode,
  type VerifiableDocumentKind,
} from '@tuanjian/domain';
import type { Database } from '../../db/connection.js';
import { withSystem } from '../../db/context.js';
import { query } from '../../db/sql.js';
import { publicRateLimiter } from '../../http/public-limits.js';
import { raw, type RouteDef } from '../../http/route.js';
import { today } from '../../lib/clock.js';

/*
 * The public check of a 团员证明 or 介绍信 (no login): whoever holds the paper
 * scans its QR code or types its code and learns whether it is genuine, who
 * issued it and when, whether it is still valid or was revoked, and the name
 * masked. One narrow, parameterized read of one row by its code; nothing else
 * is reachable from here. Rate-limited per client address like the other
 * public routes (a code is not guessable: 32^12).
 */

export const VERIFY_RATE_LIMITS = { verify: 30 } as const;
const limit = publicRateLimiter('documents', VERIFY_RATE_LIMITS);

export function documentPublicRoutes(database: Database): RouteDef[] {
  return [
    raw(api.documents.verifyDocument, async (req, _reply, { params }) => {
      await limit(req, 'verify');
      const code = normalizeDocumentCode(params.code);
      const none = { genuine: false, code, kindLabel: null, nameMasked: null, issuerName: null, issuedOn: null, validUntil: null, validity: null, validityLabel: null, revokedOn: null, toOrgName: null };
      if (!isDocumentCode(code)) return none;
      const [row] = await withSystem(database, 'document verification', (tx) =>
        query<{ kind: VerifiableDocumentKind; subject_name: string; issuer_name: string; issued_on: string; valid_until: string; revoked_on: string | null; to_org_name: string | null }>(
          tx,
          sql`select d.kind, d.subject_name, d.issuer_name, d.issued_on::text as issued_on, d.valid_until::text as valid_until, d.revoked_on::text as revoked_on,
                     o.name as to_org_name
                from document_issues d left join transfers t on t.id = d.transfer_id left join organizations o on o.id = t.to_org_id
               where d.code = ${code}`,
        ),
      );
      if (!row) return none;
      const validity = documentValidity({ validUntil: row.valid_until, revokedOn: row.revoked_on }, today());
      return {
        genuine: true,
        code,
        kindLabel: DOCUMENT_KIND_LABELS[row.kind],
        nameMasked: maskName(row.subject_name),
        issuerName: row.issuer_name,
        issuedOn: row.issued_on,
        validUntil: row.valid_until,
        validity,
        validityLabel: DOCUMENT_VALIDITY_LABELS[validity],
        revokedOn: row.revoked_on,
        toOrgName: row.to_org_name,
      };
    }),
  ];
}
