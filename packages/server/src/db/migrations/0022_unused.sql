-- Intentionally empty. Migration numbers were handed out to parallel work in one session;
-- this one needed no schema change. Kept so that the numbering of the migrations after it stays.
SELECT 1;
