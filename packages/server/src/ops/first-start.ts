import { sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { withSystem } from '../db/context.js';
import { generatePassword, hashPassword } from '../modules/auth/passwords.js';

/**
 * A database started from the cached demo (ops/demo-snapshot.ts) holds the platform administrator
 * made when the copy was generated: here it gets a new one-time password, as a fresh start would,
 * and every session is dropped. Returns the line to print.
 */
export async function renewAdminPassword(database: Database): Promise<string> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  await withSystem(database, '系统初始化', async (tx) => {
    await tx.execute(sql`update accounts set password_hash = ${hash}, must_change_password = true where username = 'admin' and role = 'platform_admin'`);
    await tx.execute(sql`delete from sessions`);
  });
  return `平台管理员 admin 的初始密码（只显示这一次，首次登录须修改）: ${password}`;
}
