-- 通知公告 (issue 12): "reply required" with a form the sender defines (text / number / date / choice fields);
-- each receiving organization's reply carries its answers by field key.
ALTER TABLE "notices" ADD COLUMN "reply_form" jsonb;
--> statement-breakpoint
ALTER TABLE "notice_replies" ADD COLUMN "answers" jsonb;
