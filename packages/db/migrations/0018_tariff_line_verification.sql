-- Whether a tariff line's rates were checked against a source (issue 14, item 4; decision 0026). A line is
-- verified only when its MFN duty and VAT rates were confirmed; `verification` says how each was checked.
-- Existing lines, and lines an administrator adds, start unverified: the UI marks them 未核实.
ALTER TABLE tariff_lines ADD COLUMN verified boolean NOT NULL DEFAULT false;
ALTER TABLE tariff_lines ADD COLUMN verification text;
