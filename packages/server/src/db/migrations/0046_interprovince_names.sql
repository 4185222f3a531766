-- 跨省转接 on the provinces' own pages: the other side's province and organization by name, as the
-- national coordinator knows them when it writes the row (national/transfer.ts); a province's database
-- holds no other province's names.
ALTER TABLE "interprovince_transfers" ADD COLUMN IF NOT EXISTS "other_province_name" text;
--> statement-breakpoint
ALTER TABLE "interprovince_transfers" ADD COLUMN IF NOT EXISTS "other_org_name" text;
