-- The Chinese summary of a ticket's finding on the board, so the console's
-- ticket cards read Chinese without folding each ticket's events. The
-- events already carry summary_zh / fix_zh (JSON in `after`); tickets opened
-- before keep '' and the console shows their English title.
ALTER TABLE ticket_board
    ADD COLUMN IF NOT EXISTS summary_zh String DEFAULT '';
