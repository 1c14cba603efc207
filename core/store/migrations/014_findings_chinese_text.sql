-- Each finding's summary and fix in Simplified Chinese, next to the English
-- ones (which alerts, notifications and tickets keep reading). Findings
-- stored before this migration keep '' and the console shows their English.
ALTER TABLE findings
    ADD COLUMN IF NOT EXISTS summary_zh String DEFAULT '',
    ADD COLUMN IF NOT EXISTS fix_zh String DEFAULT '';
