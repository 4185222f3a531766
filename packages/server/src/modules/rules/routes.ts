import { sql } from 'drizzle-orm';
import { DomainError, RULE_SECTION_SCHEMAS, api, resolveRules } from '@tuanjian/domain';
import { ruleSettings } from '../../db/schema.js';
import { scoped, type RouteDef } from '../../http/route.js';

export const ruleRoutes: RouteDef[] = [
  scoped(api.rules.getRules, async ({ rules }) => ({ rules: (await rules()) as never })),
  scoped(api.rules.updateRuleSection, async ({ tx, rules }, { params, body }) => {
    const current = (await rules())[params.section] as Record<string, unknown>;
    const unknown = Object.keys(body).filter((k) => !(k in current));
    if (unknown.length) throw new DomainError('unknown_rule', `未知的规则项：${unknown.join('、')}`);
    const parsed = RULE_SECTION_SCHEMAS[params.section].safeParse({ ...current, ...body });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DomainError('invalid_rule', `规则项 ${String(issue.path[0])}：${issue.message}`, String(issue.path[0]));
    }
    await tx
      .insert(ruleSettings)
      .values({ section: params.section, value: parsed.data })
      .onConflictDoUpdate({ target: ruleSettings.section, set: { value: parsed.data, updatedAt: sql`now()` } });
    const fresh = await tx.select().from(ruleSettings);
    return { rules: resolveRules(Object.fromEntries(fresh.map((r) => [r.section, r.value]))) as never };
  }),
];
