/**
 * The national tier's configuration (docs/scaling.md, "from plan to what runs"): the server whose
 * DATABASE_URL is the national database lists its provinces in NATIONAL_PROVINCES, a JSON array
 * `[{"code":"52","name":"贵州省","url":"postgres://user:pw@host:5432/tuanjian"}]`, and says in
 * NATIONAL_SELF_URL how the provinces reach the national database (for the ID registry's foreign table).
 * Unset: the ordinary single-server mode, nothing of the national tier is active.
 */
export interface ProvinceConfig {
  /** GB/T 2260 province code (2 digits): the foreign server is tj_prov_<code>, its schema prov_<code>. */
  code: string;
  name: string;
  /** How the national server (and the transfer coordinator) reaches the province's database. */
  url: string;
}

export interface NationalConfig {
  provinces: ProvinceConfig[];
  /** How the provinces reach the national database. */
  selfUrl: string;
}

export function parseProvinces(text: string): ProvinceConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('NATIONAL_PROVINCES 须为 JSON 数组，如 [{"code":"52","name":"贵州省","url":"postgres://…"}]');
  }
  if (!Array.isArray(raw)) throw new Error('NATIONAL_PROVINCES 须为 JSON 数组');
  const seen = new Set<string>();
  return raw.map((p: Partial<ProvinceConfig>, i) => {
    if (!p || typeof p.code !== 'string' || !/^\d{2}$/.test(p.code)) throw new Error(`NATIONAL_PROVINCES 第${i + 1}项：省份代码须为两位数字`);
    if (typeof p.name !== 'string' || !p.name.trim()) throw new Error(`NATIONAL_PROVINCES 第${i + 1}项：缺少省份名称`);
    if (typeof p.url !== 'string' || !/^postgres(ql)?:\/\//.test(p.url)) throw new Error(`NATIONAL_PROVINCES 第${i + 1}项：数据库地址须为 postgres://…`);
    if (seen.has(p.code)) throw new Error(`NATIONAL_PROVINCES：省份代码 ${p.code} 重复`);
    seen.add(p.code);
    return { code: p.code, name: p.name.trim(), url: p.url };
  });
}

export function loadNationalConfig(env: NodeJS.ProcessEnv = process.env): NationalConfig | undefined {
  if (!env.NATIONAL_PROVINCES) return undefined;
  const provinces = parseProvinces(env.NATIONAL_PROVINCES);
  const selfUrl = env.NATIONAL_SELF_URL || env.DATABASE_URL;
  if (!selfUrl) throw new Error('全国模式须使用 PostgreSQL：请设置 DATABASE_URL（及各省可达的 NATIONAL_SELF_URL）');
  return { provinces, selfUrl };
}
